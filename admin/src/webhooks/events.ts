/** The events an endpoint can subscribe to, as the api names them; `*` is every one. */
export const WEBHOOK_EVENT_CHOICES = [
  '*',
  'message.new',
  'message.edited',
  'message.deleted',
  'message.recalled',
  'member.joined',
  'member.left',
  'conversation.created',
  'notification',
  'user.banned',
  'user.erased',
  'flag.created',
].map((id) => ({ id, name: id === '*' ? 'every event' : id }));
