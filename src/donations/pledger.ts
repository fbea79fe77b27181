import type { AnonymousIds } from '../privacy/anonymous-id.js';
import type { DonationStore } from './store.js';

/**
 * How a prompt records someone who says they gave: a hash under the prompt's own random key, so pledges on
 * two prompts cannot be joined, nobody can recompute it once the prompt ended and its key was erased, and
 * never the Slack user ID. A prompt posted before prompts had keys hashes without one until it ends.
 */
export function pledgerId(
  ids: AnonymousIds,
  promptId: string,
  teamId: string,
  userId: string,
  scopeKey: string | undefined,
): string {
  return ids.of(`donation:${promptId}`, teamId, userId, scopeKey);
}

/** The pledger hash of a person on an open prompt; undefined once the prompt ended. */
export async function pledgerOnPrompt(
  deps: { donations: DonationStore; anonymousIds: AnonymousIds },
  promptId: string,
  actor: { teamId: string; userId: string },
): Promise<string | undefined> {
  if (!(await deps.donations.message(promptId)) || (await deps.donations.isEnded(promptId))) return undefined;
  const key = await deps.donations.scopeKey(promptId);
  return pledgerId(deps.anonymousIds, promptId, actor.teamId, actor.userId, key);
}
