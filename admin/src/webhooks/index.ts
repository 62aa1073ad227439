import WebhookIcon from '@mui/icons-material/Webhook';

import { WebhookCreate } from './webhook-create';
import { WebhookEdit } from './webhook-edit';
import { WebhookList } from './webhook-list';
import { WebhookShow } from './webhook-show';

export const webhooks = {
  list: WebhookList,
  show: WebhookShow,
  edit: WebhookEdit,
  create: WebhookCreate,
  icon: WebhookIcon,
  recordRepresentation: 'url',
};
