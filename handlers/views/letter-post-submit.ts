import { z } from 'zod';
import type { RallyContext } from '../../src/context.js';
import { postLetter } from '../../src/posting/post-letter.js';
import { letterFormBlocks } from '../../src/slack/ids.js';
import { letterIdFrom, teamIdOf, type ViewSubmitArgs } from '../types.js';

const channelsSchema = z.looseObject({
  [letterFormBlocks.channels]: z.looseObject({
    [letterFormBlocks.channels]: z.looseObject({
      selected_conversations: z.array(z.string().regex(/^[CG][A-Z0-9]+$/)).min(1),
    }),
  }),
});

/** **Post** in the post form (organizers): the letter goes to the channels picked; a summary follows privately. */
export function createLetterPostSubmit(ctx: RallyContext) {
  return async ({ ack, body, view }: ViewSubmitArgs): Promise<void> => {
    const picked = channelsSchema.safeParse(view.state.values);
    if (!picked.success) {
      await ack({
        response_action: 'errors',
        errors: { [letterFormBlocks.channels]: 'Pick at least one channel.' },
      });
      return;
    }
    const channels = picked.data[letterFormBlocks.channels][letterFormBlocks.channels].selected_conversations;
    const posted = await postLetter(ctx, {
      letterId: letterIdFrom(view.private_metadata),
      teamId: teamIdOf(body),
      requestedBy: body.user.id,
      channels,
    });
    if (!posted.ok) {
      await ack({ response_action: 'errors', errors: { [letterFormBlocks.channels]: posted.problem } });
      return;
    }
    await ack();
  };
}
