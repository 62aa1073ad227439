import type { ApiDoc } from '../openapi/api-doc.js';
import { issueTokenSchema, upsertUsersSchema } from './server-api.js';
import {
  addMembersSchema,
  contactsSchema,
  conversationUpdateSchema,
  groupSchema,
  postSchema,
} from './server-conversations.js';
import { deliveriesQuery, webhookCreateSchema, webhookUpdateSchema } from './server-webhooks.js';

/**
 * The server API's routes for the OpenAPI document, each with the schemas its handler
 * validates with. A suite checks that every route the router serves is listed here.
 */
export const serverApiDocs: ApiDoc[] = [
  {
    method: 'post',
    path: '/server/v1/users',
    summary: 'Create or update users (up to 1,000)',
    body: upsertUsersSchema,
  },
  { method: 'get', path: '/server/v1/users/:userId', summary: 'One user' },
  {
    method: 'post',
    path: '/server/v1/tokens',
    summary: 'Issue a user token',
    body: issueTokenSchema,
  },
  {
    method: 'post',
    path: '/server/v1/contacts',
    summary: 'Make users contacts both ways',
    body: contactsSchema,
  },
  {
    method: 'delete',
    path: '/server/v1/contacts',
    summary: 'End contacts both ways',
    body: contactsSchema,
  },
  {
    method: 'post',
    path: '/server/v1/conversations/groups',
    summary: 'Create a group',
    body: groupSchema,
  },
  { method: 'get', path: '/server/v1/conversations/:conversationId', summary: 'One conversation' },
  {
    method: 'patch',
    path: '/server/v1/conversations/:conversationId',
    summary: 'Rename, change the avatar, read-only, disappearing messages',
    body: conversationUpdateSchema,
  },
  {
    method: 'post',
    path: '/server/v1/conversations/:conversationId/members',
    summary: 'Add up to 20,000 members',
    body: addMembersSchema,
  },
  {
    method: 'delete',
    path: '/server/v1/conversations/:conversationId/members/:userId',
    summary: 'Remove a member',
  },
  {
    method: 'post',
    path: '/server/v1/conversations/:conversationId/messages',
    summary: 'Post as a member, even where members may not',
    body: postSchema,
  },
  {
    method: 'post',
    path: '/server/v1/users/:userId/export',
    summary: 'Queue an export of a user’s data',
  },
  {
    method: 'post',
    path: '/server/v1/users/:userId/erase',
    summary: 'Queue the erase of a user’s data',
  },
  {
    method: 'get',
    path: '/server/v1/data-requests/:id',
    summary: 'An export or erase, with its progress',
  },
  {
    method: 'get',
    path: '/server/v1/data-requests/:id/archive',
    summary: 'A finished export, as JSON Lines',
  },
  {
    method: 'post',
    path: '/server/v1/webhooks',
    summary: 'Register an endpoint (its secret is answered once)',
    body: webhookCreateSchema,
  },
  { method: 'get', path: '/server/v1/webhooks', summary: 'The endpoints' },
  {
    method: 'patch',
    path: '/server/v1/webhooks/:id',
    summary: 'Change an endpoint',
    body: webhookUpdateSchema,
  },
  { method: 'delete', path: '/server/v1/webhooks/:id', summary: 'Remove an endpoint' },
  {
    method: 'post',
    path: '/server/v1/webhooks/:id/rotate-secret',
    summary: 'A new signing secret, answered once',
  },
  {
    method: 'get',
    path: '/server/v1/webhooks/:id/deliveries',
    summary: 'An endpoint’s delivery log',
    query: deliveriesQuery,
  },
  { method: 'post', path: '/server/v1/deliveries/:id/redeliver', summary: 'Send a delivery again' },
];
