import type { RallyContext } from '../../src/context.js';
import { buildAlreadySignedModal, signedMessage } from '../../src/letters/blocks/sign-modal.js';
import { sign } from '../../src/letters/sign.js';
import { readSignForm } from '../../src/letters/sign-form.js';
import { buildNoticeModal } from '../../src/slack/blocks/modals.js';
import { teamIdOf, type ViewSubmitArgs } from '../types.js';

/** The signing form was submitted: sign, and answer in the modal. */
export function createLetterSignSubmit(ctx: RallyContext) {
  return async ({ ack, body, view }: ViewSubmitArgs): Promise<void> => {
    const read = readSignForm(view.state.values as Record<string, Record<string, unknown>>);
    if (!read.ok) {
      await ack({ response_action: 'errors', errors: read.errors });
      return;
    }
    const result = await sign(ctx, { teamId: teamIdOf(body), userId: body.user.id }, read.form);
    const answer = result.ok
      ? buildNoticeModal('Signed', signedMessage(read.form.kind))
      : buildAlreadySignedModal(result.existing);
    await ack({ response_action: 'update', view: answer });
  };
}
