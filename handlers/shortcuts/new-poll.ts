import type { RallyContext } from '../../src/context.js';
import { buildPollModal } from '../../src/polls/blocks/poll-modal.js';
import type { GlobalShortcutArgs } from '../types.js';

/** **New poll** (global shortcut): the poll form, asking where to post since a shortcut has no channel. */
export function createNewPollShortcut(ctx: RallyContext) {
  return async ({ ack, body, client }: GlobalShortcutArgs): Promise<void> => {
    await ack();
    const view = buildPollModal('{}', ctx.config.maxPollDays, { pickChannel: true });
    await client.views.open({ trigger_id: body.trigger_id, view });
  };
}
