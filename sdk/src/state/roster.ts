import type { Member } from '../protocol/models.js';

/**
 * The members of one conversation and where each has read to, loaded when a view asks for
 * them and kept current by `member.read` events. Read positions only move forward.
 */
export class Roster {
  private readonly members = new Map<string, Member>();
  private view: readonly Member[] | null = null;
  loaded = false;

  /** Replaces the members with a fresh list, keeping read positions that are further on. */
  reset(members: Member[]): void {
    const before = new Map(this.members);
    this.members.clear();
    for (const member of members) {
      const readSeq = Math.max(member.readSeq, before.get(member.userId)?.readSeq ?? 0);
      this.members.set(member.userId, { ...member, readSeq });
    }
    this.loaded = true;
    this.view = null;
  }

  read(userId: string, readSeq: number): boolean {
    const member = this.members.get(userId);
    if (!member || member.readSeq >= readSeq) return false;
    this.members.set(userId, { ...member, readSeq });
    this.view = null;
    return true;
  }

  list(): readonly Member[] {
    this.view ??= [...this.members.values()].sort((a, b) => a.userId.localeCompare(b.userId));
    return this.view;
  }
}
