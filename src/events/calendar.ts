import icalGenerator, { ICalEventStatus } from 'ical-generator';
import type { AnonymousIds } from '../privacy/anonymous-id.js';
import type { StoredEvent } from './model.js';

/**
 * The code in a calendar link that also shows a place kept for people going: one per event, given to
 * those who answered Going (a keyed hash of the event, so it cannot be made up from the event's ID).
 */
export const placeCode = (deps: { anonymousIds: AnonymousIds }, event: Pick<StoredEvent, 'id' | 'teamId'>) =>
  deps.anonymousIds.of('event-place', event.teamId, event.id);

/** Whether a calendar link may show the place: it is for everyone, or the link carries the place code. */
export function calendarShowsPlace(
  deps: { anonymousIds: AnonymousIds },
  event: Pick<StoredEvent, 'id' | 'teamId' | 'placeFor'>,
  code: string | undefined,
): boolean {
  return event.placeFor === 'everyone' || (code !== undefined && code === placeCode(deps, event));
}

/** The address of an event's `.ics` file, when Rally has a public address (`RALLY_PUBLIC_URL`). */
export function calendarFileUrl(
  publicUrl: string | undefined,
  eventId: string,
  code?: string,
): string | undefined {
  if (!publicUrl) return undefined;
  return `${publicUrl}/events/${eventId}.ics${code ? `?place=${encodeURIComponent(code)}` : ''}`;
}

const googleTime = (ms: number): string =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** A link that opens Google Calendar's "new event" page filled in (times in UTC, which it shows in its own zone). */
export function googleCalendarUrl(
  event: Pick<StoredEvent, 'title' | 'description' | 'place' | 'startsAt' | 'endsAt'>,
  showPlace: boolean,
): string {
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text: event.title,
    dates: `${googleTime(event.startsAt)}/${googleTime(event.endsAt)}`,
    ...(event.description ? { details: event.description.slice(0, 1_000) } : {}),
    ...(showPlace && event.place ? { location: event.place } : {}),
  });
  return `https://calendar.google.com/calendar/render?${params.toString()}`;
}

/**
 * The event as an iCalendar file (RFC 5545), made with ical-generator: its times in UTC (every calendar
 * shows them in its own zone), the place only when `showPlace`, cancelled when it was, and its revision as
 * the SEQUENCE so that calendars take a change over what they had.
 */
export function buildCalendarFile(event: StoredEvent, showPlace: boolean): string {
  const calendar = icalGenerator({ name: event.title, prodId: { company: 'Rally', product: 'events' } });
  calendar.createEvent({
    id: `${event.id}@rally`,
    sequence: event.revision,
    start: new Date(event.startsAt),
    end: new Date(event.endsAt),
    stamp: new Date(event.createdAt),
    summary: event.title,
    ...(event.description ? { description: event.description } : {}),
    ...(showPlace && event.place ? { location: event.place } : {}),
    status: event.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}

/** The `.ics` file Rally serves for an event (see `http/server.ts`); undefined for an event it does not hold. */
export async function calendarFileFor(
  deps: { events: { get(id: string): Promise<StoredEvent | undefined> }; anonymousIds: AnonymousIds },
  eventId: string,
  code: string | undefined,
): Promise<string | undefined> {
  const event = await deps.events.get(eventId);
  if (!event) return undefined;
  return buildCalendarFile(event, calendarShowsPlace(deps, event, code));
}
