import type { RallyContext } from '../../src/context.js';
import { requestLetterRefresh } from '../../src/delivery/redraw.js';
import {
  buildAlreadySignedModal,
  buildNoticeModal,
  signedMessage,
} from '../../src/letters/blocks/sign-modal.js';
import { readSignForm, toSignRequest } from '../../src/letters/sign-form.js';
import { letterSigner, today } from '../../src/letters/signer.js';
import { teamIdOf, type ViewSubmitArgs } from '../types.js';

/** The signing form was submitted: sign atomically, answer in the modal, refresh the letter's counts. */
export function createLetterSignSubmit(ctx: RallyContext) {
  return async ({ ack, body, view }: ViewSubmitArgs): Promise<void> => {
    const read = readSignForm(view.state.values as Record<string, Record<string, unknown>>);
    if (!read.ok) {
      await ack({ response_action: 'errors', errors: read.errors });
      return;
    }
    const { form } = read;
    const signer = letterSigner(ctx, teamIdOf(body), body.user.id);
    const result = await ctx.signatures.sign(toSignRequest(form, signer), signer, today());
    if (!result.ok) {
      await ack({ response_action: 'update', view: buildAlreadySignedModal(result.existing) });
      return;
    }
    await ack({ response_action: 'update', view: buildNoticeModal('Signed', signedMessage(form.kind)) });
    await requestLetterRefresh(ctx.queues);
  };
}
