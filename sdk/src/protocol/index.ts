export * from './errors.js';
export * as field from './fields.js';
export { codePointLength } from './fields.js';
export * from './models.js';
export * from './changes.js';
export * from './requests/index.js';
export * from './events.js';
export * from './webhooks.js';
