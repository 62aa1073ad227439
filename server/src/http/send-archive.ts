import type { Response } from 'express';

import { exportLines } from '../domain/user-data.js';

/**
 * Streams a finished export as JSON Lines. The first part is read before any header is sent,
 * so an unknown or unfinished export still gets the one error shape.
 */
export async function sendArchive(res: Response, tenantId: string, requestId: string) {
  const lines = exportLines(tenantId, requestId);
  const first = await lines.next();
  res.setHeader('content-type', 'application/x-ndjson; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="${requestId}.jsonl"`);
  if (!first.done) res.write(first.value);
  for await (const part of lines) res.write(part);
  res.end();
}
