import type { RallyContext } from '../../src/context.js';
import { readLetterForm } from '../../src/letters/letter-form.js';
import { saveLetterDraft } from '../../src/letters/save-draft.js';
import { letterFormBlocks } from '../../src/slack/ids.js';
import type { ViewSubmitArgs } from '../types.js';

/** The letter form was submitted (organizers): errors go back into the form; the preview follows privately. */
export function createLetterFormSubmit(ctx: RallyContext) {
  return async ({ ack, body, view }: ViewSubmitArgs): Promise<void> => {
    const read = readLetterForm(view.state.values as Record<string, Record<string, unknown>>);
    if (!read.ok) {
      await ack({ response_action: 'errors', errors: read.errors });
      return;
    }
    const saved = await saveLetterDraft(ctx, {
      letterId: view.private_metadata || undefined,
      draft: read.draft,
      requestedBy: body.user.id,
    });
    if (!saved.ok) {
      const error =
        saved.reason === 'frozen'
          ? 'Someone signed this letter meanwhile, so its text is frozen. Revise it to make a new version.'
          : 'That letter no longer exists.';
      await ack({ response_action: 'errors', errors: { [letterFormBlocks.title]: error } });
      return;
    }
    await ack();
  };
}
