// `npm run size -w sdk`: the gzipped size of the SDK as a browser app ships it (minified,
// bundled by esbuild), without socket.io-client (which apps may share) and with it. Fails when
// the SDK alone passes its budget.
import { gzipSync } from 'node:zlib';

import { build } from 'esbuild';

const BUDGET_BYTES = 25 * 1024;

async function gzippedSize(external) {
  const result = await build({
    entryPoints: [new URL('../src/index.ts', import.meta.url).pathname],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    external,
    write: false,
  });
  const code = result.outputFiles[0].contents;
  return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const alone = await gzippedSize(['socket.io-client']);
const whole = await gzippedSize([]);
console.log(`@confab/sdk alone:          ${kb(alone.gzip)} gzipped (${kb(alone.raw)} minified)`);
console.log(`with socket.io-client:      ${kb(whole.gzip)} gzipped (${kb(whole.raw)} minified)`);
console.log(`budget without socket.io:   ${kb(BUDGET_BYTES)}`);
if (alone.gzip > BUDGET_BYTES) {
  console.error('over budget');
  process.exit(1);
}
