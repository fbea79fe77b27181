import { type AuditDeps, recordOrganizerAction } from '../audit/record-action.js';
import { nonprofitFormBlocks } from '../slack/ids.js';
import type { Nonprofit } from './model.js';
import { readNonprofitForm } from './nonprofit-form.js';
import { listFullMessage } from './open-nonprofit-form.js';
import type { NonprofitStore } from './store.js';

export type AddNonprofitResult =
  | { ok: true; nonprofit: Nonprofit }
  | { ok: false; errors: Record<string, string> };

/**
 * The nonprofit form was submitted (organizers): checked as the campaign file's nonprofits are, then added
 * at the end of the list unless it is full or has one of that name. Every problem goes back to its field,
 * so nothing typed is lost.
 */
export async function addNonprofit(
  deps: { nonprofits: NonprofitStore } & AuditDeps,
  values: Record<string, Record<string, unknown>>,
  actor: string,
): Promise<AddNonprofitResult> {
  const read = readNonprofitForm(values);
  if (!read.ok) return read;
  const added = await deps.nonprofits.add(read.details);
  if (added.ok) {
    await recordOrganizerAction(deps, { actor, action: 'added-nonprofit', subject: added.nonprofit.name });
    return added;
  }
  const problem =
    added.reason === 'full'
      ? listFullMessage(deps.nonprofits.max)
      : `A nonprofit called "${read.details.name}" is already listed.`;
  return { ok: false, errors: { [nonprofitFormBlocks.name]: problem } };
}
