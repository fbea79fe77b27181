import type { Config } from '../config.js';
import { headerTextLimit } from '../slack/blocks/text-blocks.js';
import type { AnswerMode, PlaceFor } from './model.js';

/** The most characters in each field of an event. */
export const eventLimits = {
  title: headerTextLimit,
  description: 2_000,
  place: 300,
  capacity: 100_000,
} as const;

/** The longest an event may last: a week. */
export const maxLengthMs = 7 * 24 * 60 * 60_000;

/** An event's words and settings as typed, before its times are read. */
export interface EventDraft {
  title: string;
  description: string;
  place: string;
  placeFor: PlaceFor;
  capacity?: number | undefined;
  mode: AnswerMode;
}

export type EventField = 'title' | 'description' | 'place' | 'capacity';

/** One thing wrong with an event, with the field it belongs to. */
export interface EventIssue {
  field: EventField;
  message: string;
}

const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * Checks an event's words and settings, the same for the command and the form: a title of 1 to 150
 * characters, a description of at most 2,000, a place of at most 300, a capacity from 1 to 100,000. A
 * counts-only event's capacity must reach the small-numbers threshold: "full" would otherwise tell how few
 * are going. Returns the cleaned draft, or every issue.
 */
export function checkEventDraft(
  draft: EventDraft,
  config: Pick<Config, 'minAnonymous'>,
): { ok: true; draft: EventDraft } | { ok: false; issues: EventIssue[] } {
  const title = oneLine(draft.title);
  const place = oneLine(draft.place);
  const description = draft.description.trim();
  const issues: EventIssue[] = [];
  if (!title) issues.push({ field: 'title', message: 'Give the event a title.' });
  if (title.length > eventLimits.title)
    issues.push({ field: 'title', message: `A title can have at most ${eventLimits.title} characters.` });
  if (description.length > eventLimits.description) {
    issues.push({
      field: 'description',
      message: `A description can have at most ${eventLimits.description} characters.`,
    });
  }
  if (place.length > eventLimits.place)
    issues.push({ field: 'place', message: `A place can have at most ${eventLimits.place} characters.` });
  if (draft.placeFor === 'going' && !place)
    issues.push({ field: 'place', message: 'Say where, or show the place to everyone.' });
  const { capacity } = draft;
  if (capacity !== undefined) {
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > eventLimits.capacity) {
      issues.push({
        field: 'capacity',
        message: `A capacity is a whole number of people, from 1 to ${eventLimits.capacity.toLocaleString('en-US')}.`,
      });
    } else if (draft.mode === 'counts' && capacity < config.minAnonymous) {
      issues.push({
        field: 'capacity',
        message: `A counts-only event needs a capacity of at least ${config.minAnonymous}: "full" would otherwise show how few are going.`,
      });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    draft: {
      title,
      description,
      place,
      placeFor: draft.placeFor,
      ...(capacity !== undefined ? { capacity } : {}),
      mode: draft.mode,
    },
  };
}

/** Why an end cannot follow a start, or undefined when it can. */
export function endProblem(startsAt: number, endsAt: number): string | undefined {
  if (endsAt <= startsAt) return 'The end must come after the start.';
  if (endsAt - startsAt > maxLengthMs) return 'An event can last at most a week.';
  return undefined;
}
