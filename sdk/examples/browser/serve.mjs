// Serves the browser example and the SDK's browser build, and hands the page the demo's URL
// and tokens. Run `npm run demo` and `npm run build -w sdk` first, then:
//   node sdk/examples/browser/serve.mjs    (and open http://127.0.0.1:5173)
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';

const here = (path) => new URL(path, import.meta.url);
const files = {
  '/': [here('./index.html'), 'text/html'],
  '/app.js': [here('./app.js'), 'text/javascript'],
  '/sdk/confab.js': [here('../../dist/browser/confab.js'), 'text/javascript'],
  '/sdk/confab.js.map': [here('../../dist/browser/confab.js.map'), 'application/json'],
  '/demo.json': [
    process.env.CONFAB_DEMO_FILE ?? here('../../../.confab/demo/demo.json'),
    'application/json',
  ],
};
const port = Number(process.env.PORT ?? 5173);

createServer(async (req, res) => {
  const route = files[new URL(req.url ?? '/', 'http://x').pathname];
  if (!route) return res.writeHead(404).end();
  try {
    let body = await readFile(route[0]);
    if (route[1] === 'application/json' && req.url === '/demo.json') {
      // Only what the page needs: never the API secret.
      const { url, tokens } = JSON.parse(body.toString());
      body = Buffer.from(JSON.stringify({ url, tokens }));
    }
    res.writeHead(200, { 'content-type': route[1] }).end(body);
  } catch {
    res.writeHead(404).end();
  }
}).listen(port, '127.0.0.1', () => console.log(`open http://127.0.0.1:${port}`));
