// Minifies the JavaScript of a build (wasm-bindgen's glue: names shortened, whitespace and dead
// code gone) and updates the integrity hashes trunk wrote for it, so a phone downloads less and
// the browser still checks what it loads. Run by trunk after each build, before the files are
// compressed (Trunk.toml hook, in its staging folder), or by hand: node scripts/minify.mjs DIR
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { minify } from 'terser';

const dir = process.env.TRUNK_STAGING_DIR ?? process.argv[2];
if (!dir) {
  console.error('usage: node scripts/minify.mjs DIR');
  process.exit(2);
}
const digest = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

// Every script of the build, in folders too (the editor's split wasm is in e/cradle-{hash}/).
const names = readdirSync(dir, { recursive: true });
const swaps = [];
for (const name of names.filter((n) => n.endsWith('.js'))) {
  const path = join(dir, name);
  const source = readFileSync(path, 'utf8');
  // An ES module: its exports keep their names; wasm's imports are object keys, never renamed.
  const { code } = await minify(source, { module: true, compress: true, mangle: true });
  writeFileSync(path, code);
  swaps.push([digest(source), digest(code)]);
}
for (const name of names.filter((n) => n.endsWith('.html'))) {
  const path = join(dir, name);
  let html = readFileSync(path, 'utf8');
  for (const [before, after] of swaps) html = html.replaceAll(before, after);
  writeFileSync(path, html);
}
