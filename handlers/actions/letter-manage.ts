import type { RallyContext } from '../../src/context.js';
import { buildLetterForm } from '../../src/letters/blocks/letter-form.js';
import { buildPostLetterForm } from '../../src/letters/blocks/post-letter-form.js';
import { discardDraft } from '../../src/letters/discard-draft.js';
import { requestSignaturesExport } from '../../src/letters/export-signatures.js';
import { reviseLetter } from '../../src/letters/revise-letter.js';
import { buildNotice } from '../../src/slack/blocks/messages.js';
import { buildNoticeModal } from '../../src/slack/blocks/modals.js';
import { type ButtonArgs, ephemeralReply, letterIdFrom } from '../types.js';

/**
 * The buttons organizers press on a letter (its preview, `/rally letters`): each carries the letter's ID;
 * the registration list lets only organizers through.
 */

/** **Post to channels…**: the form to pick channels. */
export function createLetterPostAction(ctx: RallyContext) {
  return async ({ ack, action, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    const letter = await ctx.letters.get(letterIdFrom(action.value));
    const view = !letter
      ? buildNoticeModal('Post the letter', 'That letter no longer exists.')
      : letter.status === 'closed'
        ? buildNoticeModal('Post the letter', 'This letter is closed. Revise it to post a new version.')
        : buildPostLetterForm(letter);
    await client.views.open({ trigger_id: body.trigger_id, view });
  };
}

/** **Edit**: the letter form, filled in, while the text is not frozen. */
export function createLetterEditAction(ctx: RallyContext) {
  return async ({ ack, action, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    const letter = await ctx.letters.get(letterIdFrom(action.value));
    const frozen = !letter || (await ctx.letters.isFrozen(letter.id));
    const view =
      letter && !frozen
        ? buildLetterForm(letter)
        : buildNoticeModal(
            'Edit the letter',
            'Someone signed this letter, so its text is frozen. Revise it to make a new version.',
          );
    await client.views.open({ trigger_id: body.trigger_id, view });
  };
}

/** **Discard** a draft that was never posted. */
export function createLetterDiscardAction(ctx: RallyContext) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const discarded = await discardDraft(ctx, letterIdFrom(action.value), body.user.id);
    const text = discarded
      ? 'The draft was discarded.'
      : 'Only a draft that was never posted can be discarded.';
    await respond(ephemeralReply(buildNotice(text)));
  };
}

/** **Revise**: a new draft from the letter; the preview follows privately. */
export function createLetterReviseAction(ctx: RallyContext) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const saved = await reviseLetter(ctx, letterIdFrom(action.value), body.user.id);
    const text = saved.ok
      ? 'A new draft was made from this letter: its preview is in your messages from Rally. When you post it, the old letter closes.'
      : 'That letter no longer exists.';
    await respond(ephemeralReply(buildNotice(text)));
  };
}

/** **Export**: the delivery package, privately. */
export function createLetterExportAction(ctx: RallyContext) {
  return async ({ ack, action, body, respond }: ButtonArgs): Promise<void> => {
    await ack();
    await requestSignaturesExport(ctx, {
      letterId: letterIdFrom(action.value),
      requestedBy: body.user.id,
      ...(body.response_url ? { responseUrl: body.response_url } : {}),
    });
    await respond(
      ephemeralReply(buildNotice('Preparing the signatures for delivery: they will be here in a moment.')),
    );
  };
}
