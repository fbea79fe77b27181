import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { RallyContext } from '../../src/context.js';
import { requestOwnHomeRefresh } from '../../src/home/publish-home.js';
import { addOrganizer } from '../../src/roles/add-organizer.js';
import { describeChange } from '../../src/roles/blocks/organizer-list.js';
import type { OrganizerChange } from '../../src/roles/change.js';
import { listOrganizers } from '../../src/roles/list-organizers.js';
import { removeOrganizer } from '../../src/roles/remove-organizer.js';
import { buildNoticeModal } from '../../src/slack/blocks/modals.js';
import { teamIdOf } from '../types.js';

type ElementArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

const userIdPattern = /^[UW][A-Z0-9]{2,}$/;

/**
 * The owner's list, redrawn in place with what their change did; on the Home tab, which has no message to
 * redraw, what it did in a small modal, and the Home tabs of the owner and of the person changed are
 * published again.
 */
async function redraw(ctx: RallyContext, { body, respond, client }: ElementArgs, change: OrganizerChange) {
  if (body.response_url) {
    await respond({ replace_original: true, ...(await listOrganizers(ctx, body.user.id, change)) });
  } else {
    const view = buildNoticeModal('Organizers', describeChange(change));
    await client.views.open({ trigger_id: body.trigger_id, view });
  }
  const teamId = teamIdOf(body);
  await requestOwnHomeRefresh(ctx, teamId, body.user.id);
  if (change.userId !== body.user.id) await requestOwnHomeRefresh(ctx, teamId, change.userId);
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
