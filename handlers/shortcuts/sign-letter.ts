import type { RallyContext } from '../../src/context.js';
import { letterToSign } from '../../src/letters/choose-letter.js';
import { otherOrganizationMessage } from '../../src/slack/blocks/messages.js';
import { buildNoticeModal } from '../../src/slack/blocks/modals.js';
import { fromAnotherOrganization, type GlobalShortcutArgs, teamIdOf } from '../types.js';

/** **Sign a letter** (global shortcut): the signing form of the open letter, or a choice of open letters. */
export function createSignLetterShortcut(ctx: RallyContext) {
  return async ({ ack, body, client, context }: GlobalShortcutArgs): Promise<void> => {
    await ack();
    const view = fromAnotherOrganization(body, context)
      ? buildNoticeModal('Sign a letter', otherOrganizationMessage)
      : await letterToSign(ctx, { teamId: teamIdOf(body), userId: body.user.id });
    await client.views.open({ trigger_id: body.trigger_id, view });
  };
}
