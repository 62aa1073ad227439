import { errorCatalogue, requestSchemas } from '@confab/sdk/protocol';

import { userApiRoutes } from '../routes/client-api.js';
import { serverApiDocs } from '../routes/server-docs.js';
import type { ApiDoc } from './api-doc.js';
import { jsonSchemaOf, queryParameters } from './schema.js';

/**
 * The OpenAPI 3.1 document of the REST API, made from the zod schemas the routes validate
 * with, so the description cannot drift from what the server accepts. The user API's routes
 * come from the request catalogue (the same requests as the realtime API), the server API's
 * from its route table.
 */

const pathParams = (path: string) => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

const errorBody = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.keys(errorCatalogue) },
        message: { type: 'string' },
        details: { type: 'array', items: { type: 'object' } },
        retryAfter: { type: 'integer', description: 'seconds, for rate_limited' },
      },
    },
  },
};

function operation(doc: ApiDoc, security: string, tag: string) {
  const params = pathParams(doc.path);
  const parameters: object[] = params.map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const op: Record<string, unknown> = {
    tags: [tag],
    summary: doc.summary,
    security: [{ [security]: [] }],
    parameters,
    responses: {
      '2XX': { description: 'The answer', content: { 'application/json': { schema: {} } } },
      default: {
        description: 'A refusal or failure, in the one error shape',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    },
  };
  if (doc.query) parameters.push(...queryParameters(jsonSchemaOf(doc.query, params)));
  if (doc.body) {
    op.requestBody = {
      required: true,
      content: { 'application/json': { schema: jsonSchemaOf(doc.body, params) } },
    };
  }
  return op;
}

/** The user API's routes as docs: each runs the catalogue request of its name. */
function userDocs(): ApiDoc[] {
  return userApiRoutes.map(([method, path, name]) => {
    const schema = requestSchemas[name];
    const inQuery = method === 'get' || method === 'delete';
    return {
      method,
      path: `/v1${path}`,
      summary: `${name} (also a realtime request of that name)`,
      ...(inQuery ? { query: schema } : { body: schema }),
    };
  });
}

let built: object | undefined;

export function openApiDocument(): object {
  if (built) return built;
  const paths: Record<string, Record<string, unknown>> = {};
  const add = (doc: ApiDoc, security: string, tag: string) => {
    const key = openApiPath(doc.path);
    paths[key] = { ...paths[key], [doc.method]: operation(doc, security, tag) };
  };
  for (const doc of userDocs()) add(doc, 'userToken', 'User API');
  for (const doc of serverApiDocs) add(doc, 'apiKey', 'Server API');
  built = {
    openapi: '3.1.0',
    info: {
      title: 'Confab REST API',
      version: '1',
      description:
        'The user API (`/v1`, a user token as Bearer) and the server API for tenant backends ' +
        '(`/server/v1`, HTTP Basic with an API key id and secret). Every error answer is ' +
        '`{ error: { code, message, details? } }`.',
    },
    paths,
    components: {
      securitySchemes: {
        userToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        apiKey: { type: 'http', scheme: 'basic' },
      },
      schemas: { Error: errorBody },
    },
  };
  return built;
}
