import type { Config } from '../config.js';
import type { MessageContent } from '../slack/blocks/messages.js';
import { auditPageSize, buildAuditLog } from './blocks/audit-log.js';
import type { AuditLog } from './store.js';

/** A page of the audit, for an organizer (`/rally audit`, its Newer and Older buttons). */
export async function showAudit(
  deps: { audit: AuditLog; config: Pick<Config, 'auditDays'> },
  offset = 0,
): Promise<MessageContent> {
  const page = await deps.audit.page(Math.max(0, offset), auditPageSize);
  return buildAuditLog(page, deps.config.auditDays);
}
