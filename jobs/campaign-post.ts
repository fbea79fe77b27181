import { buildArticleMessage, buildDiscussionPrompt } from '../src/articles/blocks/article-message.js';
import type { MessageContent } from '../src/commands/blocks/help.js';
import { deliver } from '../src/delivery/deliver.js';
import { notifyPrivately } from '../src/delivery/notify.js';
import { buildDonationPrompt } from '../src/donations/blocks/donation-prompt.js';
import { buildLetterMessage } from '../src/letters/blocks/letter-message.js';
import { buildPostSummary, type ChannelResult } from '../src/posting/blocks/post-summary.js';
import type { ChannelOutcome } from '../src/posting/records-store.js';
import type { JobData } from '../src/queues/queues.js';
import { classifySlackError } from '../src/slack/errors.js';
import { describeSlackFailure } from '../src/slack/failure-reasons.js';
import type { JobDeps } from './processor.js';

/** A post request with its ID settled: a scheduled run is identified by its BullMQ job ID. */
type PostJob = JobData<'campaign-post'> & { postId: string };

const sharedWarning =
  'This channel is shared with another organization (Slack Connect): people outside the company can read what Rally posts there.';

/** Whether Rally may post in `channel`: a failure or warning to report, or nothing when it may (joining if needed). */
async function prepareChannel(
  job: PostJob,
  channel: string,
  deps: JobDeps,
): Promise<ChannelOutcome | undefined> {
  const { slack } = deps;
  const info = await slack.conversations.info({ channel });
  const conversation = info.channel;
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

async function contentFor(job: PostJob, channel: string, deps: JobDeps): Promise<MessageContent> {
  const { campaign, config } = deps;
  switch (job.kind) {
    case 'article':
      return buildArticleMessage(campaign);
    case 'letter':
      return buildLetterMessage(campaign, await deps.signatures.tally(), config.minAnonymous);
    case 'donation': {
      const promptId = promptIdFor(job, channel);
      const tally = await deps.donations.tally(promptId, campaign.donations.length);
      return buildDonationPrompt(campaign.donations, promptId, tally, config.minAnonymous);
    }
  }
}

/** Remembers a posted message that shows live counts, so its refresh can find it. */
async function rememberCopy(job: PostJob, channel: string, ts: string, deps: JobDeps): Promise<void> {
  if (job.kind === 'letter') await deps.letterCopies.add({ channel, ts });
  if (job.kind === 'donation') await deps.donations.setMessage(promptIdFor(job, channel), { channel, ts });
}

/** Posts to one channel unless an earlier attempt of this job already did; every step is recorded. */
async function postToChannel(job: PostJob, channel: string, deps: JobDeps): Promise<ChannelOutcome> {
  const id = `post-${job.postId}-${channel}`;
  // A retry skips the checks for a channel it already posted to; the delivery record has its ts.
  if (!(await deps.deliveries.get(id))) {
    const blocked = await prepareChannel(job, channel, deps);
    if (blocked) return blocked;
  }
  const content = await contentFor(job, channel, deps);
  const posted = await deliver({ id, channel, text: content.text, blocks: content.blocks }, deps);
  if (!posted.ok) return { status: 'failed', reason: describeSlackFailure(posted.reason) };
  await rememberCopy(job, channel, posted.ts, deps);
  if (job.kind === 'article') {
    const prompt = buildDiscussionPrompt(deps.campaign);
    await deliver(
      { id: `${id}-thread`, channel, threadTs: posted.ts, text: prompt.text, blocks: prompt.blocks },
      deps,
    );
  }
  const link = await deps.slack.chat.getPermalink({ channel, message_ts: posted.ts }).catch(() => undefined);
  return { status: 'posted', ts: posted.ts, ...(link?.permalink ? { permalink: link.permalink } : {}) };
}

/**
 * Posts the article or the letter to each channel of an organizer's request, then sends them one summary
 * with a result per channel. A retried job skips the channels (and the summary) already done.
 */
export async function processCampaignPost(data: JobData<'campaign-post'>, deps: JobDeps): Promise<void> {
  const job: PostJob = {
    ...data,
    postId: data.postId ?? String(deps.job.id).replace(/[^A-Za-z0-9_-]/g, '-'),
  };
  const results: ChannelResult[] = [];
  for (const channel of job.channels) {
    try {
      results.push({ channel, outcome: await postToChannel(job, channel, deps) });
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
    { userId: job.requestedBy, responseUrl: job.responseUrl },
    buildPostSummary(job.kind, results),
    deps,
  );
  await records.markDone(job.postId, 'summary');
}
