import type { RallyContext } from '../../src/context.js';
import { createReminder } from '../../src/reminders/create-reminder.js';
import { readReminderForm } from '../../src/reminders/reminder-form.js';
import { reminderFormBlocks } from '../../src/slack/ids.js';
import { teamIdOf, type ViewSubmitArgs } from '../types.js';

/**
 * The **Remind…** form was submitted: mistakes go back into the form; a reminder is stored (unless the
 * person has the most waiting), and a job reads its time and confirms in a message from Rally.
 */
export function createReminderCreateSubmit(ctx: RallyContext) {
  return async ({ ack, body, view }: ViewSubmitArgs): Promise<void> => {
    const read = readReminderForm(view.state.values);
    if (!read.ok) {
      await ack({ response_action: 'errors', errors: read.errors });
      return;
    }
    const created = await createReminder(ctx, {
      teamId: teamIdOf(body),
      creator: body.user.id,
      target: read.target.kind === 'me' ? body.user.id : read.target.channel,
      text: read.text,
      when: read.when,
    });
    await ack(
      created.ok
        ? undefined
        : { response_action: 'errors', errors: { [reminderFormBlocks.text]: created.problem } },
    );
  };
}
