/**
 * Every word the widget shows, in one table. A tenant translates the widget by passing some or
 * all of these keys as `strings` to `Confab.init`; `{name}`-style slots are filled in.
 */
export const englishStrings = {
  openChat: 'Open chat',
  closeChat: 'Close chat',
  unreadBadge: '{count} unread',
  title: 'Messages',
  tabChats: 'Chats',
  tabContacts: 'Contacts',
  newChat: 'New chat',
  back: 'Back',
  noChats: 'No conversations yet. Start one with a contact.',
  noContacts: 'No contacts yet.',
  online: 'Online',
  offline: 'Offline',
  lastSeen: 'Last seen {time}',
  justNow: 'just now',
  minutesAgo: '{count} min ago',
  hoursAgo: '{count} h ago',
  today: 'Today',
  yesterday: 'Yesterday',
  you: 'You',
  /** Who made a change through the tenant's own systems rather than a user. */
  appActor: 'The team',
  tooLong: 'This message is too long.',
  pickContacts: 'Pick one or more contacts',
  groupTitle: 'Group name',
  groupTitlePlaceholder: 'Name the group',
  startChat: 'Start chat',
  members: '{count} members',
  typingOne: '{name} is typing…',
  typingMany: '{count} people are typing…',
  composerLabel: 'Write a message',
  composerPlaceholder: 'Write a message…',
  send: 'Send',
  like: 'Like',
  unlike: 'Remove like',
  likedBy: 'Liked by {names}',
  readBy: 'Read by {names}',
  messageActions: 'Message actions',
  reply: 'Reply',
  replyingTo: 'Replying to {name}',
  cancelReply: 'Cancel reply',
  edit: 'Edit',
  editing: 'Editing message',
  cancelEdit: 'Cancel edit',
  save: 'Save',
  edited: 'edited',
  deleteForMe: 'Delete for me',
  deleteForEveryone: 'Delete for everyone',
  recall: 'Recall',
  details: 'Details',
  deleted: 'This message was deleted',
  recalled: 'This message was recalled',
  sending: 'Sending…',
  waiting: 'Waiting for connection',
  failed: 'Not sent',
  retry: 'Retry',
  discard: 'Discard',
  loadingOlder: 'Loading earlier messages…',
  leaveChat: 'Leave chat',
  leaveConfirm: 'Leave this chat? You will receive nothing more from it.',
  confirm: 'Confirm',
  cancel: 'Cancel',
  chatMenu: 'Chat options',
  connectionLost: 'Connection lost. Reconnecting…',
  connecting: 'Connecting…',
  signedOut: 'The chat could not sign in.',
  notAllowed: 'This site may not use this chat.',
  readByTitle: 'Read by',
  notReadTitle: 'Not read yet',
  nobody: 'Nobody',
  close: 'Close',
  mentionSuggestions: 'People to mention',
  tooLate: 'Too late to do that now.',
  actionFailed: 'That did not work. Try again.',
  sysCreated: '{actor} created the chat',
  sysRenamed: '{actor} renamed the chat to {title}',
  sysAdded: '{actor} added {users}',
  sysRemoved: '{actor} removed {users}',
  sysLeft: '{users} left',
  sysRole: '{actor} changed the role of {users}',
  sysOwner: '{users} is now the owner',
} satisfies Record<string, string>;

export type StringKey = keyof typeof englishStrings;
export type Strings = Record<StringKey, string>;

/** The English table with the tenant's translations laid over it; unknown keys are refused. */
export function makeStrings(overrides: Partial<Record<string, unknown>> = {}): Strings {
  const strings: Strings = { ...englishStrings };
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in englishStrings)) throw new TypeError(`Confab: unknown string key "${key}"`);
    if (typeof value !== 'string') throw new TypeError(`Confab: string "${key}" must be text`);
    strings[key as StringKey] = value;
  }
  return strings;
}

/** Fills `{slot}`s of a template; values are text, never markup. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (slot, name: string) =>
    name in values ? String(values[name]) : slot,
  );
}
