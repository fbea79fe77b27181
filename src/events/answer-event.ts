import { randomBytes } from 'node:crypto';
import { jobIds } from '../queues/job-ids.js';
import type { EventDeps } from './deps.js';
import type { Answer, Pressed, StoredEvent } from './model.js';
import { eventPerson, personRef, reminderValue } from './person.js';
import { markEventChanged } from './redraw.js';

export type AnswerDeps = Pick<EventDeps, 'events' | 'anonymousIds' | 'seals' | 'queues' | 'pendingRedraws'>;

/** What a press left a person with, for their private confirmation. */
export type AnswerOutcome =
  | { ok: true; event: StoredEvent; answer: Answer | undefined; reminders: boolean }
  | { ok: false; reason: 'closed' | 'unknown-event' };

/**
 * One person's press of Going, Maybe or Can't go (pressing the answer they hold takes it back; a double
 * click counts once). Recorded by user ID in a named event and by a keyed hash in a counts-only one; the
 * message is redrawn later (see `markEventChanged`). A place freed in a named event goes to the first on
 * its waitlist, who is told privately; in a counts-only event nobody is messaged about it (a message would
 * show the workspace owner who answered), they see it in their next reminder if they asked for one.
 */
export async function answerEvent(
  deps: AnswerDeps,
  eventId: string,
  userId: string,
  pressed: Pressed,
  at = Date.now(),
): Promise<AnswerOutcome> {
  const event = await deps.events.get(eventId);
  if (!event) return { ok: false, reason: 'unknown-event' };
  const person = await eventPerson(deps, event, userId);
  if (!person || event.status !== 'open') return { ok: false, reason: 'closed' };
  const result = await deps.events.answer(event, person, pressed, at);
  if (!result.ok) return result;
  if (result.answer !== result.previous || result.promoted) await markEventChanged(deps, event);
  if (result.promoted && event.mode === 'named') {
    const version = randomBytes(4).toString('hex');
    const ref = personRef(deps, event, result.promoted);
    await deps.queues.enqueue(
      'event-notice',
      { eventId, notice: 'promoted', version, person: result.promoted },
      { jobId: jobIds.eventNotice(eventId, 'promoted', version, ref) },
    );
  }
  return { ok: true, event, answer: result.answer, reminders: result.reminders };
}

export type ReminderSwitch =
  | { ok: true; event: StoredEvent; answer: Answer; reminders: boolean }
  | { ok: false };

/**
 * Turns a person's reminders (a day and an hour before, by direct message) on or off, while they hold
 * Going, Maybe or a waitlist place. In a counts-only event their user ID is kept for this sealed under the
 * event's key, next to their hash, and erased with the key when the event ends.
 */
export async function switchReminders(
  deps: Pick<EventDeps, 'events' | 'anonymousIds' | 'seals'>,
  eventId: string,
  userId: string,
  on: boolean,
): Promise<ReminderSwitch> {
  const event = await deps.events.get(eventId);
  const person = event ? await eventPerson(deps, event, userId) : undefined;
  if (!event || !person) return { ok: false };
  const value = on ? await reminderValue(deps, event, userId) : event.mode === 'named' ? '0' : '';
  if (value === undefined || !(await deps.events.setReminders(eventId, person, value))) return { ok: false };
  const answer = await deps.events.answerOf(eventId, person);
  return answer ? { ok: true, event, answer, reminders: on } : { ok: false };
}
