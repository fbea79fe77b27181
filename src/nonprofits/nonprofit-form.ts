import { z } from 'zod';
import { nonprofitFormBlocks } from '../slack/ids.js';
import { checkNonprofit, type NonprofitField } from './check-nonprofit.js';
import type { NonprofitDetails } from './model.js';

export type NonprofitFormResult =
  | { ok: true; details: NonprofitDetails }
  | { ok: false; errors: Record<string, string> };

const fieldBlocks: Record<NonprofitField, string> = nonprofitFormBlocks;

const text = (id: string) =>
  z.looseObject({ [id]: z.looseObject({ value: z.string().nullish() }) }).optional();
const stateSchema = z.looseObject({
  [nonprofitFormBlocks.name]: text(nonprofitFormBlocks.name),
  [nonprofitFormBlocks.url]: text(nonprofitFormBlocks.url),
  [nonprofitFormBlocks.description]: text(nonprofitFormBlocks.description),
});

/** Errors keyed by the form's blocks, as `response_action: 'errors'` shows them on the fields. */
export const formErrors = (problems: Partial<Record<NonprofitField, string>>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(problems).map(([field, problem]) => [fieldBlocks[field as NonprofitField], problem]),
  );

/** Reads the submitted nonprofit form and checks it as the campaign file's nonprofits are checked. */
export function readNonprofitForm(values: Record<string, Record<string, unknown>>): NonprofitFormResult {
  const parsed = stateSchema.safeParse(values);
  const state = parsed.success ? parsed.data : {};
  const value = (id: string) =>
    (state[id] as Record<string, { value?: string | null }> | undefined)?.[id]?.value ?? '';
  const checked = checkNonprofit({
    name: value(nonprofitFormBlocks.name),
    url: value(nonprofitFormBlocks.url),
    description: value(nonprofitFormBlocks.description),
  });
  return checked.ok ? checked : { ok: false, errors: formErrors(checked.problems) };
}
