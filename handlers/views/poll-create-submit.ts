import { z } from 'zod';
import type { RallyContext } from '../../src/context.js';
import { readPollModal } from '../../src/polls/read-modal.js';
import { requestPoll } from '../../src/polls/request-poll.js';
import { pollBlocks } from '../../src/slack/ids.js';
import { teamIdOf, type ViewSubmitArgs } from '../types.js';

const metadataSchema = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON' });
      return z.NEVER;
    }
  })
  .pipe(
    z.object({
      channel: z
        .string()
        .regex(/^[CGD][A-Z0-9]+$/)
        .optional(),
    }),
  );

/** The channel picked in the form a global shortcut opens. */
const pickedSchema = z.looseObject({
  [pollBlocks.channel]: z.looseObject({
    [pollBlocks.channel]: z.looseObject({ selected_conversation: z.string().regex(/^[CGD][A-Z0-9]+$/) }),
  }),
});

/**
 * The poll form was submitted: errors (and too many open polls) go back into the form; a good poll is
 * created by a job.
 */
export function createPollCreateSubmit(ctx: RallyContext) {
  const logger = ctx.logger.child({ handler: 'poll-create-submit' });
  return async ({ ack, body, view }: ViewSubmitArgs): Promise<void> => {
    const read = readPollModal(view.state.values as Record<string, Record<string, unknown>>, new Date());
    if (!read.ok) {
      await ack({ response_action: 'errors', errors: read.errors });
      return;
    }
    const metadata = metadataSchema.safeParse(view.private_metadata);
    if (!metadata.success) {
      logger.warn('poll form with unreadable metadata');
      await ack();
      return;
    }
    const picked = pickedSchema.safeParse(view.state.values);
    const channel =
      metadata.data.channel ??
      (picked.success
        ? picked.data[pollBlocks.channel][pollBlocks.channel].selected_conversation
        : undefined);
    if (!channel) {
      await ack({
        response_action: 'errors',
        errors: { [pollBlocks.channel]: 'Pick the channel to post it in.' },
      });
      return;
    }
    const requested = await requestPoll(ctx, {
      teamId: teamIdOf(body),
      channel,
      creatorId: body.user.id,
      poll: read.poll,
    });
    // Too many open polls: said in the form, on the question, so nothing typed is lost.
    await ack(
      requested.ok
        ? undefined
        : { response_action: 'errors', errors: { [pollBlocks.question]: requested.problem } },
    );
  };
}
