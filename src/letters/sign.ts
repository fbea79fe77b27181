import type { LetterActor, LetterDeps } from './deps.js';
import type { SignResult } from './model.js';
import { requestLetterRedraw } from './redraw-copies.js';
import { type SignForm, toSignRequest } from './sign-form.js';
import { letterSigner, today } from './signer.js';

/**
 * Signs the letter as the form asks: one atomic script, so a person holds at most one signature of one
 * kind; an anonymous signature keeps only the keyed hash and the day. The copies are redrawn later.
 */
export async function sign(
  deps: Pick<LetterDeps, 'signatures' | 'anonymousIds' | 'queues'>,
  actor: LetterActor,
  form: SignForm,
): Promise<SignResult> {
  const signer = letterSigner(deps, actor.teamId, actor.userId);
  const result = await deps.signatures.sign(toSignRequest(form, signer), signer, today());
  if (result.ok) await requestLetterRedraw(deps.queues);
  return result;
}
