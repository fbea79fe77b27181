import type {
  BlockAction,
  Middleware,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { RallyContext } from '../../src/context.js';
import { type Audience, checkRole } from '../../src/roles/check-role.js';
import { buildNoticeModal } from '../../src/slack/blocks/modals.js';
import { ephemeralReply } from '../types.js';

/**
 * Guards a button or a select, in the registration list, so that its listener never checks the role itself:
 * anyone without it is acknowledged and answered privately, through the one role check, with `what` they
 * may not do ("Only organizers can <what>..."): below the message pressed on, or, for an element with no
 * message to answer under (the Home tab, a modal), in a modal of its own.
 */
export function requireRole(
  ctx: RallyContext,
  audience: Audience,
  what: string,
): Middleware<SlackActionMiddlewareArgs<BlockAction>> {
  return async ({ ack, body, respond, client, next }) => {
    const check = await checkRole(ctx.roles, audience, body.user.id, what);
    if (check.allowed) {
      await next();
      return;
    }
    await ack();
    if (body.response_url) await respond(ephemeralReply(check.refusal));
    else await client.views.open({ trigger_id: body.trigger_id, view: refusalModal(check) });
  };
}

const refusalModal = (check: { title: string; refusal: { text: string } }) =>
  buildNoticeModal(check.title, check.refusal.text);

/**
 * Guards a form the same way: someone without the role (or who lost it while the form was open) gets the
 * refusal in the form, and nothing is saved.
 */
export function requireRoleView(
  ctx: RallyContext,
  audience: Audience,
  what: string,
): Middleware<SlackViewMiddlewareArgs<ViewSubmitAction>> {
  return async ({ ack, body, next }) => {
    const check = await checkRole(ctx.roles, audience, body.user.id, what);
    if (check.allowed) {
      await next();
      return;
    }
    await ack({ response_action: 'update', view: refusalModal(check) });
  };
}

/** An organizer-only button. */
export const requireOrganizer = (ctx: RallyContext, what: string) => requireRole(ctx, 'organizers', what);

/** An organizer-only form. */
export const requireOrganizerView = (ctx: RallyContext, what: string) =>
  requireRoleView(ctx, 'organizers', what);

/** An owner-only button or select. */
export const requireOwner = (ctx: RallyContext, what: string) => requireRole(ctx, 'owners', what);
