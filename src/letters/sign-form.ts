import { z } from 'zod';
import { defaultThreshold, signFormFields, thresholdChoices } from './blocks/sign-modal.js';
import type { SignatureKind, Signer, SignRequest } from './model.js';

/** What the signing form asks for, once read and checked. */
export interface SignForm {
  kind: SignatureKind;
  name?: string;
  role?: string;
  threshold: number;
}

export type SignFormResult = { ok: true; form: SignForm } | { ok: false; errors: Record<string, string> };

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
  [signFormFields.name]: z
    .looseObject({ [signFormFields.name]: z.looseObject({ value: z.string().nullish() }) })
    .optional(),
  [signFormFields.role]: z
    .looseObject({ [signFormFields.role]: z.looseObject({ value: z.string().nullish() }) })
    .optional(),
});

const clean = (value: string | null | undefined): string | undefined => {
  const trimmed = value?.replace(/\s+/g, ' ').trim();
  return trimmed ? trimmed.slice(0, 80) : undefined;
};

/**
 * Reads the submitted signing form. A named or conditional signature needs a name; an anonymous one
 * keeps neither name nor role, whatever was typed.
 */
export function readSignForm(values: StateValues): SignFormResult {
  const parsed = stateSchema.safeParse(values);
  if (!parsed.success) return { ok: false, errors: { [signFormFields.mode]: 'Choose how to sign.' } };
  const state = parsed.data;
  const kind = state[signFormFields.mode][signFormFields.mode].selected_option?.value;
  if (!kind) return { ok: false, errors: { [signFormFields.mode]: 'Choose how to sign.' } };
  if (kind === 'anonymous') return { ok: true, form: { kind, threshold: defaultThreshold } };

  const name = clean(state[signFormFields.name]?.[signFormFields.name].value);
  if (!name)
    return { ok: false, errors: { [signFormFields.name]: 'Type the name to show with your signature.' } };
  const role = clean(state[signFormFields.role]?.[signFormFields.role].value);
  const chosen = Number(state[signFormFields.threshold]?.[signFormFields.threshold].selected_option?.value);
  const threshold = (thresholdChoices as readonly number[]).includes(chosen) ? chosen : defaultThreshold;
  return { ok: true, form: { kind, name, ...(role ? { role } : {}), threshold } };
}

/** What to store for a submitted form: an anonymous signature keeps only the signer's keyed hash. */
export function toSignRequest(form: SignForm, signer: Signer): SignRequest {
  const name = form.name ?? '';
  const role = form.role ? { role: form.role } : {};
  switch (form.kind) {
    case 'anonymous':
      return { kind: 'anonymous', anonymousId: signer.anonymousId };
    case 'named':
      return { kind: 'named', userId: signer.userId, name, ...role };
    case 'conditional':
      return { kind: 'conditional', userId: signer.userId, name, ...role, threshold: form.threshold };
  }
}
