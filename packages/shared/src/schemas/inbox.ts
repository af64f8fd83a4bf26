import { z } from 'zod';
import { Id, Timestamp } from './common.js';

/** In-app news that never pages: handoff reports, swap requests, reminders, warnings. */
export const InboxItem = z.object({
  id: Id,
  kind: z.string().describe('e.g. handoff_report, swap_request, swap_decided, shift_reminder, preflight'),
  title: z.string(),
  body: z.record(z.string(), z.unknown()).describe('`text` plus kind-specific content'),
  createdAt: Timestamp,
  readAt: Timestamp.nullable(),
});
export type InboxItem = z.infer<typeof InboxItem>;

export const InboxList = z.object({ items: z.array(InboxItem) });
