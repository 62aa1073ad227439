export * from './errors.js';
export * as field from './fields.js';
export { codePointLength } from './fields.js';
export * from './models.js';
export * from './requests.js';
export * from './events.js';
