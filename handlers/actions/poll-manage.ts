import type { RallyContext } from '../../src/context.js';
import { parsePollIdValue } from '../../src/polls/button-values.js';
import { requestPollClose } from '../../src/polls/close-poll.js';
import { canManagePoll } from '../../src/polls/manage.js';
import type { StoredPoll } from '../../src/polls/model.js';
import { requestNudge } from '../../src/polls/nudge-voters.js';
import { buildNotice } from '../../src/slack/blocks/messages.js';
import { type ButtonArgs, ephemeralReply } from '../types.js';

/** A button only a poll's creator or an organizer may use: `run` does the work once that is checked. */
function createPollManageAction(
  ctx: RallyContext,
  what: string,
  run: (poll: StoredPoll, args: ButtonArgs) => Promise<string | undefined>,
) {
  return async (args: ButtonArgs): Promise<void> => {
    const { ack, action, body, respond } = args;
    await ack();
    const pollId = parsePollIdValue(action.value);
    const poll = pollId ? await ctx.polls.get(pollId) : undefined;
    if (!poll) return;
    if (!(await canManagePoll(ctx, poll, body.user.id))) {
      await respond(
        ephemeralReply(buildNotice(`Only the person who started this poll, or an organizer, can ${what}.`)),
      );
      return;
    }
    const answer = await run(poll, args);
    if (answer) await respond(ephemeralReply(buildNotice(answer)));
  };
}

/** **Close poll**: closed now; the close job does the rest. */
export const createPollCloseAction = (ctx: RallyContext) =>
  createPollManageAction(ctx, 'close it', async (poll) => {
    await requestPollClose(ctx, poll.id);
    return 'Closing the poll: the final results will replace the buttons in a moment.';
  });

/** **Remind people who haven't voted**: a job sends the reminders and tells the creator how many. */
export const createPollNudgeAction = (ctx: RallyContext) =>
  createPollManageAction(ctx, 'send reminders', async (poll, { body }) => {
    const request = await requestNudge(ctx, poll, { userId: body.user.id, responseUrl: body.response_url });
    if (request.ok) return undefined;
    const hours = Math.max(1, Math.ceil(request.waitSeconds / 3_600));
    return `This poll was nudged less than 12 hours ago. You can send another reminder in about ${hours} ${hours === 1 ? 'hour' : 'hours'}.`;
  });
