import type { ConfabClient, Contact, Member, Presence } from '@confab/sdk';

import { h } from './dom.js';
import { initials, safeHref } from './text.js';

export interface Person {
  id: string;
  name: string;
  avatarUrl: string | null;
}

/**
 * Names and avatars of the users the widget shows: from the contacts, and from the member lists
 * of the conversations opened (which name members who are not contacts).
 */
export class People {
  private contacts = new Map<string, Contact>();
  private readonly members = new Map<string, Person>();
  private presence: ReadonlyMap<string, Presence> = new Map();
  private readonly stops: (() => void)[] = [];

  constructor(
    private readonly client: ConfabClient,
    private readonly youLabel: string,
  ) {}

  /** Follows contacts and presence; `onChange` runs after each change. */
  watch(onChange: () => void): void {
    this.stops.push(
      this.client.state.contacts().subscribe((list) => {
        this.contacts = new Map(list.map((contact) => [contact.userId, contact]));
        onChange();
      }),
      this.client.state.presence().subscribe((map) => {
        this.presence = map;
        onChange();
      }),
    );
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  /** Remembers the names and avatars a member list gave. */
  learn(members: readonly Member[]): void {
    for (const member of members) {
      if (member.name === undefined) continue;
      const avatarUrl = member.avatarUrl ?? null;
      this.members.set(member.userId, { id: member.userId, name: member.name, avatarUrl });
    }
  }

  get(id: string): Person {
    if (id === this.client.userId) return { ...this.lookup(id), name: this.youLabel };
    return this.lookup(id);
  }

  /** The person as others see them: for an avatar, where "You" would give the initial Y. */
  face(id: string): Person {
    return this.lookup(id);
  }

  private lookup(id: string): Person {
    const contact = this.contacts.get(id);
    const member = this.members.get(id);
    return {
      id,
      name: contact?.name || member?.name || id,
      avatarUrl: contact?.avatarUrl ?? member?.avatarUrl ?? null,
    };
  }

  name(id: string): string {
    return this.get(id).name;
  }

  online(id: string): Presence | undefined {
    return this.presence.get(id) ?? contactPresence(this.contacts.get(id));
  }

  contactList(): Contact[] {
    return [...this.contacts.values()];
  }
}

function contactPresence(contact: Contact | undefined): Presence | undefined {
  if (!contact) return undefined;
  return { userId: contact.userId, online: contact.online, lastSeenAt: contact.lastSeenAt };
}

/** Hues for avatars without pictures, picked by user id so a person keeps one colour. */
const HUES = [210, 340, 160, 30, 265, 190, 10, 120];

function hueOf(id: string): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return HUES[hash % HUES.length]!;
}

/** A round avatar: the picture when its address is http(s), else initials on a colour. */
export function avatar(person: Person, size: 'sm' | 'md' | 'xs' = 'md', online?: boolean) {
  const src = person.avatarUrl ? safeHref(person.avatarUrl) : null;
  const letters = () =>
    h('span', { class: 'avatar-initials', 'aria-hidden': 'true' }, initials(person.name));
  const face = src && !broken.has(src) ? picture(src, letters) : letters();
  const box = h(
    'span',
    { class: `avatar avatar-${size}`, style: `--hue:${hueOf(person.id)}`, title: person.name },
    face,
  );
  if (online !== undefined) {
    box.appendChild(h('span', { class: online ? 'dot dot-on' : 'dot', 'aria-hidden': 'true' }));
  }
  return box;
}

/** Pictures that failed to load: shown as initials from then on, and not asked for again. */
const broken = new Set<string>();

function picture(src: string, fallback: () => HTMLElement): HTMLElement {
  const img = h('img', { src, alt: '', class: 'avatar-img', referrerpolicy: 'no-referrer' });
  img.addEventListener('error', () => {
    broken.add(src);
    img.replaceWith(fallback());
  });
  return img;
}
