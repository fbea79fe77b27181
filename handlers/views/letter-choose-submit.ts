import { z } from 'zod';
import type { RallyContext } from '../../src/context.js';
import { openSignForm } from '../../src/letters/open-sign-form.js';
import { letterChoiceBlock } from '../../src/slack/ids.js';
import { letterIdFrom, teamIdOf, type ViewSubmitArgs } from '../types.js';

const choiceSchema = z.looseObject({
  [letterChoiceBlock]: z.looseObject({
    [letterChoiceBlock]: z.looseObject({ selected_option: z.looseObject({ value: z.string() }) }),
  }),
});

/** A letter was chosen in **Sign a letter**: the form becomes that letter's signing form. */
export function createLetterChooseSubmit(ctx: RallyContext) {
  return async ({ ack, body, view }: ViewSubmitArgs): Promise<void> => {
    const chosen = choiceSchema.safeParse(view.state.values);
    if (!chosen.success) {
      await ack({ response_action: 'errors', errors: { [letterChoiceBlock]: 'Choose a letter.' } });
      return;
    }
    const letterId = letterIdFrom(chosen.data[letterChoiceBlock][letterChoiceBlock].selected_option.value);
    const form = await openSignForm(ctx, letterId, { teamId: teamIdOf(body), userId: body.user.id });
    await ack({ response_action: 'update', view: form });
  };
}
