import type { ModalView } from '@slack/types';
import { buildNotice, type MessageContent } from '../slack/blocks/messages.js';
import { buildNonprofitForm } from './blocks/nonprofit-form.js';
import type { NonprofitPrefill } from './nonprofits-command.js';
import type { NonprofitStore } from './store.js';

export type NonprofitFormOpening = { ok: true; view: ModalView } | { ok: false; message: MessageContent };

/** The list is full: what an organizer who wants to add one more is told. */
export const listFullMessage = (max: number): string =>
  `The list is full (${max} nonprofits): remove one with \`/rally nonprofits\` before adding another.`;

/** `/rally nonprofits add` or **Add a nonprofit**: the form, filled in with what was given, unless the list is full. */
export async function openNonprofitForm(
  deps: { nonprofits: NonprofitStore },
  prefill: NonprofitPrefill,
): Promise<NonprofitFormOpening> {
  if ((await deps.nonprofits.count()) >= deps.nonprofits.max)
    return { ok: false, message: buildNotice(listFullMessage(deps.nonprofits.max)) };
  return { ok: true, view: buildNonprofitForm(prefill) };
}
