// Fails when ARCHITECTURE.md names (in backquotes) a repository path that no longer exists.
import { existsSync, readFileSync } from 'node:fs';

const text = readFileSync('ARCHITECTURE.md', 'utf8');
const paths = [...text.matchAll(/`([\w./-]+\/[\w./-]*)`/g)].map((m) => m[1]);
const missing = paths.filter((p) => !existsSync(p));
if (missing.length > 0) {
  console.error(`ARCHITECTURE.md names paths that do not exist: ${missing.join(', ')}`);
  process.exit(1);
}
console.log(`ARCHITECTURE.md: ${paths.length} paths checked`);
