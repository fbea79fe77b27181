import { roleOf } from './layout.js';
import type { RedisSnapshot } from './snapshot.js';

/** A poll as its hash (`{ns}:poll:<id>`) describes it. */
export interface PollState {
  id: string;
  anonymous: boolean;
  closed: boolean;
  /** Rally's clock, ms. */
  closedAt: number | undefined;
  channel: string | undefined;
  ts: string | undefined;
  /** Whether its hash names a creator (`creator`, not empty): a code, in an anonymous poll. */
  hasCreator: boolean;
}

export interface LetterState {
  id: string;
  /** `open`, `closing` or `closed`. */
  status: string;
  closedAt: number | undefined;
}

export interface PromptState {
  id: string;
  ended: boolean;
  endedAt: number | undefined;
}

export interface EventState {
  id: string;
  /** Answers kept as keyed hashes (`mode: counts`), not user IDs. */
  countsOnly: boolean;
  /** `open`, `cancelled` or `ended`. */
  status: string;
  closedAt: number | undefined;
}

/** Every poll, letter, donation prompt and event whose own hash is in the snapshot. */
export interface Scopes {
  polls: Map<string, PollState>;
  letters: Map<string, LetterState>;
  prompts: Map<string, PromptState>;
  events: Map<string, EventState>;
}

const time = (value: string | undefined): number | undefined => {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) ? n : undefined;
};

export function scopesOf(snapshot: RedisSnapshot): Scopes {
  const scopes: Scopes = { polls: new Map(), letters: new Map(), prompts: new Map(), events: new Map() };
  for (const { name, stored } of snapshot.keys.values()) {
    if (stored.type !== 'hash') continue;
    const role = roleOf(name, snapshot.prefix);
    const hash = stored.value;
    if (role?.kind === 'poll') {
      scopes.polls.set(role.pollId, {
        id: role.pollId,
        anonymous: hash.anonymous === '1',
        closed: hash.closed === '1',
        closedAt: time(hash.closedAt),
        channel: hash.channel,
        ts: hash.ts,
        hasCreator: (hash.creator ?? '') !== '',
      });
    } else if (role?.kind === 'letter') {
      scopes.letters.set(role.letterId, {
        id: role.letterId,
        status: hash.status ?? '',
        closedAt: time(hash.closedAt),
      });
    } else if (role?.kind === 'event') {
      scopes.events.set(role.eventId, {
        id: role.eventId,
        countsOnly: hash.mode === 'counts',
        status: hash.status ?? '',
        closedAt: time(hash.closedAt),
      });
    } else if (role?.kind === 'prompt') {
      scopes.prompts.set(role.promptId, {
        id: role.promptId,
        ended: hash.ended === '1',
        endedAt: time(hash.endedAt),
      });
    }
  }
  return scopes;
}
