// Prints jest's totals as one plain line ("N passed, N failed"), which CI reads.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.data/test-results.json';
const results = JSON.parse(readFileSync(file, 'utf8'));
console.log(
  `jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`,
);
if (results.numTotalTests === 0) {
  console.error('jest ran no test');
  process.exit(1);
}
