import type { Contact } from '../protocol/models.js';
import type { RequestResults } from '../protocol/requests/index.js';
import type { Runtime } from '../client/runtime.js';

/** Contacts and blocks. Every change reaches both users' devices and the contacts view. */
export class ContactsApi {
  /** @internal Made by the client. */
  constructor(private readonly runtime: Runtime) {}

  /**
   * The user's contacts (accepted, and requests either way) and the users they blocked, with
   * presence. `client.state.contacts()` keeps the same list live.
   *
   * @example
   * const { contacts } = await client.contacts.list();
   */
  list(): Promise<RequestResults['contact.list']> {
    return this.runtime.request('contact.list', {});
  }

  /**
   * Asks another user to be a contact.
   *
   * @example
   * await client.contacts.request('bob');
   */
  request(userId: string): Promise<Contact> {
    return this.changed(this.runtime.request('contact.request', { userId }));
  }

  /**
   * Accepts a contact request.
   *
   * @example
   * await client.contacts.accept('alice');
   */
  accept(userId: string): Promise<Contact> {
    return this.changed(this.runtime.request('contact.accept', { userId }));
  }

  /**
   * Declines a contact request.
   *
   * @example
   * await client.contacts.decline('mallory');
   */
  decline(userId: string): Promise<RequestResults['contact.decline']> {
    return this.changed(this.runtime.request('contact.decline', { userId }));
  }

  /**
   * Removes a contact, on both sides.
   *
   * @example
   * await client.contacts.remove('bob');
   */
  remove(userId: string): Promise<RequestResults['contact.remove']> {
    return this.changed(this.runtime.request('contact.remove', { userId }));
  }

  /**
   * Blocks a user: they can no longer open a direct conversation with this user or write in one.
   *
   * @example
   * await client.contacts.block('mallory');
   */
  block(userId: string): Promise<Contact> {
    return this.changed(this.runtime.request('contact.block', { userId }));
  }

  /**
   * Unblocks a user.
   *
   * @example
   * await client.contacts.unblock('mallory');
   */
  unblock(userId: string): Promise<Contact> {
    return this.changed(this.runtime.request('contact.unblock', { userId }));
  }

  private async changed<T>(request: Promise<T>): Promise<T> {
    const result = await request;
    this.runtime.reloadContactsSoon();
    return result;
  }
}
