// `npm run size -w widget` (and every build): the gzipped size of dist/widget.js, SDK and
// socket.io-client included. Fails past the budget, so a build cannot ship a heavier widget.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 90 * 1024;

const code = await readFile(new URL('../dist/widget.js', import.meta.url));
const gzip = gzipSync(code, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`widget.js: ${kb(gzip)} gzipped (${kb(code.length)} minified), budget ${kb(BUDGET_BYTES)}`);
if (gzip > BUDGET_BYTES) {
  console.error(`widget.js is over its budget by ${kb(gzip - BUDGET_BYTES)}`);
  process.exit(1);
}
