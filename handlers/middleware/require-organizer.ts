import type {
  BlockAction,
  ButtonAction,
  Middleware,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import { buildOrganizersOnlyMessage } from '../../src/commands/blocks/help.js';
import type { RallyContext } from '../../src/context.js';
import { buildNoticeModal } from '../../src/slack/blocks/modals.js';
import { ephemeralReply } from '../types.js';

/**
 * Guards an organizer-only button, in the registration list, so that its listener never checks the role
 * itself: anyone else's click is acknowledged and answered privately with `what` they may not do, below the
 * message pressed on, or in a modal for a button with no message to answer under (the Home tab).
 */
export function requireOrganizer(
  ctx: RallyContext,
  what: string,
): Middleware<SlackActionMiddlewareArgs<BlockAction<ButtonAction>>> {
  return async ({ ack, body, respond, client, next }) => {
    if (ctx.isOrganizer(body.user.id)) {
      await next();
      return;
    }
    await ack();
    const refusal = buildOrganizersOnlyMessage(what);
    if (body.response_url) await respond(ephemeralReply(refusal));
    else
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildNoticeModal('Organizers only', refusal.text),
      });
  };
}

/**
 * Guards an organizer-only form the same way: someone who lost the role while the form was open gets the
 * refusal in the form, and nothing is saved.
 */
export function requireOrganizerView(
  ctx: RallyContext,
  what: string,
): Middleware<SlackViewMiddlewareArgs<ViewSubmitAction>> {
  return async ({ ack, body, next }) => {
    if (ctx.isOrganizer(body.user.id)) {
      await next();
      return;
    }
    await ack({
      response_action: 'update',
      view: buildNoticeModal('Organizers only', buildOrganizersOnlyMessage(what).text),
    });
  };
}
