import type { KnownBlock } from '@slack/types';
import { classifySlackError } from '../slack/errors.js';
import type { DeliveryDeps } from './deps.js';

/** A message Rally posted, to redraw with new content. */
export interface MessageUpdate {
  channel: string;
  ts: string;
  text: string;
  blocks: KnownBlock[];
}

export type UpdateResult = { ok: true } | { ok: false; reason: string };

/**
 * Redraws a message Rally posted. Updates are not deduplicated (the last one wins, and the coalesced
 * redraw jobs already keep them to about one a second per message); a 429 or a network error is left to
 * the job's retries, and a permanent refusal (message deleted, channel archived) is returned so the caller
 * can forget that copy.
 */
export async function updateMessage(
  deps: Pick<DeliveryDeps, 'slack' | 'logger'>,
  update: MessageUpdate,
): Promise<UpdateResult> {
  try {
    await deps.slack.chat.update({ ...update });
    return { ok: true };
  } catch (err) {
    const failure = classifySlackError(err);
    if (failure.kind !== 'permanent') throw err;
    deps.logger.warn({ channel: update.channel, reason: failure.reason }, 'message cannot be updated');
    return { ok: false, reason: failure.reason };
  }
}
