import type { ModalView } from '@slack/types';
import type { RallyContext } from '../../src/context.js';
import { requestOwnHomeRefresh } from '../../src/home/publish-home.js';
import {
  buildAlreadySignedModal,
  kindNotAllowedMessage,
  letterClosedMessage,
  readSignFormMetadata,
  signedMessage,
  textChangedMessage,
} from '../../src/letters/blocks/sign-modal.js';
import { sign } from '../../src/letters/sign.js';
import { readSignForm } from '../../src/letters/sign-form.js';
import { otherOrganizationMessage } from '../../src/slack/blocks/messages.js';
import { buildNoticeModal, buildNotRecordedModal } from '../../src/slack/blocks/modals.js';
import { fromAnotherOrganization, letterIdFrom, teamIdOf, type ViewSubmitArgs } from '../types.js';

/**
 * The signing form was submitted: sign, and answer in the modal. When the signature cannot be stored
 * (Redis refuses writes or is away) the modal says so, and the log line names nobody. A signature with the
 * signer's name shows on their Home tab, which is refreshed; any other kind shows nowhere and starts no job.
 */
export function createLetterSignSubmit(ctx: RallyContext) {
  const logger = ctx.logger.child({ handler: 'letter-sign-submit' });
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
    const form = readSignFormMetadata(view.private_metadata);
    const letterId = letterIdFrom(form.letterId);
    const actor = { teamId: teamIdOf(body), userId: body.user.id };
    let answer: ModalView;
    let signedWithName = false;
    try {
      const result = await sign(ctx, letterId, actor, read.choice, form.textVersion);
      signedWithName = result.ok && read.choice.kind === 'named';
      answer = result.ok
        ? buildNoticeModal('Signed', signedMessage(read.choice.kind))
        : 'existing' in result
          ? buildAlreadySignedModal(result.existing, letterId)
          : result.reason === 'not-allowed'
            ? buildNoticeModal('Not signed', kindNotAllowedMessage)
            : result.reason === 'text-changed'
              ? buildNoticeModal('Not signed', textChangedMessage)
              : buildNoticeModal('Letter closed', letterClosedMessage);
    } catch (err) {
      logger.error({ err }, 'signature not recorded');
      answer = buildNotRecordedModal('Not signed', 'Your signature');
    }
    await ack({ response_action: 'update', view: answer });
    if (signedWithName) await requestOwnHomeRefresh(ctx, actor.teamId, actor.userId);
  };
}
