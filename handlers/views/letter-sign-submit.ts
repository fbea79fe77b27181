import type { RallyContext } from '../../src/context.js';
import {
  buildAlreadySignedModal,
  letterClosedMessage,
  signedMessage,
} from '../../src/letters/blocks/sign-modal.js';
import { sign } from '../../src/letters/sign.js';
import { readSignForm } from '../../src/letters/sign-form.js';
import { otherOrganizationMessage } from '../../src/slack/blocks/messages.js';
import { buildNoticeModal } from '../../src/slack/blocks/modals.js';
import { fromAnotherOrganization, letterIdFrom, teamIdOf, type ViewSubmitArgs } from '../types.js';

/** The signing form was submitted: sign, and answer in the modal. */
export function createLetterSignSubmit(ctx: RallyContext) {
  return async ({ ack, body, view, context }: ViewSubmitArgs): Promise<void> => {
    if (fromAnotherOrganization(body, context)) {
      await ack({
        response_action: 'update',
        view: buildNoticeModal('Sign the letter', otherOrganizationMessage),
      });
      return;
    }
    const read = readSignForm(view.state.values as Record<string, Record<string, unknown>>);
    if (!read.ok) {
      await ack({ response_action: 'errors', errors: read.errors });
      return;
    }
    const letterId = letterIdFrom(view.private_metadata);
    const result = await sign(ctx, letterId, { teamId: teamIdOf(body), userId: body.user.id }, read.choice);
    const answer = result.ok
      ? buildNoticeModal('Signed', signedMessage(read.choice.kind))
      : 'existing' in result
        ? buildAlreadySignedModal(result.existing, letterId)
        : buildNoticeModal('Letter closed', letterClosedMessage);
    await ack({ response_action: 'update', view: answer });
  };
}
