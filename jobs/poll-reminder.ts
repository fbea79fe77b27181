import type { JobData } from '../src/queues.js';
import type { JobDeps } from './processor.js';

/** An hour before an open poll closes, a reminder in its thread. */
export async function processPollReminder(
  { pollId }: JobData<'poll-reminder'>,
  deps: JobDeps,
): Promise<void> {
  const poll = await deps.polls.get(pollId);
  if (!poll || poll.closed || !poll.ts) return;
  if (!(await deps.polls.markOnce(pollId, 'reminder'))) return;
  await deps.slack.chat.postMessage({
    channel: poll.channel,
    thread_ts: poll.ts,
    text: ':hourglass_flowing_sand: This poll closes in about an hour. If you have not voted yet, now is the time.',
  });
}
