// What trunk runs after each build, in its staging folder, one step after the other: minify the
// JavaScript (scripts/minify.mjs), then precompress every file (scripts/precompress.mjs).
await import('./minify.mjs');
await import('./precompress.mjs');
