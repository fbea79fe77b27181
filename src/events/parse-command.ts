import { parseChannelMentions } from '../commands/channel-mentions.js';
import type { Token } from '../commands/tokenize.js';
import { truncate } from '../text/cut.js';
import type { AnswerMode, PlaceFor } from './model.js';

/** What `/rally event "Title" <when> ...` asks for, before its times are read in the organizer's zone. */
export interface EventCommand {
  title: string;
  startWords: string;
  endWords?: string;
  place: string;
  placeFor: PlaceFor;
  capacity?: number;
  mode: AnswerMode;
  /** Where to post it; empty means the channel the command was typed in. */
  channels: string[];
}

export type EventCommandResult = { ok: true; command: EventCommand } | { ok: false; problem: string };

const countsOnlyFlags = new Set(['counts-only', 'countsonly', 'anonymous']);
const goingOnlyFlags = new Set(['place-for-going', 'private-place']);
const capacityWords = new Set(['capacity', 'limit', 'max']);
const isLink = (token: Token): boolean => token.slack !== undefined && /^<https?:/.test(token.slack);
const isChannel = (token: Token): boolean => token.slack?.startsWith('<#') === true;

/**
 * Reads `/rally event "Title" <when> [until <when>] [at "Place" | at <link>] [capacity N] [counts-only]
 * [place-for-going] [#channel ...]`. The title comes first, in quotes; the start is every word up to the
 * next part (`at` followed by quoted words or a link is the place; an unquoted `at` belongs to the time,
 * as in "friday at 12:00").
 */
export function parseEventCommand(args: readonly Token[]): EventCommandResult {
  const [first, ...rest] = args;
  if (!first?.quoted || !first.text.trim()) {
    return { ok: false, problem: 'Start with the title, in quotes, then when it starts.' };
  }
  const start: string[] = [];
  const end: string[] = [];
  const channelTokens: Token[] = [];
  let place = '';
  let placeFor: PlaceFor = 'everyone';
  let capacity: number | undefined;
  let mode: AnswerMode = 'named';
  let reading: 'start' | 'end' = 'start';
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i] as Token;
    const word = token.quoted ? '' : token.text.toLowerCase();
    const next = rest[i + 1];
    if (isChannel(token)) {
      channelTokens.push(token);
    } else if (word === 'at' && next && (next.quoted || isLink(next))) {
      place = next.text;
      i++;
    } else if (word === 'until' || word === 'ends') {
      reading = 'end';
    } else if (capacityWords.has(word)) {
      const n = next && !next.quoted ? Number(next.text) : Number.NaN;
      if (!Number.isInteger(n) || n < 1) {
        return { ok: false, problem: `Give the capacity as a whole number of people, as in "capacity 40".` };
      }
      capacity = n;
      i++;
    } else if (countsOnlyFlags.has(word)) {
      mode = 'counts';
    } else if (goingOnlyFlags.has(word)) {
      placeFor = 'going';
    } else if (token.quoted) {
      return {
        ok: false,
        problem: `I don't know what "${truncate(token.text, 31)}" is for: put a place after \`at\`, as in at "Building 92 lobby".`,
      };
    } else {
      (reading === 'start' ? start : end).push(token.text);
    }
  }
  const mentions = parseChannelMentions(channelTokens);
  if (!mentions.ok) return mentions;
  if (start.length === 0) return { ok: false, problem: 'Say when it starts, as in "friday 12:00".' };
  if (reading === 'end' && end.length === 0) {
    return { ok: false, problem: 'Say when it ends after `until`, as in "until 13:30".' };
  }
  return {
    ok: true,
    command: {
      title: first.text,
      startWords: start.join(' '),
      ...(end.length > 0 ? { endWords: end.join(' ') } : {}),
      place,
      placeFor,
      ...(capacity !== undefined ? { capacity } : {}),
      mode,
      channels: mentions.channels,
    },
  };
}
