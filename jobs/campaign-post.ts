import { buildArticleMessage, buildDiscussionPrompt } from '../src/blocks/article.js';
import type { MessageContent } from '../src/blocks/help.js';
import { buildLetterMessage } from '../src/blocks/letter.js';
import { buildPostSummary, type ChannelResult } from '../src/blocks/post-summary.js';
import type { JobData } from '../src/queues.js';
import { classifySlackError } from '../src/slack/errors.js';
import { describeSlackFailure } from '../src/slack/failure-reasons.js';
import type { ChannelOutcome } from '../src/store/post-records.js';
import { notifyPrivately } from './notify.js';
import type { JobDeps } from './processor.js';

type PostJob = JobData<'campaign-post'>;

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

async function contentFor(job: PostJob, deps: JobDeps): Promise<MessageContent> {
  if (job.kind === 'article') return buildArticleMessage(deps.campaign);
  return buildLetterMessage(deps.campaign, await deps.signatures.tally(), deps.config.minAnonymous);
}

/** Posts to one channel unless an earlier attempt of this job already did; every step is recorded. */
async function postToChannel(job: PostJob, channel: string, deps: JobDeps): Promise<ChannelOutcome> {
  const { slack, postRecords: records } = deps;
  let outcome = await records.get(job.postId, channel);
  if (outcome?.status !== 'posted') {
    const blocked = await prepareChannel(job, channel, deps);
    if (blocked) return blocked;
    const content = await contentFor(job, deps);
    const posted = await slack.chat.postMessage({
      channel,
      text: content.text,
      blocks: content.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
    const ts = posted.ts as string;
    // Recorded before anything else can fail: a retry must find it and not post again.
    outcome = { status: 'posted', ts };
    await records.set(job.postId, channel, outcome);
    if (job.kind === 'letter') await deps.letterCopies.add({ channel, ts });
    const link = await slack.chat.getPermalink({ channel, message_ts: ts }).catch(() => undefined);
    if (link?.permalink) {
      outcome = { ...outcome, permalink: link.permalink };
      await records.set(job.postId, channel, outcome);
    }
  }
  const threadStep = `${channel}:thread`;
  if (job.kind === 'article' && !(await records.isDone(job.postId, threadStep))) {
    const prompt = buildDiscussionPrompt(deps.campaign);
    await slack.chat.postMessage({
      channel,
      thread_ts: outcome.ts,
      text: prompt.text,
      blocks: prompt.blocks,
    });
    await records.markDone(job.postId, threadStep);
  }
  return outcome;
}

/**
 * Posts the article or the letter to each channel of an organizer's request, then sends them one summary
 * with a result per channel. A retried job skips the channels (and the summary) already done.
 */
export async function processCampaignPost(job: PostJob, deps: JobDeps): Promise<void> {
  const results: ChannelResult[] = [];
  for (const channel of job.channels) {
    try {
      results.push({ channel, outcome: await postToChannel(job, channel, deps) });
    } catch (err) {
      const failure = classifySlackError(err);
      if (failure.kind !== 'permanent') throw err;
      const outcome: ChannelOutcome = { status: 'failed', reason: describeSlackFailure(failure.reason) };
      await deps.postRecords.set(job.postId, channel, outcome);
      results.push({ channel, outcome });
    }
  }
  const records = deps.postRecords;
  if (await records.isDone(job.postId, 'summary')) return;
  await notifyPrivately(
    { userId: job.requestedBy, responseUrl: job.responseUrl },
    buildPostSummary(job.kind, results),
    deps,
  );
  await records.markDone(job.postId, 'summary');
  const posted = results.filter((r) => r.outcome.status === 'posted').length;
  deps.logger.info({ kind: job.kind, channels: results.length, posted }, 'campaign post done');
}
