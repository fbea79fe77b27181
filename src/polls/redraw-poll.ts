import type { Config } from '../config.js';
import { requestRedraw } from '../delivery/redraw.js';
import type { PendingRedraws } from '../delivery/redraw-clock.js';
import { type UpdateDeps, updateMessage } from '../delivery/update.js';
import type { Queues } from '../queues/queues.js';
import { buildPollMessage } from './blocks/poll-message.js';
import type { StoredPoll } from './model.js';
import type { PollStore } from './store.js';
import { pollViewOf } from './view.js';

/**
 * Asks for a poll's message to be redrawn after a vote: a public poll within a second (coalesced); an
 * anonymous one on the redraw clock, once enough votes changed, so a moving count points at nobody.
 */
export async function requestPollRedraw(
  deps: { queues: Queues; pendingRedraws: PendingRedraws },
  poll: Pick<StoredPoll, 'id' | 'anonymous'>,
): Promise<void> {
  const target = { target: 'poll' as const, pollId: poll.id };
  if (poll.anonymous) await deps.pendingRedraws.add(target);
  else await requestRedraw(deps.queues, target);
}

/** Redraws a poll's message with its counts as they are now (a closed poll is left to the close job). */
export async function redrawPoll(
  deps: UpdateDeps & {
    polls: PollStore;
    config: Pick<Config, 'minAnonymous'>;
  },
  pollId: string,
): Promise<void> {
  const { polls, config } = deps;
  const poll = await polls.get(pollId);
  if (!poll?.ts || poll.closed) return;
  const content = buildPollMessage(pollViewOf(poll, await polls.tally(pollId, poll.options.length), config));
  await updateMessage(deps, { channel: poll.channel, ts: poll.ts, ...content });
}
