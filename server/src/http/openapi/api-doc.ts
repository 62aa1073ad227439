import type { z } from 'zod';

/** One route of the REST API as the OpenAPI document describes it. */
export interface ApiDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The Express path, `/users/:userId`; the document writes it `/users/{userId}`. */
  path: string;
  summary: string;
  /** The schema the route validates its JSON body with. */
  body?: z.ZodType;
  /** The schema it validates its query string with. */
  query?: z.ZodType;
}
