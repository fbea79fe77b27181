import type { KnownBlock } from '@slack/types';
import type { ChatPostMessageArguments } from '@slack/web-api';
import { classifySlackError } from '../slack/errors.js';
import type { DeliveryDeps } from './deps.js';
import { PacedError } from './paced-error.js';

/** Slack's pace for posting in one channel: about one message a second. */
export const perChannelIntervalMs = 1_000;

/**
 * What to do when an earlier attempt sent the post and its answer was lost (a timeout, a reset, Redis
 * failing before the record was written), so Rally cannot know whether it reached the channel:
 * - `retry` (at least once): post again, and risk a second copy: for what must not be missed
 *   (reminders, digests, thread replies, private notices);
 * - `give-up` (at most once): do not post again, and report `unknown_outcome` so the requester is told:
 *   for what must not appear twice (campaign posts, donation prompts, polls, nudges).
 */
export type IfUnsure = 'retry' | 'give-up';

/** One message to post, named so that posting it twice is impossible. */
export interface Delivery {
  /** Unique per message (see `delivery-ids.ts`): a retried job that already posted it finds the record. */
  id: string;
  channel: string;
  text: string;
  blocks?: KnownBlock[];
  threadTs?: string;
  /** A thread reply also shown in the channel (`reply_broadcast`). */
  broadcast?: boolean;
  ifUnsure: IfUnsure;
}

export type DeliveryResult = { ok: true; ts: string; repeated: boolean } | { ok: false; reason: string };

/** The reason given when a post was sent but Rally cannot know whether it arrived. */
export const unknownOutcome = 'unknown_outcome';

/** Records and returns that a delivery was sent and its answer lost: it is not sent again. */
export async function giveUp(
  deps: Pick<DeliveryDeps, 'deliveries' | 'logger'>,
  deliveryId: string,
): Promise<{ ok: false; reason: string }> {
  await deps.deliveries.record(deliveryId, { ok: false, reason: unknownOutcome });
  deps.logger.warn({ delivery: deliveryId }, 'delivery outcome unknown: not sent again');
  return { ok: false, reason: unknownOutcome };
}

/**
 * The one way jobs post to Slack. It posts each delivery once (a record per delivery ID); paces posts to
 * one per second per channel and `RALLY_MAX_POSTS_PER_SECOND` across the workspace, evenly spaced,
 * parking the job (not the worker, not other channels) until its reserved slot; marks the attempt before
 * sending, so that a retry after a lost answer follows the delivery's `ifUnsure` (a `give-up` delivery
 * that sees its answer lost settles as `unknown_outcome` at once); leaves 429s (parked for
 * `Retry-After`), 5xx and network errors to the job's retries; and returns permanent refusals
 * (`channel_not_found`, `is_archived`, ...) as a recorded result instead of retrying them.
 */
export async function deliver(deps: DeliveryDeps, delivery: Delivery): Promise<DeliveryResult> {
  const { deliveries, slack, config, metrics } = deps;
  const done = await deliveries.get(delivery.id);
  if (done && 'sending' in done) {
    if (delivery.ifUnsure === 'give-up') return giveUp(deps, delivery.id);
    deps.logger.warn({ delivery: delivery.id }, 'delivery outcome unknown: posting again');
  } else if (done) {
    metrics.delivered('repeated');
    return done.ok ? { ok: true, ts: done.ts, repeated: true } : done;
  }
  const wait = await deliveries.takeSlot(
    delivery.id,
    delivery.channel,
    perChannelIntervalMs,
    config.maxPostsPerSecond,
  );
  if (wait > 0) {
    metrics.delivered('paced');
    throw new PacedError(Date.now() + wait);
  }
  await deliveries.markSending(delivery.id);
  let ts: string;
  try {
    const thread = delivery.threadTs
      ? { thread_ts: delivery.threadTs, ...(delivery.broadcast ? { reply_broadcast: true } : {}) }
      : {};
    const posted = await slack.chat.postMessage({
      channel: delivery.channel,
      text: delivery.text,
      ...(delivery.blocks ? { blocks: delivery.blocks } : {}),
      ...thread,
      unfurl_links: false,
    } as ChatPostMessageArguments);
    ts = posted.ts as string;
  } catch (err) {
    const failure = classifySlackError(err);
    if (failure.kind === 'permanent') {
      await deliveries.record(delivery.id, { ok: false, reason: failure.reason });
      metrics.delivered('refused');
      deps.logger.warn({ channel: delivery.channel, reason: failure.reason }, 'delivery refused by Slack');
      return { ok: false, reason: failure.reason };
    }
    // Slack answered that it did not post (a 429, a 5xx): the next attempt is not a second copy.
    if (failure.kind === 'rate-limited' || !failure.outcomeUnknown) {
      await deliveries.clearSending(delivery.id);
      throw err;
    }
    // The answer was lost. An at-most-once post is settled now rather than by a retry, which would only
    // give up: the job may have no attempt left, and its last error would then read as "not posted".
    if (delivery.ifUnsure === 'give-up') return giveUp(deps, delivery.id);
    throw err;
  }
  await deliveries.record(delivery.id, { ok: true, ts });
  metrics.delivered('posted');
  return { ok: true, ts, repeated: false };
}
