import type { KnownBlock } from '@slack/types';
import type { ChatPostMessageArguments } from '@slack/web-api';
import { classifySlackError } from '../slack/errors.js';
import type { DeliveryDeps } from './deps.js';
import { PacedError } from './paced-error.js';

/** Slack's pace for posting in one channel: about one message a second. */
export const perChannelIntervalMs = 1_000;

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
}

export type DeliveryResult = { ok: true; ts: string; repeated: boolean } | { ok: false; reason: string };

/**
 * The one way jobs post to Slack. It posts each delivery at most once (a record per delivery ID); paces
 * posts to one per second per channel and `RALLY_MAX_POSTS_PER_SECOND` across the workspace, evenly
 * spaced, parking the job (not the worker, not other channels) until its reserved slot; leaves 429s
 * (parked for `Retry-After`), 5xx and network errors to the job's retries; and returns permanent refusals
 * (`channel_not_found`, `is_archived`, ...) as a recorded result instead of retrying them.
 */
export async function deliver(deps: DeliveryDeps, delivery: Delivery): Promise<DeliveryResult> {
  const { deliveries, slack, config, metrics } = deps;
  const done = await deliveries.get(delivery.id);
  if (done) {
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
    const ts = posted.ts as string;
    await deliveries.record(delivery.id, { ok: true, ts });
    metrics.delivered('posted');
    return { ok: true, ts, repeated: false };
  } catch (err) {
    const failure = classifySlackError(err);
    if (failure.kind !== 'permanent') throw err;
    await deliveries.record(delivery.id, { ok: false, reason: failure.reason });
    metrics.delivered('refused');
    deps.logger.warn({ channel: delivery.channel, reason: failure.reason }, 'delivery refused by Slack');
    return { ok: false, reason: failure.reason };
  }
}
