import { WEBHOOK_EVENTS } from '@confab/sdk/protocol';

/** The events an endpoint can subscribe to, as the api names them; `*` is every one. */
export const WEBHOOK_EVENT_CHOICES = ['*', ...WEBHOOK_EVENTS].map((id) => ({
  id,
  name: id === '*' ? 'every event' : id,
}));
