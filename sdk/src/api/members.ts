import type { Member, MemberRole } from '../protocol/models.js';
import type { RequestInput, RequestResults } from '../protocol/requests/index.js';
import type { Runtime } from '../client/runtime.js';

/** Group members: list, add, remove, roles. */
export class MembersApi {
  /** @internal Made by the client. */
  constructor(private readonly runtime: Runtime) {}

  /**
   * One page of a conversation's members, by user id, with their read positions. For a
   * live list use `client.state.members(conversationId)`.
   *
   * @example
   * const { members, next } = await client.members.list({ conversationId, limit: 100 });
   */
  list(input: RequestInput<'member.list'>): Promise<RequestResults['member.list']> {
    return this.runtime.request('member.list', input);
  }

  /**
   * Adds users to a group (owners and admins); answers who was added.
   *
   * @example
   * const { added } = await client.members.add(conversationId, ['dave']);
   */
  add(conversationId: string, userIds: string[]): Promise<RequestResults['member.add']> {
    return this.runtime.request('member.add', { conversationId, userIds });
  }

  /**
   * Removes a member (owners and admins; only the owner removes an admin). Removing yourself
   * is leaving.
   *
   * @example
   * await client.members.remove(conversationId, 'dave');
   */
  remove(conversationId: string, userId: string): Promise<RequestResults['member.remove']> {
    return this.runtime.request('member.remove', { conversationId, userId });
  }

  /**
   * Sets a member's role (the owner only). Making someone `owner` hands ownership over.
   *
   * @example
   * await client.members.setRole(conversationId, 'carol', 'admin');
   */
  setRole(conversationId: string, userId: string, role: MemberRole): Promise<Member> {
    return this.runtime.request('member.setRole', { conversationId, userId, role });
  }
}
