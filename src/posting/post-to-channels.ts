import { buildArticleMessage, buildDiscussionPrompt } from '../articles/blocks/article-message.js';
import type { Campaign } from '../campaign/schema.js';
import type { Config } from '../config.js';
import { deliver } from '../delivery/deliver.js';
import { deliveryIds } from '../delivery/delivery-ids.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { notifyPrivately } from '../delivery/notify.js';
import { buildDonationPrompt } from '../donations/blocks/donation-prompt.js';
import { requestPromptEnd } from '../donations/end-prompt.js';
import type { DonationStore } from '../donations/store.js';
import { buildLetterMessage } from '../letters/blocks/letter-message.js';
import type { LetterCopies } from '../letters/copies-store.js';
import { campaignLetterId } from '../letters/model.js';
import type { SignatureStore } from '../letters/signature-store.js';
import type { JobData } from '../queues/contracts.js';
import type { Queues } from '../queues/queues.js';
import type { MessageContent } from '../slack/blocks/messages.js';
import { classifySlackError } from '../slack/errors.js';
import { describeSlackFailure } from '../slack/failure-reasons.js';
import { buildPostSummary } from './blocks/post-summary.js';
import type { ChannelOutcome, ChannelResult } from './model.js';
import type { PostRecords } from './records-store.js';

export type PostDeps = DeliveryDeps & {
  campaign: Campaign;
  config: Pick<Config, 'minAnonymous' | 'donationPromptDays'>;
  queues: Queues;
  signatures: SignatureStore;
  letterCopies: LetterCopies;
  donations: DonationStore;
  postRecords: PostRecords;
};

/** A post request with its ID settled: a scheduled run is identified by its run. */
type PostJob = JobData<'campaign-post'> & { postId: string };

const sharedWarning =
  'This channel is shared with another organization (Slack Connect): people outside the company can read what Rally posts there.';

/** Whether Rally may post in `channel`: a failure or warning to report, or nothing when it may (joining if needed). */
async function prepareChannel(
  deps: PostDeps,
  job: PostJob,
  channel: string,
): Promise<ChannelOutcome | undefined> {
  const { slack } = deps;
  const conversation = (await slack.conversations.info({ channel })).channel;
  if (!conversation) return { status: 'failed', reason: describeSlackFailure('channel_not_found') };
  if (conversation.is_archived) return { status: 'failed', reason: describeSlackFailure('is_archived') };
  if (conversation.is_ext_shared && !job.confirmShared)
    return { status: 'needs-confirmation', reason: sharedWarning };
  if (!conversation.is_member) {
    if (conversation.is_private) return { status: 'failed', reason: describeSlackFailure('not_in_channel') };
    await slack.conversations.join({ channel });
  }
  return undefined;
}

/** Each posted donation prompt has its own counts, named after the request and the channel. */
const promptIdFor = (job: PostJob, channel: string) => `${job.postId}-${channel}`;

async function contentFor(deps: PostDeps, job: PostJob, channel: string): Promise<MessageContent> {
  const { campaign, config } = deps;
  switch (job.kind) {
    case 'article':
      return buildArticleMessage(campaign);
    case 'letter': {
      const letterId = campaignLetterId;
      const closed = (await deps.signatures.status(letterId)) === 'closed';
      return buildLetterMessage(campaign, await deps.signatures.tally(letterId), config, {
        letterId,
        closed,
      });
    }
    case 'donation': {
      const promptId = promptIdFor(job, channel);
      const tally = await deps.donations.tally(promptId, campaign.donations.length);
      return buildDonationPrompt(campaign.donations, promptId, tally, config, { ended: false });
    }
  }
}

/** Remembers a posted message that shows live counts, so its redraw can find it. */
async function rememberCopy(deps: PostDeps, job: PostJob, channel: string, ts: string): Promise<void> {
  if (job.kind === 'letter') await deps.letterCopies.add(campaignLetterId, { channel, ts });
  if (job.kind === 'donation') {
    const promptId = promptIdFor(job, channel);
    await deps.donations.setMessage(promptId, { channel, ts });
    await requestPromptEnd(deps, promptId, deps.config.donationPromptDays * 24 * 3_600_000);
  }
}

/** Posts to one channel unless an earlier attempt of this job already did; every step is recorded. */
async function postToChannel(deps: PostDeps, job: PostJob, channel: string): Promise<ChannelOutcome> {
  const id = deliveryIds.post(job.postId, channel);
  // A retry skips the checks for a channel it already posted to; the delivery record has its ts.
  if (!(await deps.deliveries.get(id))) {
    const blocked = await prepareChannel(deps, job, channel);
    if (blocked) return blocked;
  }
  const content = await contentFor(deps, job, channel);
  const posted = await deliver(deps, { id, channel, ...content, ifUnsure: 'give-up' });
  if (!posted.ok) return { status: 'failed', reason: describeSlackFailure(posted.reason) };
  await rememberCopy(deps, job, channel, posted.ts);
  if (job.kind === 'article') {
    const prompt = buildDiscussionPrompt(deps.campaign);
    await deliver(deps, {
      id: deliveryIds.postThread(job.postId, channel),
      ifUnsure: 'give-up',
      channel,
      threadTs: posted.ts,
      ...prompt,
    });
  }
  const link = await deps.slack.chat.getPermalink({ channel, message_ts: posted.ts }).catch(() => undefined);
  return { status: 'posted', ts: posted.ts, ...(link?.permalink ? { permalink: link.permalink } : {}) };
}

/**
 * Posts the article, the letter or a donation prompt to each channel of a request, then sends the
 * requester one summary with a result per channel. A retried job skips the channels (and the summary)
 * already done. A scheduled run has no post ID of its own: `runId` names it.
 */
export async function postToChannels(
  deps: PostDeps,
  data: JobData<'campaign-post'>,
  runId: string,
): Promise<void> {
  const job: PostJob = { ...data, postId: data.postId ?? runId };
  const results: ChannelResult[] = [];
  for (const channel of job.channels) {
    try {
      results.push({ channel, outcome: await postToChannel(deps, job, channel) });
    } catch (err) {
      const failure = classifySlackError(err);
      if (failure.kind !== 'permanent') throw err;
      results.push({ channel, outcome: { status: 'failed', reason: describeSlackFailure(failure.reason) } });
    }
  }
  const records = deps.postRecords;
  const posted = results.filter((r) => r.outcome.status === 'posted').length;
  deps.logger.info({ kind: job.kind, channels: results.length, posted }, 'campaign post done');
  const quiet = job.summary === 'failures' && posted === results.length;
  if (quiet || (await records.isDone(job.postId, 'summary'))) return;
  await notifyPrivately(
    deps,
    { userId: job.requestedBy, responseUrl: job.responseUrl },
    buildPostSummary(job.kind, results),
    deliveryIds.notice(runId),
  );
  await records.markDone(job.postId, 'summary');
}
