import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import { Router } from 'express';

import { openApiDocument } from '../openapi/document.js';

/** The files of Swagger UI the docs page loads, from its npm package. */
const UI_FILES = ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js'];
const uiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

// The page and its start-up script are files of their own: the api's policy allows no inline
// script.
const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Confab REST API</title>
    <link rel="stylesheet" href="/docs/assets/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/assets/swagger-ui-bundle.js"></script>
    <script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
    <script src="/docs/start.js"></script>
  </body>
</html>
`;

const START = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
});
`;

/** `/openapi.json`, the REST API described from its own schemas, and `/docs` to browse it. */
export function docsRoutes(): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(PAGE);
  });
  router.get('/docs/start.js', (_req, res) => {
    res.type('application/javascript').send(START);
  });
  router.get('/docs/assets/:file', (req, res, next) => {
    const file = req.params.file;
    if (!UI_FILES.includes(file)) return next();
    res.sendFile(join(uiDir, file), { maxAge: '1d' });
  });
  return router;
}
