import { deliver } from '../src/delivery/deliver.js';
import type { JobData } from '../src/queues/queues.js';
import type { JobDeps } from './processor.js';

/** An hour before an open poll closes, a reminder in its thread. */
export async function processPollReminder(
  { pollId }: JobData<'poll-reminder'>,
  deps: JobDeps,
): Promise<void> {
  const poll = await deps.polls.get(pollId);
  if (!poll || poll.closed || !poll.ts) return;
  await deliver(
    {
      id: `poll-reminder-${pollId}`,
      channel: poll.channel,
      threadTs: poll.ts,
      text: ':hourglass_flowing_sand: This poll closes in about an hour. If you have not voted yet, now is the time.',
    },
    deps,
  );
}
