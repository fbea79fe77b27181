import { buildReminderForm } from '../../src/reminders/blocks/reminder-form.js';
import type { GlobalShortcutArgs } from '../types.js';

/** **Remind…** (global shortcut): the reminder form. */
export function createRemindShortcut() {
  return async ({ ack, body, client }: GlobalShortcutArgs): Promise<void> => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: buildReminderForm() });
  };
}
