import type { ModalView } from '@slack/types';
import type { Config } from '../config.js';
import { privacyUrl } from '../http/privacy-page.js';
import { buildNoticeModal } from '../slack/blocks/modals.js';
import { buildAlreadySignedModal, buildSignModal, letterClosedMessage } from './blocks/sign-modal.js';
import type { LetterActor, LetterDeps } from './deps.js';
import { letterSigner } from './signer.js';

/**
 * What **Sign the letter** (or `/rally sign`) opens: the signing form (with the ways of signing the letter
 * allows), what Rally holds for someone who already signed (with a way to remove it), or a notice that the
 * letter is not open.
 */
export async function openSignForm(
  deps: Pick<LetterDeps, 'letters' | 'signatures' | 'anonymousIds'> & { config: Pick<Config, 'publicUrl'> },
  letterId: string,
  actor: LetterActor,
): Promise<ModalView> {
  const letter = await deps.letters.get(letterId);
  const signer = letter?.status === 'open' ? await letterSigner(deps, letterId, actor) : undefined;
  if (!letter || !signer) return buildNoticeModal('Letter closed', letterClosedMessage);
  const byHash = await deps.signatures.findByHash(letterId, signer);
  const own = byHash === 'claim' || !byHash ? await deps.signatures.named(letterId, actor.userId) : byHash;
  return own
    ? buildAlreadySignedModal(own, letterId)
    : buildSignModal({
        letterId,
        textVersion: letter.textVersion,
        title: letter.text.title,
        userId: actor.userId,
        privacyUrl: privacyUrl(deps.config.publicUrl),
        allowed: { anonymous: letter.allowAnonymous, conditional: letter.allowConditional },
      });
}
