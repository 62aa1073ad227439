// Bundles the widget, the SDK and socket.io-client into one IIFE, dist/widget.js, whose only
// global is `Confab`. The api serves it at /widget.js.
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('../src/index.ts', import.meta.url).pathname],
  outfile: new URL('../dist/widget.js', import.meta.url).pathname,
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  legalComments: 'none',
  logLevel: 'warning',
});
