import { deliver } from '../delivery/deliver.js';
import { deliveryIds } from '../delivery/delivery-ids.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import type { PollStore } from './store.js';

/** An hour before an open poll closes, a reminder in its thread. */
export async function remindBeforeClose(
  deps: DeliveryDeps & { polls: PollStore },
  pollId: string,
): Promise<void> {
  const poll = await deps.polls.get(pollId);
  if (!poll || poll.closed || !poll.ts) return;
  await deliver(deps, {
    id: deliveryIds.pollReminder(pollId),
    ifUnsure: 'retry',
    channel: poll.channel,
    threadTs: poll.ts,
    text: ':hourglass_flowing_sand: This poll closes in about an hour. If you have not voted yet, now is the time.',
  });
}
