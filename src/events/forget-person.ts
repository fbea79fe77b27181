import type { EventDeps } from './deps.js';
import { eventPerson } from './person.js';
import { markEventChanged } from './redraw.js';

/**
 * Takes a person out of every event Rally holds: their answer (withdrawn from an open event's counts, a
 * place they held going to the first on the waitlist; a named event that is over keeps its counts without
 * them) and their reminders. A counts-only event that is over keeps nothing that could be theirs.
 * Returns how many answers went.
 */
export async function forgetInEvents(
  deps: Pick<EventDeps, 'events' | 'anonymousIds' | 'queues' | 'pendingRedraws'>,
  teamId: string,
  userId: string,
): Promise<number> {
  let removed = 0;
  for (const id of await deps.events.allIds()) {
    const event = await deps.events.get(id);
    if (!event || event.teamId !== teamId) continue;
    const person = await eventPerson(deps, event, userId);
    if (!person) continue;
    if (event.status === 'open') {
      const result = await deps.events.answer(event, person, 'none');
      if (result.ok && result.previous) {
        removed++;
        await markEventChanged(deps, event);
      }
    } else if (await deps.events.forgetClosed(id, person)) {
      removed++;
    }
  }
  return removed;
}
