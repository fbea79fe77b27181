import { z } from 'zod';
import { pollBlocks } from '../slack/ids.js';
import { type PollSetting, pollSettings } from './blocks/poll-modal.js';
import type { NewPoll } from './model.js';
import { type PollField, validatePollDraft } from './validate.js';

export type PollModalResult = { ok: true; poll: NewPoll } | { ok: false; errors: Record<string, string> };

type StateValues = Record<string, Record<string, unknown>>;

const textInput = (id: string) =>
  z.looseObject({ [id]: z.looseObject({ value: z.string().nullish() }) }).optional();

const stateSchema = z.looseObject({
  [pollBlocks.question]: textInput(pollBlocks.question),
  [pollBlocks.options]: textInput(pollBlocks.options),
  [pollBlocks.settings]: z
    .looseObject({
      [pollBlocks.settings]: z.looseObject({
        selected_options: z.array(z.looseObject({ value: z.string() })).nullish(),
      }),
    })
    .optional(),
  [pollBlocks.closes]: z
    .looseObject({
      [pollBlocks.closes]: z.looseObject({ selected_date_time: z.number().int().positive().nullish() }),
    })
    .optional(),
});

const blockFor: Record<PollField, string> = {
  question: pollBlocks.question,
  options: pollBlocks.options,
  closesAt: pollBlocks.closes,
};

/**
 * The options typed in the form's box: one per line, blank lines skipped, and a leading list bullet
 * (`- `, `* ` or `• `) dropped, so a pasted list works.
 */
export function splitOptionLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/^[-*•]\s+/, ''))
    .filter((line) => line.length > 0);
}

/**
 * Reads the submitted poll form (`view.state.values`) and checks it with the same rules as the command
 * (see `validatePollDraft`). Errors are keyed by block ID, one per block, as `response_action: 'errors'`
 * wants them.
 */
export function readPollModal(values: StateValues, now: Date): PollModalResult {
  const parsed = stateSchema.safeParse(values);
  if (!parsed.success) return { ok: false, errors: { [pollBlocks.question]: 'Type the question.' } };
  const state = parsed.data;
  const ticked = new Set(
    (state[pollBlocks.settings]?.[pollBlocks.settings].selected_options ?? [])
      .map((o) => o.value)
      .filter((v): v is PollSetting => Object.hasOwn(pollSettings, v)),
  );
  const seconds = state[pollBlocks.closes]?.[pollBlocks.closes].selected_date_time;
  const checked = validatePollDraft(
    {
      question: state[pollBlocks.question]?.[pollBlocks.question]?.value ?? '',
      options: splitOptionLines(state[pollBlocks.options]?.[pollBlocks.options]?.value ?? ''),
      anonymous: ticked.has('anonymous'),
      multiple: ticked.has('multiple'),
      hidden: ticked.has('hidden'),
      ...(seconds ? { closesAt: new Date(seconds * 1000) } : {}),
    },
    now,
  );
  if (checked.ok) return checked;
  const errors: Record<string, string> = {};
  for (const issue of checked.issues) {
    const block = blockFor[issue.field];
    errors[block] ??= issue.message;
  }
  return { ok: false, errors };
}
