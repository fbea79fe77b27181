import type { AuditEntry } from './model.js';
import type { AuditLog } from './store.js';

export type AuditDeps = { audit: AuditLog };

/** Records what an organizer did, now. Called by each organizer use case once its action is accepted. */
export async function recordOrganizerAction(deps: AuditDeps, entry: Omit<AuditEntry, 'at'>): Promise<void> {
  await deps.audit.record({ ...entry, at: Date.now() });
}
