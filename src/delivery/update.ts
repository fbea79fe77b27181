import type { KnownBlock } from '@slack/types';
import type { Config } from '../config.js';
import { classifySlackError } from '../slack/errors.js';
import type { DeliveryDeps } from './deps.js';
import { PacedError } from './paced-error.js';

/**
 * Slack takes about one update a second of one message; redraws of a message are spaced a little more,
 * so that a call held up on its way (a busy process, a slow connection) does not land within the second.
 */
const perMessageMs = 1_200;

/** A message Rally posted, to redraw with new content. */
export interface MessageUpdate {
  channel: string;
  ts: string;
  text: string;
  blocks: KnownBlock[];
}

export type UpdateResult = { ok: true } | { ok: false; reason: string };

/** What a redraw needs: the jobs' Web API client, the pace, and the workspace's cap on updates. */
export type UpdateDeps = Pick<DeliveryDeps, 'slack' | 'logger' | 'deliveries'> & {
  config: Pick<Config, 'maxUpdatesPerMinute'>;
};

/**
 * Redraws a message Rally posted, at most about once a second per message and
 * `RALLY_MAX_UPDATES_PER_MINUTE` across the workspace (Slack's Tier 3, which `chat.update` is in, allows
 * 50 a minute): a redraw that comes sooner throws {@link PacedError}, and its job comes back at its
 * reserved turn (redraw jobs are coalesced, so it then draws what is current). Updates are not
 * deduplicated: the last one wins. A 429 or a network error is left to
 * the job's retries, and a permanent refusal (message deleted, channel archived) is returned so the caller
 * can forget that copy.
 */
export async function updateMessage(deps: UpdateDeps, update: MessageUpdate): Promise<UpdateResult> {
  const wait = await deps.deliveries.takeUpdateSlot(
    update.channel,
    update.ts,
    perMessageMs,
    deps.config.maxUpdatesPerMinute,
  );
  if (wait > 0) throw new PacedError(Date.now() + wait);
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
