import type { ModalView } from '@slack/types';
import type { RallyContext } from '../context.js';
import { buildAlreadySignedModal, buildSignModal } from './blocks/sign-modal.js';
import type { Signer } from './signature-store.js';

/** The anonymous-ID scope of the open letter's signatures. */
const letterScope = 'letter';

/** How the letter's store recognises a person: by user ID for named signatures, by keyed hash otherwise. */
export function letterSigner(
  ctx: Pick<RallyContext, 'anonymousIds'>,
  teamId: string,
  userId: string,
): Signer {
  return { userId, anonymousId: ctx.anonymousIds.of(letterScope, teamId, userId) };
}

/** Today as Rally stores it on a signature: the day only, in UTC. */
export const today = (now = new Date()): string => now.toISOString().slice(0, 10);

/** The form to sign, or, for someone who already signed, what they hold and a way to remove it. */
export async function signViewFor(
  ctx: Pick<RallyContext, 'signatures' | 'campaign'>,
  signer: Signer,
  suggestedName: string,
): Promise<ModalView> {
  const own = await ctx.signatures.find(signer);
  return own ? buildAlreadySignedModal(own) : buildSignModal(ctx.campaign.letter.title, suggestedName);
}
