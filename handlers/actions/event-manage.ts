import type { RallyContext } from '../../src/context.js';
import { requestAttendeeList } from '../../src/events/attendees.js';
import { buildEventForm } from '../../src/events/blocks/event-form.js';
import { requestEventCancel } from '../../src/events/cancel-event.js';
import { type ButtonArgs, ephemeralReply } from '../types.js';

const eventIdOf = (value: string | undefined): string | undefined =>
  value && /^[A-Za-z0-9_-]{6,32}$/.test(value) ? value : undefined;

/** **Edit** on an event (organizers; guarded in the registration list): the form, filled in. */
export function createEventEditAction(ctx: RallyContext) {
  return async ({ ack, body, action, client, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const eventId = eventIdOf(action.value);
    const event = eventId ? await ctx.events.get(eventId) : undefined;
    if (event?.status !== 'open') {
      await respond(ephemeralReply({ text: 'This event is over or cancelled: it cannot change any more.' }));
      return;
    }
    await client.views.open({
      trigger_id: body.trigger_id,
      view: buildEventForm(JSON.stringify({ eventId: event.id }), { event }),
    });
  };
}

/** **Cancel event** (organizers; guarded in the registration list), after Slack's confirmation. */
export function createEventCancelAction(ctx: RallyContext) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const eventId = eventIdOf(action.value);
    if (!eventId) return;
    await requestEventCancel(ctx, { eventId, requestedBy: body.user.id, responseUrl: body.response_url });
    await respond(
      ephemeralReply({ text: 'Cancelling the event: I’ll tell you here when everyone has been told.' }),
    );
  };
}

/** **Who's going** on a named event: the list goes in this copy's thread. */
export function createEventAttendeesAction(ctx: RallyContext) {
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const eventId = eventIdOf(action.value);
    const channel = body.channel?.id;
    const ts = body.message?.ts;
    if (!eventId || !channel || !ts) return;
    const queued = await requestAttendeeList(ctx, { eventId, channel, ts });
    await respond(
      ephemeralReply({
        text: queued
          ? 'The list of who is going is in this event’s thread.'
          : 'This event keeps counts only: there is no list of who is going.',
      }),
    );
  };
}
