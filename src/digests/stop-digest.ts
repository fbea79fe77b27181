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
