import type { Config } from '../config.js';
import type { AnonymousIds } from '../privacy/anonymous-id.js';
import type { CalendarLinks } from './blocks/answer-notice.js';
import { calendarFileUrl, googleCalendarUrl, placeCode } from './calendar.js';
import type { StoredEvent } from './model.js';

/**
 * Calendar links for one person: with the place when it is for everyone, or when it is kept for people
 * going and they are (`going`); the `.ics` link only when Rally has a public address.
 */
export function calendarLinksFor(
  deps: { anonymousIds: AnonymousIds; config: Pick<Config, 'publicUrl'> },
  event: StoredEvent,
  going: boolean,
): CalendarLinks {
  const showPlace = event.placeFor === 'everyone' || going;
  const code = event.placeFor === 'going' && going ? placeCode(deps, event) : undefined;
  return {
    google: googleCalendarUrl(event, showPlace),
    file: calendarFileUrl(deps.config.publicUrl, event.id, code),
  };
}
