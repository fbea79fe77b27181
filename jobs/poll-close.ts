import { deliver } from '../src/delivery/deliver.js';
import { buildPollMessage, buildPollResultsReply } from '../src/polls/blocks/poll-message.js';
import { normalizeReaction } from '../src/polls/emoji.js';
import type { StoredPoll } from '../src/polls/store.js';
import { pollViewOf } from '../src/polls/view.js';
import type { JobData } from '../src/queues/queues.js';
import type { JobDeps } from './processor.js';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Slack can drop events, so before a public poll closes its reactions are read back (`reactions.get`) and
 * any reaction vote Rally missed is added. (A missed `reaction_removed` cannot be told from a button
 * vote, so nothing is taken away.)
 */
async function reconcileReactions(poll: StoredPoll & { ts: string }, deps: JobDeps): Promise<number> {
  const { slack, polls, logger } = deps;
  const answer = await slack.reactions.get({ channel: poll.channel, timestamp: poll.ts, full: true });
  const botUserId = (await slack.auth.test()).user_id;
  let added = 0;
  for (const reaction of answer.message?.reactions ?? []) {
    const option = poll.emojis.indexOf(normalizeReaction(reaction.name ?? ''));
    if (option < 0) continue;
    for (const user of reaction.users ?? []) {
      if (user === botUserId) continue;
      const held = await polls.selection(poll.id, user, poll.options.length);
      const missing = poll.multiple ? !held.includes(option) : held.length === 0;
      if (!missing) continue;
      const result = await polls.vote(poll.id, user, option, 'add', poll.multiple);
      if (result.ok) added++;
    }
  }
  if (added > 0) logger.info({ added }, 'reaction votes recovered at close');
  return added;
}

/**
 * Closes a poll (at its time, or early): recovers missed reaction votes, closes it in Redis (an anonymous
 * poll loses its key and voter records there), shows the final results without buttons, and posts them in
 * the thread once. Safe to run twice.
 */
export async function processPollClose({ pollId }: JobData<'poll-close'>, deps: JobDeps): Promise<void> {
  const { polls, slack, config, queues } = deps;
  const poll = await polls.get(pollId);
  if (!poll) return;
  if (!poll.closed) {
    if (!poll.anonymous && poll.ts) await reconcileReactions({ ...poll, ts: poll.ts }, deps);
    await polls.close(poll.id, poll.anonymous, config.retentionDays * (dayMs / 1000));
  }
  const closed = (await polls.get(pollId)) ?? poll;
  const view = pollViewOf(closed, await polls.tally(pollId, closed.options.length), config);
  if (closed.ts) {
    const final = buildPollMessage(view);
    await slack.chat.update({
      channel: closed.channel,
      ts: closed.ts,
      text: final.text,
      blocks: final.blocks,
    });
    const results = buildPollResultsReply(view);
    await deliver(
      { id: `poll-results-${pollId}`, channel: closed.channel, threadTs: closed.ts, ...results },
      deps,
    );
  }
  // An early close leaves the scheduled jobs with nothing to do.
  await Promise.all([
    queues.queue('poll-close').remove(`close-${pollId}`),
    queues.queue('poll-reminder').remove(`remind-${pollId}`),
  ]).catch(() => undefined);
}
