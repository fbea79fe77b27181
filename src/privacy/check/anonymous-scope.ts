import {
  anonymousParts,
  anonymousPollQueues,
  eventPersonQueues,
  type KeyRole,
  keyMaterial,
  queueKeyKind,
  queuesWithoutUsers,
  undisclosedNoticeQueues,
} from './layout.js';

/** Whether the poll with this ID is anonymous, as far as the caller knows. */
export type AnonymousPoll = (pollId: string) => boolean;

/** Whether the event with this ID keeps counts only, as far as the caller knows. */
export type CountsOnlyEvent = (eventId: string) => boolean;

/**
 * What a key holds, in words, when it is a record of an anonymous scope (which never holds a Slack user
 * ID, in its name or its value); undefined otherwise. The job records of anonymous polls are told apart
 * by their data: see {@link isAnonymousPollJob}.
 */
export function anonymousScopeOf(
  role: KeyRole,
  anonymousPoll: AnonymousPoll,
  countsOnlyEvent: CountsOnlyEvent = () => false,
): string | undefined {
  switch (role.kind) {
    case 'event-part':
      return keyMaterial.event.includes(role.part) && countsOnlyEvent(role.eventId)
        ? `a counts-only event's \`${role.part}\``
        : undefined;
    case 'poll-part':
      if (role.part === 'votes') {
        return anonymousPoll(role.pollId) ? "an anonymous poll's voter records" : undefined;
      }
      if (role.part === 'key') return "an anonymous poll's random key";
      if (role.part === 'forgotten') return "a poll's record of people who asked to be forgotten";
      if (role.part === 'forgotten-key')
        return "the random key of a poll's record of people who asked to be forgotten";
      return undefined;
    case 'letter-part':
      return anonymousParts.letter.includes(role.part) ? `a letter's \`${role.part}\` record` : undefined;
    case 'letter-v1':
      return anonymousParts.letterV1.includes(role.part)
        ? `the first version's \`${role.part}\` signatures`
        : undefined;
    case 'prompt-part':
      return anonymousParts.prompt.includes(role.part) ? `a donation prompt's \`${role.part}\`` : undefined;
    case 'redraw-pending':
      return 'the pending redraws of anonymous counts';
    case 'pace':
      return 'a pace record';
    case 'queue': {
      const kind = queueKeyKind(role.rest);
      if (kind === 'dedup') return `a deduplication key of the ${role.queue} queue`;
      if (kind === 'events') return `the ${role.queue} queue's event stream`;
      if (kind === 'job' && queuesWithoutUsers.includes(role.queue)) return `a ${role.queue} job record`;
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Whether a job's data (its record's `data` field, JSON) is that of a poll-create or poll-nudge job of an
 * anonymous poll: `anonymous: true`, or the ID of a poll known to be anonymous.
 */
export function isAnonymousPollJob(role: KeyRole, data: string, anonymousPoll: AnonymousPoll): boolean {
  if (role.kind !== 'queue' || !anonymousPollQueues.includes(role.queue)) return false;
  if (queueKeyKind(role.rest) !== 'job') return false;
  try {
    const parsed = JSON.parse(data) as { anonymous?: unknown; pollId?: unknown };
    return parsed.anonymous === true || (typeof parsed.pollId === 'string' && anonymousPoll(parsed.pollId));
  } catch {
    return false;
  }
}

/**
 * Whether a job's data is that of an event-notice job of a counts-only event (its `eventId` is one known
 * to keep counts only): such a record must never hold a user ID, running or not.
 */
export function isCountsOnlyEventJob(role: KeyRole, data: string, countsOnlyEvent: CountsOnlyEvent): boolean {
  if (role.kind !== 'queue' || !eventPersonQueues.includes(role.queue)) return false;
  if (queueKeyKind(role.rest) !== 'job') return false;
  try {
    const parsed = JSON.parse(data) as { eventId?: unknown };
    return typeof parsed.eventId === 'string' && countsOnlyEvent(parsed.eventId);
  } catch {
    return false;
  }
}

/**
 * Whether a job's data is that of a failure notice that may not be sent as a direct message: such a record
 * must never hold a user ID, running or not.
 */
export function isUndisclosedNoticeJob(role: KeyRole, data: string): boolean {
  if (role.kind !== 'queue' || !undisclosedNoticeQueues.includes(role.queue)) return false;
  if (queueKeyKind(role.rest) !== 'job') return false;
  try {
    return (JSON.parse(data) as { directMessage?: unknown }).directMessage === false;
  } catch {
    return false;
  }
}
