import { z } from 'zod';
import { cutText } from '../text/cut.js';
import { defaultThreshold, signFormFields, thresholdChoices } from './blocks/sign-modal.js';
import type { SignatureChoice } from './model.js';

export type SignFormResult =
  | { ok: true; choice: SignatureChoice }
  | { ok: false; errors: Record<string, string> };

type StateValues = Record<string, Record<string, unknown>>;

const stateSchema = z.looseObject({
  [signFormFields.mode]: z.looseObject({
    [signFormFields.mode]: z.looseObject({
      selected_option: z.looseObject({ value: z.enum(['named', 'anonymous', 'conditional']) }).nullish(),
    }),
  }),
  [signFormFields.threshold]: z
    .looseObject({
      [signFormFields.threshold]: z.looseObject({
        selected_option: z.looseObject({ value: z.string() }).nullish(),
      }),
    })
    .optional(),
  [signFormFields.role]: z
    .looseObject({ [signFormFields.role]: z.looseObject({ value: z.string().nullish() }) })
    .optional(),
});

const clean = (value: string | null | undefined): string | undefined => {
  const trimmed = value?.replace(/\s+/g, ' ').trim();
  return trimmed ? cutText(trimmed, 80).trimEnd() : undefined;
};

/**
 * Reads the submitted signing form. The name shown is always the signer's Slack profile name, never typed;
 * an anonymous signature keeps no role either, whatever was typed.
 */
export function readSignForm(values: StateValues): SignFormResult {
  const parsed = stateSchema.safeParse(values);
  if (!parsed.success) return { ok: false, errors: { [signFormFields.mode]: 'Choose how to sign.' } };
  const state = parsed.data;
  const kind = state[signFormFields.mode][signFormFields.mode].selected_option?.value;
  if (!kind) return { ok: false, errors: { [signFormFields.mode]: 'Choose how to sign.' } };
  if (kind === 'anonymous') return { ok: true, choice: { kind } };
  const role = clean(state[signFormFields.role]?.[signFormFields.role].value);
  if (kind === 'named') return { ok: true, choice: { kind, ...(role ? { role } : {}) } };
  const chosen = Number(state[signFormFields.threshold]?.[signFormFields.threshold].selected_option?.value);
  const threshold = (thresholdChoices as readonly number[]).includes(chosen) ? chosen : defaultThreshold;
  return { ok: true, choice: { kind, threshold, ...(role ? { role } : {}) } };
}
