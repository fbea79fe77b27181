import { type AuditDeps, recordOrganizerAction } from '../audit/record-action.js';
import { schedulerIds } from '../queues/job-ids.js';
import type { Queues } from '../queues/queues.js';
import type { DigestStore } from './store.js';

export interface DigestScheduleDeps {
  queues: Queues;
  digests: DigestStore;
}

/** Turns a channel's digest off: its scheduler and settings go (what it last reported stays). */
export async function stopDigest(deps: DigestScheduleDeps, channel: string): Promise<boolean> {
  await deps.digests.remove(channel);
  return deps.queues.queue('digest-post').removeJobScheduler(schedulerIds.digest(channel));
}

/** An organizer turns a channel's digest off (`/rally digest off`, **Stop**): recorded. */
export async function turnOffDigest(
  deps: DigestScheduleDeps & AuditDeps,
  channel: string,
  actor: string,
): Promise<boolean> {
  const stopped = await stopDigest(deps, channel);
  if (stopped) await recordOrganizerAction(deps, { actor, action: 'stopped-digest', channels: [channel] });
  return stopped;
}
