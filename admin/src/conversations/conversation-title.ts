import type { RaRecord } from 'react-admin';

/** A group's title, or a direct conversation's two user ids: always plain text. */
export function conversationTitle(record: RaRecord): string {
  if (record.type === 'direct') return (record.directUserIds as string[]).join(' ↔ ');
  return (record.title as string | null) ?? '(untitled)';
}
