import type { RallyContext } from '../../src/context.js';
import { parsePollIdValue } from '../../src/polls/button-values.js';
import { canManagePoll } from '../../src/polls/manager.js';
import type { ButtonArgs } from '../types.js';

const privately = (text: string) => ({ response_type: 'ephemeral' as const, replace_original: false, text });

/** **Close poll**: its creator or an organizer closes it now; the close job does the rest. */
export function createPollCloseAction(ctx: RallyContext) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const pollId = parsePollIdValue(action.value);
    const poll = pollId ? await ctx.polls.get(pollId) : undefined;
    if (!poll) return;
    if (!canManagePoll(ctx, poll, body.user.id)) {
      await respond(privately('Only the person who started this poll, or an organizer, can close it.'));
      return;
    }
    await ctx.queues.enqueue('poll-close', { pollId: poll.id }, { jobId: `close-now-${poll.id}` });
    await respond(privately('Closing the poll: the final results will replace the buttons in a moment.'));
  };
}

/** **Remind people who haven't voted**: its creator or an organizer asks; a job sends the reminders. */
export function createPollNudgeAction(ctx: RallyContext) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const pollId = parsePollIdValue(action.value);
    const poll = pollId ? await ctx.polls.get(pollId) : undefined;
    if (!poll) return;
    if (!canManagePoll(ctx, poll, body.user.id)) {
      await respond(privately('Only the person who started this poll, or an organizer, can send reminders.'));
      return;
    }
    // One attempt: a retry could message people twice, and nobody reminded is recorded to prevent it.
    await ctx.queues.enqueue(
      'poll-nudge',
      {
        pollId: poll.id,
        requestedBy: body.user.id,
        ...(body.response_url ? { responseUrl: body.response_url } : {}),
      },
      { attempts: 1 },
    );
  };
}
