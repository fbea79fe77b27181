import type { AnonymousIds } from '../privacy/anonymous-id.js';
import type { SealedBox } from '../privacy/sealed-box.js';
import type { StoredEvent } from './model.js';
import type { EventStore } from './store.js';

/** The anonymous-ID scope of counts-only events' answerers. */
const answerScope = 'event-answer';

/**
 * How an event records a person: their user ID in a named event; in a counts-only one a keyed hash that
 * mixes in the event's random key, so that once the key is erased at the end nobody (whoever runs Rally
 * included) can recompute it. Undefined for a counts-only event whose key is gone.
 */
export async function eventPerson(
  deps: { events: EventStore; anonymousIds: AnonymousIds },
  event: Pick<StoredEvent, 'id' | 'teamId' | 'mode'>,
  userId: string,
): Promise<string | undefined> {
  if (event.mode === 'named') return userId;
  const key = await deps.events.scopeKey(event.id);
  return key ? deps.anonymousIds.of(answerScope, event.teamId, userId, key) : undefined;
}

/**
 * What the event keeps to send a person the reminders they asked for: `1` in a named event (the person is
 * their user ID); in a counts-only one their user ID sealed under the event's key, readable only while the
 * event lasts. Undefined when a counts-only event's key is gone.
 */
export async function reminderValue(
  deps: { events: EventStore; seals: SealedBox },
  event: Pick<StoredEvent, 'id' | 'mode'>,
  userId: string,
): Promise<string | undefined> {
  if (event.mode === 'named') return '1';
  const key = await deps.events.scopeKey(event.id);
  return key ? deps.seals.seal(key, userId) : undefined;
}

/** The user ID behind a reminder record: `person` itself (named), or the sealed one (counts-only, while open). */
export async function reminderRecipient(
  deps: { events: EventStore; seals: SealedBox },
  event: Pick<StoredEvent, 'id' | 'mode'>,
  person: string,
): Promise<string | undefined> {
  const value = await deps.events.reminderOf(event.id, person);
  if (!value || value === '0') return undefined;
  if (event.mode === 'named') return person;
  const key = await deps.events.scopeKey(event.id);
  return key ? deps.seals.open(key, value) : undefined;
}

/** A name for a person in job and delivery IDs: a hash, never a user ID (a counts-only person already is one). */
export const personRef = (
  deps: { anonymousIds: AnonymousIds },
  event: Pick<StoredEvent, 'id' | 'teamId' | 'mode'>,
  person: string,
): string =>
  event.mode === 'counts' ? person : deps.anonymousIds.of('event-person', event.teamId, person, event.id);
