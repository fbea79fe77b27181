import type { Config } from '../config.js';
import type { MessageContent } from '../slack/blocks/messages.js';
import { calendarLine } from './blocks/answer-notice.js';
import { calendarLinksFor } from './calendar-links.js';
import type { EventDeps } from './deps.js';
import { eventPerson } from './person.js';

/** **Add to calendar**: the links, privately, with a place kept for people going when the person is. */
export async function calendarAnswer(
  deps: Pick<EventDeps, 'events' | 'anonymousIds'> & { config: Pick<Config, 'publicUrl'> },
  eventId: string,
  userId: string,
): Promise<MessageContent> {
  const event = await deps.events.get(eventId);
  if (!event) return { text: 'Rally does not know this event any more.', blocks: [] };
  const person = await eventPerson(deps, event, userId);
  const going = person !== undefined && (await deps.events.answerOf(eventId, person)) === 'going';
  const links = calendarLinksFor(deps, event, going);
  const note = links.file
    ? ''
    : '\n_No calendar file: this Rally has no public address (`RALLY_PUBLIC_URL`)._';
  const hidden =
    event.placeFor === 'going' && !going
      ? '\n_The place is left out: it is shown to people who are going._'
      : '';
  const text = `${calendarLine(links)}${hidden}${note}`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
