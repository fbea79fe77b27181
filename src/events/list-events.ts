import type { Config } from '../config.js';
import type { MessageContent } from '../slack/blocks/messages.js';
import { buildEventList, type EventListItem } from './blocks/event-list.js';
import type { EventDeps } from './deps.js';
import { eventPerson } from './person.js';
import { drawnCounts } from './redraw.js';

type ListDeps = Pick<EventDeps, 'events' | 'anonymousIds'> & { config: Pick<Config, 'minAnonymous'> };

/** The open events still ahead (or under way), soonest first, each with its counts as drawn. */
export async function upcomingEvents(
  deps: Pick<EventDeps, 'events'>,
  now = Date.now(),
): Promise<EventListItem[]> {
  const items: EventListItem[] = [];
  for (const id of await deps.events.openIds()) {
    const event = await deps.events.get(id);
    if (event?.status !== 'open' || event.endsAt <= now) continue;
    items.push({ event, counts: await drawnCounts(deps, event), channels: [] });
  }
  return items.sort((a, b) => a.event.startsAt - b.event.startsAt);
}

/** What a person answered to an event (while it is open), if anything. */
async function answerOf(deps: ListDeps, item: EventListItem, userId: string) {
  const person = await eventPerson(deps, item.event, userId);
  return person ? deps.events.answerOf(item.event.id, person) : undefined;
}

/** `/rally events`: the upcoming events posted in this channel and those the person answered, privately. */
export async function listEvents(
  deps: ListDeps,
  request: { userId: string; channel: string },
  now = Date.now(),
): Promise<MessageContent> {
  const shown: EventListItem[] = [];
  for (const item of await upcomingEvents(deps, now)) {
    const channels = (await deps.events.copies(item.event.id)).map((c) => c.channel);
    const answer = await answerOf(deps, item, request.userId);
    if (channels.includes(request.channel) || answer)
      shown.push({ ...item, channels, ...(answer ? { answer } : {}) });
  }
  return buildEventList(shown, deps.config);
}
