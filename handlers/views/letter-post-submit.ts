import type { RallyContext } from '../../src/context.js';
import { postLetter } from '../../src/posting/post-letter.js';
import { readPickedChannels } from '../../src/slack/blocks/inputs.js';
import { letterFormBlocks } from '../../src/slack/ids.js';
import { letterIdFrom, teamIdOf, type ViewSubmitArgs } from '../types.js';

/** **Post** in the post form (organizers): the letter goes to the channels picked; a summary follows privately. */
export function createLetterPostSubmit(ctx: RallyContext) {
  return async ({ ack, body, view }: ViewSubmitArgs): Promise<void> => {
    const channels = readPickedChannels(
      view.state.values as Record<string, Record<string, unknown>>,
      letterFormBlocks.channels,
    );
    if (!channels) {
      await ack({
        response_action: 'errors',
        errors: { [letterFormBlocks.channels]: 'Pick at least one channel.' },
      });
      return;
    }
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
