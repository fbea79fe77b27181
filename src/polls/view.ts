import type { Config } from '../config.js';
import type { PollTally, PollView, StoredPoll } from './model.js';

/** What the poll message shows, from what the store holds. An anonymous poll never names its creator. */
export function pollViewOf(
  poll: StoredPoll,
  tally: PollTally,
  config: Pick<Config, 'minAnonymous'>,
): PollView {
  return {
    id: poll.id,
    question: poll.question,
    options: poll.options,
    emojis: poll.emojis,
    anonymous: poll.anonymous,
    multiple: poll.multiple,
    hidden: poll.hidden,
    ...(poll.anonymous ? {} : { creatorId: poll.creator }),
    ...(poll.closesAt ? { closesAt: poll.closesAt } : {}),
    ...(poll.closesByAge ? { closesByAge: true } : {}),
    closed: poll.closed,
    counts: tally.counts,
    voters: tally.voters,
    minAnonymous: poll.anonymous ? config.minAnonymous : 0,
    reactionsEnabled: poll.reactions,
  };
}
