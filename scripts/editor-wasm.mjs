// Puts the editor's split wasm (scripts/build-editor: the main module, its JS, the chunks and
// their loader) into a build and starts it from the page. Run by trunk's post-build hook
// (scripts/post-build.mjs) when CRADLE_EDITOR_WASM names that folder, before the files are
// minified and compressed. The files go to e/cradle-{hash}/ (the hash is of all of them), so they
// reference each other by their plain names and the server caches the folder for a year.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';

const from = process.env.CRADLE_EDITOR_WASM;
const staging = process.env.TRUNK_STAGING_DIR;
const base = process.env.TRUNK_PUBLIC_URL ?? '/';
if (!from || !staging) {
  console.error('editor-wasm: needs CRADLE_EDITOR_WASM and TRUNK_STAGING_DIR');
  process.exit(2);
}

const files = readdirSync(from).sort().map((name) => [name, readFileSync(join(from, name))]);
const wanted = ['cradle.js', 'cradle_bg.wasm', '__wasm_split.js'];
if (!wanted.every((want) => files.some(([name]) => name === want))) {
  console.error(`editor-wasm: ${from} lacks one of ${wanted.join(', ')}: run scripts/build-editor`);
  process.exit(1);
}
const hash = createHash('sha256');
for (const [name, bytes] of files) hash.update(name).update(bytes);
const folder = `e/cradle-${hash.digest('hex').slice(0, 16)}`;
mkdirSync(join(staging, folder), { recursive: true });
for (const [name, bytes] of files) writeFileSync(join(staging, folder, name), bytes);

// The main module and its wasm are fetched while the page parses; chunks only when first used.
const url = `${base}${folder}`;
// The loader is the main module's import: preloaded too, or it waits for the main module's arrival.
const start = [
  `<link rel="modulepreload" href="${url}/cradle.js" crossorigin>`,
  `<link rel="modulepreload" href="${url}/__wasm_split.js" crossorigin>`,
  `<link rel="preload" href="${url}/cradle_bg.wasm" as="fetch" type="application/wasm" crossorigin>`,
  `<script type="module">import init from '${url}/cradle.js';init({module_or_path:'${url}/cradle_bg.wasm'});</script>`,
].join('\n');
const page = join(staging, 'index.html');
const html = readFileSync(page, 'utf8');
if (!html.includes('</head>')) {
  console.error(`editor-wasm: ${page} has no </head>`);
  process.exit(1);
}
writeFileSync(page, html.replace('</head>', `${start}\n</head>`));
console.log(`editor-wasm: ${files.length} files in ${folder}`);
