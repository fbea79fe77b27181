import { z } from 'zod';
import { letterFormBlocks } from '../slack/ids.js';
import { paragraphsOf } from '../text/paragraphs.js';
import { bodyBoxId, letterFormLimits } from './blocks/letter-form.js';
import type { LetterText } from './model.js';

/** A letter as the form gives it, checked: its text, goal, closing words and ways of signing. */
export interface LetterDraft {
  text: LetterText;
  goal?: number;
  closesWords?: string;
  allowAnonymous: boolean;
  allowConditional: boolean;
}

export type LetterFormResult =
  | { ok: true; draft: LetterDraft }
  | { ok: false; errors: Record<string, string> };

const text = (id: string) =>
  z.looseObject({ [id]: z.looseObject({ value: z.string().nullish() }) }).optional();
const stateSchema = z.looseObject({
  [letterFormBlocks.title]: text(letterFormBlocks.title),
  [letterFormBlocks.addressee]: text(letterFormBlocks.addressee),
  [letterFormBlocks.body]: text(letterFormBlocks.body),
  [letterFormBlocks.goal]: text(letterFormBlocks.goal),
  [letterFormBlocks.closes]: text(letterFormBlocks.closes),
  [letterFormBlocks.ways]: z
    .looseObject({
      [letterFormBlocks.ways]: z.looseObject({
        selected_options: z.array(z.looseObject({ value: z.string() })).nullish(),
      }),
    })
    .optional(),
});

const oneLine = (value: string | null | undefined): string => (value ?? '').replace(/\s+/g, ' ').trim();

/**
 * Reads the submitted letter form and checks it within Slack's and Rally's limits. Errors are keyed by
 * block, one per block, as `response_action: 'errors'` wants them. The closing words are read later, in
 * the organizer's time zone.
 */
export function readLetterForm(values: Record<string, Record<string, unknown>>): LetterFormResult {
  const parsed = stateSchema.safeParse(values);
  if (!parsed.success) return { ok: false, errors: { [letterFormBlocks.title]: 'Give the letter a title.' } };
  const state = parsed.data;
  const value = (id: string): string | undefined => {
    const typed = (state[id] as Record<string, { value?: unknown }> | undefined)?.[id]?.value;
    return typeof typed === 'string' ? typed : undefined;
  };
  const errors: Record<string, string> = {};
  const title = oneLine(value(letterFormBlocks.title));
  const addressee = oneLine(value(letterFormBlocks.addressee));
  const paragraphs: string[] = [];
  for (let box = 0; box < letterFormLimits.bodyBoxes && bodyBoxId(box) in values; box++) {
    paragraphs.push(...paragraphsOf(value(bodyBoxId(box)) ?? ''));
  }
  if (!title) errors[letterFormBlocks.title] = 'Give the letter a title.';
  else if (title.length > letterFormLimits.title)
    errors[letterFormBlocks.title] = `A title can have at most ${letterFormLimits.title} characters.`;
  if (!addressee) errors[letterFormBlocks.addressee] = 'Say whom the letter is addressed to.';
  if (paragraphs.length === 0) errors[letterFormBlocks.body] = 'Write the letter.';
  const goalText = oneLine(value(letterFormBlocks.goal));
  const goal = goalText ? Number(goalText) : undefined;
  if (goal !== undefined && (!Number.isInteger(goal) || goal < 1 || goal > 1_000_000)) {
    errors[letterFormBlocks.goal] = 'A goal is a whole number of signatures, from 1 to 1,000,000.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const closesWords = oneLine(value(letterFormBlocks.closes));
  const ways = new Set(
    (state[letterFormBlocks.ways]?.[letterFormBlocks.ways].selected_options ?? []).map((o) => o.value),
  );
  return {
    ok: true,
    draft: {
      text: { title, addressee, paragraphs },
      ...(goal !== undefined ? { goal } : {}),
      ...(closesWords ? { closesWords } : {}),
      allowAnonymous: ways.has('anonymous'),
      allowConditional: ways.has('conditional'),
    },
  };
}
