// Adds up the counts that cargo test and node's test runner printed into LOG and prints one
// closing line: "summary: N passed, N failed, N skipped".
import { readFileSync } from 'node:fs';

const log = readFileSync(process.argv[2], 'utf8');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const m of log.matchAll(/test result: \w+\. (\d+) passed; (\d+) failed; (\d+) ignored/g)) {
  passed += Number(m[1]);
  failed += Number(m[2]);
  skipped += Number(m[3]);
}
for (const m of log.matchAll(/^ℹ (pass|fail|skipped) (\d+)$/gm)) {
  if (m[1] === 'pass') passed += Number(m[2]);
  if (m[1] === 'fail') failed += Number(m[2]);
  if (m[1] === 'skipped') skipped += Number(m[2]);
}
console.log(`summary: ${passed} passed, ${failed} failed, ${skipped} skipped`);
