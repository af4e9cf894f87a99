// What trunk runs after each build, in its staging folder, one step after the other: put the
// editor's split wasm in when scripts/build-web asks (scripts/editor-wasm.mjs), minify the
// JavaScript (scripts/minify.mjs), then precompress every file (scripts/precompress.mjs).
if (process.env.CRADLE_EDITOR_WASM) await import('./editor-wasm.mjs');
await import('./minify.mjs');
await import('./precompress.mjs');
