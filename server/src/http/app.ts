import { randomUUID } from 'node:crypto';

import cors from 'cors';
import express from 'express';
import type { Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';

import type { AppContext } from '../context.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { adminApiRoutes } from './routes/admin-api.js';
import { adminConsoleRoutes } from './routes/admin-console.js';
import { clientApiRoutes } from './routes/client-api.js';
import { docsRoutes } from './routes/docs.js';
import { healthRoutes } from './routes/health.js';
import { serverApiRoutes } from './routes/server-api.js';
import { widgetRoutes } from './routes/widget.js';

/** Largest JSON body accepted; larger ones get `payload_too_large`. */
const BODY_LIMIT = '2mb';

const USER_API_CORS: cors.CorsOptions = {
  origin: true,
  credentials: false,
  allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
  maxAge: 600,
};

/**
 * The REST side of the api: `/healthz` and `/readyz`, the server API for tenant backends at
 * `/server/v1`, the user API at `/v1`, the widget at `/widget.js`, and the admin console with
 * its API at `/admin`. A factory, so tests can drive it with supertest.
 */
export function createHttpApp(app: AppContext): Express {
  const http = express();
  http.disable('x-powered-by');
  http.set('trust proxy', 'loopback');

  http.use(helmet());
  http.use(
    pinoHttp({
      logger: app.log,
      genReqId: (req) => {
        const given = req.headers['x-request-id'];
        return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
      },
      customLogLevel: (_req, res, error) => {
        if (error || res.statusCode >= 500) return 'error';
        return 'debug';
      },
    }),
  );
  http.use(express.json({ limit: BODY_LIMIT }));

  http.use(healthRoutes(app));
  http.use(docsRoutes());
  http.use(widgetRoutes(app));
  http.use('/server/v1', serverApiRoutes(app));
  // Tenants' pages call the user API from their own origins: any origin may ask, with a
  // bearer token and no cookies; which origins a tenant allows is checked once its token is.
  http.use('/v1', cors(USER_API_CORS), clientApiRoutes(app));
  http.use('/admin/api', adminApiRoutes(app));
  http.use('/admin', adminConsoleRoutes(app.config));

  http.use(notFoundHandler);
  http.use(errorHandler);
  return http;
}
