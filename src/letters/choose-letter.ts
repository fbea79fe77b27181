import type { ModalView } from '@slack/types';
import type { Config } from '../config.js';
import { buildNoticeModal } from '../slack/blocks/modals.js';
import { buildChooseLetterModal } from './blocks/choose-letter-modal.js';
import type { LetterActor, LetterDeps } from './deps.js';
import { openSignForm } from './open-sign-form.js';

type ChooseDeps = Pick<LetterDeps, 'letters' | 'signatures' | 'anonymousIds'> & {
  config: Pick<Config, 'publicUrl'>;
};

/**
 * What the **Sign a letter** shortcut opens: the signing form of the one open letter, a choice when
 * several are open, or a notice when none is.
 */
export async function letterToSign(deps: ChooseDeps, actor: LetterActor): Promise<ModalView> {
  const open = (await deps.letters.list()).filter((letter) => letter.status === 'open');
  const [only] = open;
  if (!only) return buildNoticeModal('Sign a letter', 'No letter is open for signing right now.');
  if (open.length === 1) return openSignForm(deps, only.id, actor);
  return buildChooseLetterModal(open);
}
