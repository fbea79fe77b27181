import { type CompactionRequestDeps, requestCompaction } from '../privacy/compaction.js';
import type { PollStore } from './store.js';

/**
 * At start-up: polls that closed before closing deleted an anonymous poll's creator code and the record
 * of people who asked to be forgotten lose them now, as if they had closed today (see `PollStore.close`),
 * and Redis is asked to rewrite its files when that deleted anything. Returns how many records went.
 */
export async function tidyClosedPolls(deps: CompactionRequestDeps & { polls: PollStore }): Promise<number> {
  let erased = 0;
  for (const id of await deps.polls.allIds()) erased += await deps.polls.tidyClosed(id);
  if (erased > 0) await requestCompaction(deps);
  return erased;
}
