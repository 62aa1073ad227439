// The single-file browser build, socket.io-client included, for a <script type="module"> or
// a CDN: dist/browser/confab.js. Package users import dist/index.js through their bundler.
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('../src/index.ts', import.meta.url).pathname],
  outfile: new URL('../dist/browser/confab.js', import.meta.url).pathname,
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  logLevel: 'warning',
});
