import { buildArticleMessage, buildDiscussionPrompt } from '../articles/blocks/article-message.js';
import type { Campaign } from '../campaign/schema.js';
import type { Config } from '../config.js';
import { deliver } from '../delivery/deliver.js';
import { deliveryIds } from '../delivery/delivery-ids.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { buildDonationPrompt } from '../donations/blocks/donation-prompt.js';
import { requestPromptEnd } from '../donations/end-prompt.js';
import type { DonationStore } from '../donations/store.js';
import { buildLetterMessage } from '../letters/blocks/letter-message.js';
import type { LetterCopies } from '../letters/copies-store.js';
import { campaignLetterId } from '../letters/model.js';
import type { SignatureStore } from '../letters/signature-store.js';
import type { JobData } from '../queues/contracts.js';
import type { Queues } from '../queues/queues.js';
import type { RunSteps } from '../queues/run-steps.js';
import type { MessageContent } from '../slack/blocks/messages.js';
import { classifySlackError } from '../slack/errors.js';
import { describeSlackFailure } from '../slack/failure-reasons.js';
import type { ChannelOutcome } from './model.js';

export type PostChannelDeps = DeliveryDeps & {
  runSteps: RunSteps;
  campaign: Campaign;
  config: Pick<Config, 'minAnonymous' | 'donationPromptDays'>;
  queues: Queues;
  signatures: SignatureStore;
  letterCopies: LetterCopies;
  donations: DonationStore;
};

type ChannelJob = JobData<'post-channel'>;

const sharedWarning =
  'This channel is shared with another organization (Slack Connect): people outside the company can read what Rally posts there.';

/** Whether Rally may post in the channel: a failure or warning to report, or nothing when it may (joining if needed). */
async function prepareChannel(deps: PostChannelDeps, job: ChannelJob): Promise<ChannelOutcome | undefined> {
  const { slack } = deps;
  const { channel } = job;
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
export const promptIdFor = (postId: string, channel: string) => `${postId}-${channel}`;

async function contentFor(deps: PostChannelDeps, job: ChannelJob): Promise<MessageContent> {
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
      const promptId = promptIdFor(job.postId, job.channel);
      const tally = await deps.donations.tally(promptId, campaign.donations.length);
      return buildDonationPrompt(campaign.donations, promptId, tally, config, { ended: false });
    }
  }
}

/** Remembers a posted message that shows live counts, so its redraw can find it. */
async function rememberCopy(deps: PostChannelDeps, job: ChannelJob, ts: string): Promise<void> {
  const { channel } = job;
  if (job.kind === 'letter') await deps.letterCopies.add(campaignLetterId, { channel, ts });
  if (job.kind === 'donation') {
    const promptId = promptIdFor(job.postId, channel);
    await deps.donations.setMessage(promptId, { channel, ts });
    await requestPromptEnd(deps, promptId, deps.config.donationPromptDays * 24 * 3_600_000);
  }
}

/**
 * Posts one channel's copy of a post request (a child job of the request), unless an earlier attempt
 * already did: checks the channel, joins it when it is public, posts at most once (a lost answer is
 * reported, not posted again), remembers copies that show live counts, and returns the channel's outcome
 * for the requester's summary. Slack's permanent refusals are outcomes, not failures.
 */
export async function postChannel(deps: PostChannelDeps, job: ChannelJob): Promise<ChannelOutcome> {
  try {
    const id = deliveryIds.post(job.postId, job.channel);
    // The channel is checked once: a start after the job was parked (for its posting slot, by a 429) or
    // retried skips the checks, as does one for a channel already posted to (the delivery record has its ts).
    if (!(await deps.runSteps.isDone(id, 'checked')) && !(await deps.deliveries.get(id))) {
      const blocked = await prepareChannel(deps, job);
      if (blocked) return blocked;
      await deps.runSteps.markDone(id, 'checked');
    }
    const content = await contentFor(deps, job);
    const posted = await deliver(deps, { id, channel: job.channel, ...content, ifUnsure: 'give-up' });
    if (!posted.ok) return { status: 'failed', reason: describeSlackFailure(posted.reason) };
    await rememberCopy(deps, job, posted.ts);
    if (job.kind === 'article') {
      const prompt = buildDiscussionPrompt(deps.campaign);
      const threadId = deliveryIds.postThread(job.postId, job.channel);
      await deliver(deps, {
        id: threadId,
        channel: job.channel,
        threadTs: posted.ts,
        ...prompt,
        ifUnsure: 'give-up',
      });
    }
    const link = await deps.slack.chat
      .getPermalink({ channel: job.channel, message_ts: posted.ts })
      .catch(() => undefined);
    return { status: 'posted', ts: posted.ts, ...(link?.permalink ? { permalink: link.permalink } : {}) };
  } catch (err) {
    const failure = classifySlackError(err);
    if (failure.kind !== 'permanent') throw err;
    return { status: 'failed', reason: describeSlackFailure(failure.reason) };
  }
}
