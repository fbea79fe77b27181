import type { Config } from '../config.js';
import { deliver } from '../delivery/deliver.js';
import { deliveryIds } from '../delivery/delivery-ids.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { updateMessage } from '../delivery/update.js';
import { type CompactionRequestDeps, requestCompaction } from '../privacy/compaction.js';
import { jobIds } from '../queues/job-ids.js';
import { buildPollMessage, buildPollResultsReply } from './blocks/poll-message.js';
import { type CastVoteDeps, castVote } from './cast-vote.js';
import { normalizeReaction } from './emoji.js';
import { forgottenReactorHashes } from './forget-person.js';
import type { StoredPoll } from './model.js';
import { pollViewOf } from './view.js';

const daySeconds = 24 * 60 * 60;

export type ClosePollDeps = DeliveryDeps &
  CastVoteDeps &
  CompactionRequestDeps & { config: Pick<Config, 'minAnonymous' | 'retentionDays'> };

/** Asks for a poll to close now (its creator or an organizer pressed **Close poll**). */
export async function requestPollClose(deps: Pick<CastVoteDeps, 'queues'>, pollId: string): Promise<void> {
  await deps.queues.enqueue('poll-close', { pollId }, { jobId: jobIds.pollCloseNow(pollId) });
}

/**
 * Slack can drop events, so before a public poll closes its reactions are read back (`reactions.get`) and
 * every reaction vote Rally missed is cast. (A missed `reaction_removed` cannot be told from a button
 * vote, so nothing is taken away.)
 */
async function castMissedReactionVotes(
  deps: ClosePollDeps,
  poll: StoredPoll & { ts: string },
): Promise<number> {
  const { slack, polls, logger } = deps;
  const answer = await slack.reactions.get({ channel: poll.channel, timestamp: poll.ts, full: true });
  const botUserId = (await slack.auth.test()).user_id;
  const forgottenKey = await polls.forgottenReactorKey(poll.id);
  let added = 0;
  for (const reaction of answer.message?.reactions ?? []) {
    const option = poll.emojis.indexOf(normalizeReaction(reaction.name ?? ''));
    if (option < 0) continue;
    for (const user of reaction.users ?? []) {
      if (user === botUserId) continue;
      // Someone who asked Rally to forget them is not counted again, though their reaction stays.
      const hashes = forgottenReactorHashes(deps, poll, user, forgottenKey);
      if (await polls.isForgottenReactor(poll.id, hashes)) continue;
      const held = await polls.selection(poll.id, user, poll.options.length);
      const missing = poll.multiple ? !held.includes(option) : held.length === 0;
      if (!missing) continue;
      const outcome = await castVote(deps, {
        pollId: poll.id,
        userId: user,
        option,
        action: 'add',
        redraw: false,
        atClose: true,
      });
      if (outcome.ok) added++;
    }
  }
  if (added > 0) logger.info({ added }, 'reaction votes recovered at close');
  return added;
}

/**
 * Closes a poll (at its time, or early): casts missed reaction votes, closes it in Redis (an anonymous
 * poll loses its key, voter records and creator's code there; any poll its record of people who asked to
 * be forgotten) and has Redis rewrite its files when that erased something, shows the final results
 * without buttons, and posts them in the thread once. Safe to run twice.
 */
export async function closePoll(deps: ClosePollDeps, pollId: string): Promise<void> {
  const { polls, config, queues } = deps;
  const poll = await polls.get(pollId);
  if (!poll) return;
  if (!poll.closed) {
    if (poll.reactions && poll.ts) await castMissedReactionVotes(deps, { ...poll, ts: poll.ts });
    const { erased } = await polls.close(poll.id, poll.anonymous, config.retentionDays * daySeconds);
    if (erased) await requestCompaction(deps);
  }
  const closed = (await polls.get(pollId)) ?? poll;
  const view = pollViewOf(closed, await polls.tally(pollId, closed.options.length), config);
  if (closed.ts) {
    await updateMessage(deps, { channel: closed.channel, ts: closed.ts, ...buildPollMessage(view) });
    await deliver(deps, {
      id: deliveryIds.pollResults(pollId),
      ifUnsure: 'retry',
      channel: closed.channel,
      threadTs: closed.ts,
      ...buildPollResultsReply(view),
    });
  }
  // An early close leaves the scheduled jobs with nothing to do.
  await Promise.all([
    queues.queue('poll-close').remove(jobIds.pollClose(pollId)),
    queues.queue('poll-reminder').remove(jobIds.pollReminder(pollId)),
  ]).catch(() => undefined);
}
