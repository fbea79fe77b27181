import type { ModalView } from '@slack/types';
import { buildAlreadySignedModal, buildSignModal } from './blocks/sign-modal.js';
import type { LetterActor, LetterDeps } from './deps.js';
import { letterSigner } from './signer.js';

/**
 * What **Sign the letter** (or `/rally sign`) opens: the signing form, or, for someone who already signed,
 * what Rally holds for them and a way to remove it.
 */
export async function openSignForm(
  deps: Pick<LetterDeps, 'signatures' | 'anonymousIds' | 'campaign'>,
  actor: LetterActor,
  suggestedName: string,
): Promise<ModalView> {
  const own = await deps.signatures.find(letterSigner(deps, actor.teamId, actor.userId));
  return own ? buildAlreadySignedModal(own) : buildSignModal(deps.campaign.letter.title, suggestedName);
}
