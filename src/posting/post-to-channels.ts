import { unknownOutcome } from '../delivery/deliver.js';
import { deliveryIds } from '../delivery/delivery-ids.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { notifyPrivately } from '../delivery/notify.js';
import type { JobData } from '../queues/contracts.js';
import type { FanOut } from '../queues/fan-out.js';
import { jobIds } from '../queues/job-ids.js';
import type { RunSteps } from '../queues/run-steps.js';
import { describeSlackFailure } from '../slack/failure-reasons.js';
import { buildPostSummary } from './blocks/post-summary.js';
import type { ChannelOutcome, ChannelResult } from './model.js';

export type PostDeps = DeliveryDeps & { runSteps: RunSteps; fanOut: FanOut };

/** What the summary says of a channel whose job failed for good (after its retries). */
const notPosted = (reason: string): ChannelOutcome => ({
  status: 'failed',
  reason: `Rally could not post here after several tries (${reason.slice(0, 120)}). Post again later.`,
});

/**
 * What the summary says of a channel whose job failed for good. If its last attempt sent the post and then
 * failed (Redis went away before the result was written, or the process died), the post may be in the
 * channel: the organizer is told to look rather than that it was not posted.
 */
async function failedOutcome(
  deps: PostDeps,
  postId: string,
  channel: string,
  reason: string,
): Promise<ChannelOutcome> {
  const record = await deps.deliveries.get(deliveryIds.post(postId, channel));
  if (record && 'sending' in record)
    return { status: 'failed', reason: describeSlackFailure(unknownOutcome) };
  return notPosted(reason);
}

/**
 * Posts the article, the letter or a donation prompt to each channel of a request, as one child job per
 * channel (so each is paced, retried and resumed on its own), then sends the requester one summary with a
 * result per channel, including the channels that failed. A scheduled run has no post ID of its own:
 * `runId` names it. Run again after its children ended, it finds its steps done and only reports.
 */
export async function postToChannels(
  deps: PostDeps,
  data: JobData<'campaign-post'>,
  runId: string,
): Promise<void> {
  const postId = data.postId ?? runId;
  const ids = data.channels.map((channel) => jobIds.postChannel(postId, channel));
  if (!(await deps.runSteps.isDone(postId, 'fan-out'))) {
    await deps.fanOut.add(
      'post-channel',
      data.channels.map((channel, i) => ({
        id: ids[i] ?? '',
        data: {
          postId,
          kind: data.kind,
          ...(data.letterId ? { letterId: data.letterId } : {}),
          ...(data.articleId ? { articleId: data.articleId } : {}),
          ...(data.eventId ? { eventId: data.eventId } : {}),
          teamId: data.teamId,
          channel,
          confirmShared: data.confirmShared,
        },
      })),
    );
    await deps.runSteps.markDone(postId, 'fan-out');
  }
  const outcomes = await deps.fanOut.collect('post-channel', ids);
  const results: ChannelResult[] = await Promise.all(
    data.channels.map(async (channel, i) => {
      const outcome = outcomes.get(ids[i] ?? '');
      if (outcome?.done) return { channel, outcome: outcome.value as ChannelOutcome };
      return { channel, outcome: await failedOutcome(deps, postId, channel, outcome?.reason ?? '') };
    }),
  );
  const posted = results.filter((r) => r.outcome.status === 'posted').length;
  deps.logger.info({ kind: data.kind, channels: results.length, posted }, 'campaign post done');
  const quiet = data.summary === 'failures' && posted === results.length;
  if (quiet || (await deps.runSteps.isDone(postId, 'summary'))) return;
  await notifyPrivately(
    deps,
    { userId: data.requestedBy, responseUrl: data.responseUrl },
    buildPostSummary(data.kind, results, data.letterId ?? data.articleId ?? data.eventId),
    deliveryIds.notice(runId),
  );
  await deps.runSteps.markDone(postId, 'summary');
}
