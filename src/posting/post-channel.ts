import type { ArticleStore } from '../articles/article-store.js';
import { buildArticleMessage, buildDiscussionPrompt } from '../articles/blocks/article-message.js';
import type { ArticleText } from '../articles/model.js';
import type { Campaign } from '../campaign/schema.js';
import type { Config } from '../config.js';
import { deliver } from '../delivery/deliver.js';
import { deliveryIds } from '../delivery/delivery-ids.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { buildDonationPrompt } from '../donations/blocks/donation-prompt.js';
import { requestPromptEnd } from '../donations/end-prompt.js';
import { keepPromptNonprofits } from '../donations/prompt-nonprofits.js';
import type { DonationStore } from '../donations/store.js';
import { eventMessageOf } from '../events/redraw.js';
import type { EventStore } from '../events/store.js';
import type { LetterCopies } from '../letters/copies-store.js';
import type { LetterStore } from '../letters/letter-store.js';
import { campaignLetterId } from '../letters/model.js';
import { letterMessageOf } from '../letters/redraw-copies.js';
import type { SignatureStore } from '../letters/signature-store.js';
import type { NonprofitStore } from '../nonprofits/store.js';
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
  articles: ArticleStore;
  config: Pick<Config, 'minAnonymous' | 'donationPromptDays'>;
  queues: Queues;
  letters: LetterStore;
  signatures: SignatureStore;
  letterCopies: LetterCopies;
  donations: DonationStore;
  events: EventStore;
  nonprofits: NonprofitStore;
};

type ChannelJob = JobData<'post-channel'>;

const noNonprofitsReason =
  'No nonprofits are listed, so there was nothing to post: an organizer can add one with `/rally nonprofits add`.';

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

/** An article that no longer exists (it was deleted): nothing to post. */
class UnrecoverableArticle extends Error {
  override readonly name = 'UnrecoverableArticle';
}

/** The article a job posts: the one it names, or the newest for jobs queued before articles had IDs. */
async function articleOf(deps: PostChannelDeps, job: ChannelJob): Promise<ArticleText> {
  const article = job.articleId ? await deps.articles.get(job.articleId) : await deps.articles.newest();
  if (!article) throw new UnrecoverableArticle();
  return article.text;
}

/** A letter that no longer exists (a discarded draft): nothing to post. */
class UnrecoverableLetter extends Error {
  override readonly name = 'UnrecoverableLetter';
}

/** An event that no longer exists (it expired): nothing to post. */
class UnrecoverableEvent extends Error {
  override readonly name = 'UnrecoverableEvent';
}

/** No nonprofit was listed when a donation prompt was to be posted: nothing to post. */
class NoNonprofits extends Error {
  override readonly name = 'NoNonprofits';
}

/** Each posted donation prompt has its own counts, named after the request and the channel. */
export const promptIdFor = (postId: string, channel: string) => `${postId}-${channel}`;

/** The message a job posts; for an article, also the first reply of its thread. */
async function contentFor(
  deps: PostChannelDeps,
  job: ChannelJob,
): Promise<MessageContent & { thread?: MessageContent }> {
  const { config } = deps;
  switch (job.kind) {
    case 'article': {
      const article = await articleOf(deps, job);
      return { ...buildArticleMessage(article), thread: buildDiscussionPrompt(article) };
    }
    case 'letter': {
      const content = await letterMessageOf(deps, job.letterId ?? campaignLetterId);
      if (!content) throw new UnrecoverableLetter();
      return content;
    }
    case 'donation': {
      const promptId = promptIdFor(job.postId, job.channel);
      const nonprofits = await keepPromptNonprofits(deps, promptId);
      if (nonprofits.length === 0) throw new NoNonprofits();
      const tally = await deps.donations.tally(promptId, nonprofits.length);
      return buildDonationPrompt(nonprofits, promptId, tally, config, { ended: false });
    }
    case 'event': {
      const content = job.eventId ? await eventMessageOf(deps, job.eventId) : undefined;
      if (!content) throw new UnrecoverableEvent();
      return content;
    }
  }
}

/** Remembers a posted message that shows live counts, so its redraw can find it. */
async function rememberCopy(deps: PostChannelDeps, job: ChannelJob, ts: string): Promise<void> {
  const { channel } = job;
  if (job.kind === 'letter') await deps.letterCopies.add(job.letterId ?? campaignLetterId, { channel, ts });
  if (job.kind === 'article' && job.articleId) await deps.articles.markPosted(job.articleId);
  if (job.kind === 'event' && job.eventId) {
    const event = await deps.events.get(job.eventId);
    if (event) await deps.events.addCopy(event.id, { channel, ts }, event.startsAt);
  }
  if (job.kind === 'donation') {
    const promptId = promptIdFor(job.postId, channel);
    await deps.donations.setMessage(promptId, { channel, ts });
    await requestPromptEnd(deps, promptId, deps.config.donationPromptDays * 24 * 3_600_000);
  }
}

/**
 * Posts one channel's copy of a post request (a child job of the request), unless an earlier attempt
 * already did: checks the channel, joins it when it is public, posts at most once (a lost answer is
 * reported, not posted again), remembers copies that show live counts, opens an article's discussion in
 * its thread (at least once), and returns the channel's outcome for the requester's summary. Slack's
 * permanent refusals are outcomes, not failures.
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
    const { thread, ...content } = await contentFor(deps, job);
    const posted = await deliver(deps, { id, channel: job.channel, ...content, ifUnsure: 'give-up' });
    if (!posted.ok) return { status: 'failed', reason: describeSlackFailure(posted.reason) };
    await rememberCopy(deps, job, posted.ts);
    if (thread) {
      // A thread reply: posted again after a lost answer (nobody would be told it is missing), at the risk
      // of a second copy in the thread.
      const threadId = deliveryIds.postThread(job.postId, job.channel);
      await deliver(deps, {
        id: threadId,
        channel: job.channel,
        threadTs: posted.ts,
        ...thread,
        ifUnsure: 'retry',
      });
    }
    const link = await deps.slack.chat
      .getPermalink({ channel: job.channel, message_ts: posted.ts })
      .catch(() => undefined);
    return { status: 'posted', ts: posted.ts, ...(link?.permalink ? { permalink: link.permalink } : {}) };
  } catch (err) {
    if (err instanceof UnrecoverableArticle)
      return { status: 'failed', reason: 'That article no longer exists.' };
    if (err instanceof UnrecoverableLetter)
      return { status: 'failed', reason: 'That letter no longer exists.' };
    if (err instanceof UnrecoverableEvent)
      return { status: 'failed', reason: 'That event no longer exists.' };
    if (err instanceof NoNonprofits) return { status: 'failed', reason: noNonprofitsReason };
    const failure = classifySlackError(err);
    if (failure.kind !== 'permanent') throw err;
    return { status: 'failed', reason: describeSlackFailure(failure.reason) };
  }
}
