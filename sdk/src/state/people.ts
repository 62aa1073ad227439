import type { Contact, Presence } from '../protocol/models.js';

/** How long a typing indicator lasts after the last `typing.started`, in ms. */
export const TYPING_SHOWN_MS = 3_500;

/**
 * Contacts, presence and typing: what is known about other people, apart from conversations.
 * Presence comes from the contact list, from `presence.get` for anyone else watched, and from
 * `presence.changed` events (which the server sends for accepted contacts).
 */
export class People {
  private contacts: Contact[] = [];
  private contactsView: readonly Contact[] | null = null;
  private readonly presence = new Map<string, Presence>();
  private presenceView: ReadonlyMap<string, Presence> | null = null;
  private readonly typing = new Map<string, Map<string, number>>();
  /** Users whose presence a view asked for, refreshed on every reconnect. */
  readonly watched = new Set<string>();
  contactsLoaded = false;

  setContacts(contacts: Contact[]): void {
    this.contacts = contacts;
    this.contactsLoaded = true;
    for (const c of contacts) {
      this.presence.set(c.userId, { userId: c.userId, online: c.online, lastSeenAt: c.lastSeenAt });
    }
    this.contactsView = null;
    this.presenceView = null;
  }

  setPresence(list: Presence[]): void {
    for (const p of list) this.presence.set(p.userId, p);
    this.contactsView = null;
    this.presenceView = null;
  }

  /** Contacts with their presence as it is now. */
  contactList(): readonly Contact[] {
    this.contactsView ??= this.contacts.map((c) => {
      const p = this.presence.get(c.userId);
      return p ? { ...c, online: p.online, lastSeenAt: p.lastSeenAt } : c;
    });
    return this.contactsView;
  }

  presenceMap(): ReadonlyMap<string, Presence> {
    this.presenceView ??= new Map(this.presence);
    return this.presenceView;
  }

  /** Someone is typing; answers when the indicator should end. */
  typingStarted(conversationId: string, userId: string, now = Date.now()): number {
    let users = this.typing.get(conversationId);
    if (!users) {
      users = new Map();
      this.typing.set(conversationId, users);
    }
    const until = now + TYPING_SHOWN_MS;
    users.set(userId, until);
    return until;
  }

  /** Their message arrived, so they stopped typing it. */
  typingStopped(conversationId: string, userId: string): boolean {
    return this.typing.get(conversationId)?.delete(userId) ?? false;
  }

  /** Who is typing now; entries past their time are dropped. */
  typingIn(conversationId: string, now = Date.now()): string[] {
    const users = this.typing.get(conversationId);
    if (!users) return [];
    for (const [userId, until] of users) if (until <= now) users.delete(userId);
    return [...users.keys()].sort();
  }
}
