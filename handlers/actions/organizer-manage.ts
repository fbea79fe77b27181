import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { RallyContext } from '../../src/context.js';
import { addOrganizer } from '../../src/roles/add-organizer.js';
import type { OrganizerChange } from '../../src/roles/change.js';
import { listOrganizers } from '../../src/roles/list-organizers.js';
import { removeOrganizer } from '../../src/roles/remove-organizer.js';
import { teamIdOf } from '../types.js';

type ElementArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

const userIdPattern = /^[UW][A-Z0-9]{2,}$/;

/** The owner's list, redrawn in place with what their change did. */
async function redraw(ctx: RallyContext, { body, respond }: ElementArgs, change: OrganizerChange) {
  await respond({ replace_original: true, ...(await listOrganizers(ctx, body.user.id, change)) });
}

/** A person picked in `/rally organizers` (owners): they become an organizer unless they cannot be one. */
export function createOrganizerAddAction(ctx: RallyContext) {
  return async (args: ElementArgs): Promise<void> => {
    const { ack, action, body, context } = args;
    await ack();
    const userId = action.type === 'users_select' ? action.selected_user : undefined;
    if (!userId || !userIdPattern.test(userId)) return;
    const workspaceTeamId = context.teamId ?? teamIdOf(body);
    await redraw(ctx, args, await addOrganizer(ctx, { userId, workspaceTeamId, actor: body.user.id }));
  };
}

/** **Remove** beside an organizer in `/rally organizers` (owners); the button carries their user ID. */
export function createOrganizerRemoveAction(ctx: RallyContext) {
  return async (args: ElementArgs): Promise<void> => {
    const { ack, action, body } = args;
    await ack();
    const userId = action.type === 'button' ? action.value : undefined;
    if (!userId || !userIdPattern.test(userId)) return;
    await redraw(ctx, args, await removeOrganizer(ctx, { userId, actor: body.user.id }));
  };
}
