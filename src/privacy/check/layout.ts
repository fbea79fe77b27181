import { type QueueName, queueNames } from '../../queues/contracts.js';

/*
 * Rally's key layout as the check reads it, stated here rather than imported from the features: the check
 * states what Rally promises about each key, and a feature that moves its keys should make it fail.
 * Every key starts with the prefix `{namespace}`; IDs of polls, letters and prompts hold no `:`.
 */

export type KeyRole =
  | { kind: 'poll'; pollId: string }
  | { kind: 'poll-part'; pollId: string; part: string }
  /** `{ns}:poll-message:<channel>:<ts>`: which poll a message is. */
  | { kind: 'poll-message'; channel: string; ts: string }
  | { kind: 'letter'; letterId: string }
  | { kind: 'letter-part'; letterId: string; part: string }
  /** The first version's one letter: `{ns}:letter:anonymous`, `:conditional`, `:named`, `:copies`. */
  | { kind: 'letter-v1'; part: string }
  | { kind: 'prompt'; promptId: string }
  | { kind: 'prompt-part'; promptId: string; part: string }
  | { kind: 'event'; eventId: string }
  | { kind: 'event-part'; eventId: string; part: string }
  | { kind: 'redraw-pending' }
  | { kind: 'pace' }
  | { kind: 'delivery' }
  | { kind: 'privacy'; name: string }
  /** A BullMQ key of one of Rally's queues: `{ns}:<queue>:<rest>`. */
  | { kind: 'queue'; queue: QueueName; rest: string }
  | { kind: 'other' };

const queues = new Set<string>(queueNames);
const v1LetterParts = new Set(['anonymous', 'conditional', 'named', 'copies']);

/** What a key is, from its name; `undefined` when it is not under `prefix`. */
export function roleOf(key: string, prefix: string): KeyRole | undefined {
  if (!key.startsWith(`${prefix}:`)) return undefined;
  const rest = key.slice(prefix.length + 1);
  const [head = '', ...tail] = rest.split(':');
  const [id = '', part] = tail;
  if (queues.has(head) && tail.length > 0) {
    return { kind: 'queue', queue: head as QueueName, rest: rest.slice(head.length + 1) };
  }
  switch (head) {
    case 'poll':
      if (tail.length === 1) return { kind: 'poll', pollId: id };
      if (tail.length === 2 && part) return { kind: 'poll-part', pollId: id, part };
      break;
    case 'letter':
      if (tail.length === 1) {
        return v1LetterParts.has(id) ? { kind: 'letter-v1', part: id } : { kind: 'letter', letterId: id };
      }
      if (tail.length === 2 && part) return { kind: 'letter-part', letterId: id, part };
      break;
    case 'donation':
      if (tail.length === 1) return { kind: 'prompt', promptId: id };
      if (tail.length === 2 && part) return { kind: 'prompt-part', promptId: id, part };
      break;
    case 'event':
      if (tail.length === 1) return { kind: 'event', eventId: id };
      if (tail.length === 2 && part) return { kind: 'event-part', eventId: id, part };
      break;
    case 'poll-message':
      if (tail.length === 2 && part !== undefined) return { kind: 'poll-message', channel: id, ts: part };
      break;
    case 'redraw':
      if (rest === 'redraw:pending') return { kind: 'redraw-pending' };
      break;
    case 'pace':
      return { kind: 'pace' };
    case 'delivery':
      return { kind: 'delivery' };
    case 'privacy':
      if (tail.length === 1) return { kind: 'privacy', name: id };
      break;
  }
  return { kind: 'other' };
}

/** `{ns}:poll:<id>`, or one of its parts: `{ns}:poll:<id>:<part>`. */
export const pollKey = (prefix: string, pollId: string, part?: string): string =>
  part ? `${prefix}:poll:${pollId}:${part}` : `${prefix}:poll:${pollId}`;

/** `{ns}:letter:<id>`, or one of its parts. */
export const letterKey = (prefix: string, letterId: string, part?: string): string =>
  part ? `${prefix}:letter:${letterId}:${part}` : `${prefix}:letter:${letterId}`;

/** `{ns}:donation:<id>`, a donation prompt, or one of its parts. */
export const promptKey = (prefix: string, promptId: string, part?: string): string =>
  part ? `${prefix}:donation:${promptId}:${part}` : `${prefix}:donation:${promptId}`;

/** `{ns}:event:<id>`, an event, or one of its parts. */
export const eventKey = (prefix: string, eventId: string, part?: string): string =>
  part ? `${prefix}:event:${eventId}:${part}` : `${prefix}:event:${eventId}`;

/** `{ns}:poll-message:<channel>:<ts>`: which poll a posted message is. */
export const pollMessageKey = (prefix: string, channel: string, ts: string): string =>
  `${prefix}:poll-message:${channel}:${ts}`;

/**
 * `{ns}:privacy:last-erasure` and `{ns}:privacy:last-compaction`: Redis's times (ms) of the last erasure
 * of anonymous key material and of the start of the last compaction that fully succeeded (../compaction.ts).
 */
export const privacyKeys = (prefix: string) => ({
  erasure: `${prefix}:privacy:last-erasure`,
  compaction: `${prefix}:privacy:last-compaction`,
});

/** The parts that hold an anonymous scope's key material: erased when the scope ends. */
export const keyMaterial = {
  /** An anonymous poll's (a public poll keeps its votes, under user IDs, until retention). */
  poll: ['key', 'votes'] as readonly string[],
  letter: ['key', 'signers', 'anonymous', 'legacy-anonymous', 'conditional'] as readonly string[],
  prompt: ['key', 'pledges'] as readonly string[],
  /** A counts-only event's (a named event keeps its answers, under user IDs, until retention). */
  event: ['key', 'answers', 'waitlist', 'reminders', 'last-press', 'last-press-at'] as readonly string[],
};

/**
 * The parts of any poll, public or anonymous, that hold the record of people who asked to be forgotten and
 * the poll's random key it is hashed under: deleted when the poll closes.
 */
export const forgottenParts: readonly string[] = ['forgotten', 'forgotten-key'];

/** Parts that hold only keyed hashes, random keys or counts, never a user ID, whatever the scope's state. */
export const anonymousParts = {
  letter: ['key', 'signers', 'anonymous', 'legacy-anonymous', 'conditional'] as readonly string[],
  prompt: ['key', 'pledges'] as readonly string[],
  letterV1: ['anonymous', 'conditional'] as readonly string[],
};

/** Queues whose job records never carry a user ID. */
export const queuesWithoutUsers: readonly QueueName[] = [
  'message-refresh',
  'redraw-clock',
  'event-remind',
  'event-end',
  'event-copy-redraw',
  'home-refresh',
];

/**
 * Queues whose job records name a person of an event: a user ID for a named event, always a keyed hash for
 * a counts-only one (whose notice job opens the sealed user ID itself).
 */
export const eventPersonQueues: readonly QueueName[] = ['event-notice'];

/**
 * Queues of private notices that may not go as a direct message (`directMessage: false`: about an
 * anonymous poll, or forgetting someone): such a record never carries a user ID, running or not.
 */
export const undisclosedNoticeQueues: readonly QueueName[] = ['request-failed'];

/** Queues whose job records carry a user ID, so must not outlive the job when their poll is anonymous. */
export const anonymousPollQueues: readonly QueueName[] = ['poll-create', 'poll-nudge'];

/** BullMQ keys of a queue that are not job records. */
const bullmqKeys = new Set([
  'meta',
  'id',
  'events',
  'wait',
  'paused',
  'active',
  'delayed',
  'prioritized',
  'completed',
  'failed',
  'stalled',
  'stalled-check',
  'marker',
  'limiter',
  'pc',
  'repeat',
  'waiting-children',
  'metrics',
]);

/** What a BullMQ key (`rest` after `{ns}:<queue>:`) is. */
export function queueKeyKind(rest: string): 'events' | 'dedup' | 'job' | 'other' {
  if (rest === 'events') return 'events';
  if (rest.startsWith('de:')) return 'dedup';
  if (bullmqKeys.has(rest) || rest.startsWith('metrics:')) return 'other';
  if (rest.endsWith(':lock') || rest.endsWith(':logs') || rest.endsWith(':dependencies')) return 'other';
  if (rest.endsWith(':processed') || rest.endsWith(':failed') || rest.endsWith(':unsuccessful'))
    return 'other';
  return 'job';
}
