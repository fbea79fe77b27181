import type { RallyContext } from '../../src/context.js';
import { endPromptNow } from '../../src/donations/end-prompt.js';
import { buildNotice } from '../../src/slack/blocks/messages.js';
import { type ButtonArgs, ephemeralReply } from '../types.js';

const promptValue = /^[A-Za-z0-9_-]{6,64}$/;

/** **End** on a donation prompt (organizers): a job ends it and redraws it with its final counts. */
export function createDonationEndAction(ctx: RallyContext) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const promptId = action.value ?? '';
    if (!promptValue.test(promptId)) return;
    await endPromptNow(ctx, promptId, body.user.id);
    await respond(
      ephemeralReply(
        buildNotice('Ending the donation prompt: its buttons go and it shows its final counts.'),
      ),
    );
  };
}
