import type { AnonymousIds } from '../privacy/anonymous-id.js';

/**
 * How a prompt records someone who says they gave: a keyed hash for that prompt alone, so pledges on two
 * prompts cannot be joined, and never the Slack user ID.
 */
export function pledgerId(ids: AnonymousIds, promptId: string, teamId: string, userId: string): string {
  return ids.of(`donation:${promptId}`, teamId, userId);
}
