import type { LetterActor, LetterDeps } from './deps.js';
import type { SignatureChoice, SignResult } from './model.js';
import { markLetterChanged } from './redraw-copies.js';
import { ownSignatureOf } from './signature-store.js';
import { letterSigner, today } from './signer.js';

type SignDeps = Pick<LetterDeps, 'letters' | 'signatures' | 'anonymousIds' | 'pendingRedraws'>;

/**
 * Signs a letter as the person chose. One person holds at most one signature of one kind. An anonymous
 * signature keeps only a hash under the letter's key and the day; a conditional one keeps the hash, the
 * number, the day and the person sealed under the letter's key; a named one keeps the user ID, the role
 * and the day. The user ID and the hash never travel to Redis in one command. `textVersion` is the version
 * of the text the signer was shown: a signature is refused when the text changed since.
 */
export async function sign(
  deps: SignDeps,
  letterId: string,
  actor: LetterActor,
  choice: SignatureChoice,
  textVersion?: number,
): Promise<SignResult> {
  const result = await trySign(deps, { letterId, textVersion }, actor, choice, true);
  if (result.ok) await markLetterChanged(deps, letterId);
  return result;
}

async function trySign(
  deps: SignDeps,
  { letterId, textVersion }: { letterId: string; textVersion: number | undefined },
  actor: LetterActor,
  choice: SignatureChoice,
  mayRetry: boolean,
): Promise<SignResult> {
  const { signatures } = deps;
  const letter = await deps.letters.get(letterId);
  if (letter?.status !== 'open') return { ok: false, reason: 'closed' };
  // The closing time holds even when the job that closes the letter is late (workers down, Redis away).
  if (letter.closesAt !== undefined && Date.now() >= letter.closesAt) return { ok: false, reason: 'closed' };
  if (
    (choice.kind === 'anonymous' && !letter.allowAnonymous) ||
    (choice.kind === 'conditional' && !letter.allowConditional)
  ) {
    return { ok: false, reason: 'not-allowed' };
  }
  const signer = await letterSigner(deps, letterId, actor);
  const scopeKey = await signatures.scopeKey(letterId);
  if (!signer || !scopeKey) return { ok: false, reason: 'closed' };
  const day = today();
  const role = choice.kind !== 'anonymous' && choice.role ? { role: choice.role } : {};
  const claimed =
    choice.kind === 'anonymous'
      ? await signatures.claim(letterId, signer, { kind: 'anonymous', day }, textVersion)
      : choice.kind === 'conditional'
        ? await signatures.claim(
            letterId,
            signer,
            {
              kind: 'conditional',
              day,
              threshold: choice.threshold,
              signer: { userId: actor.userId, ...role },
              scopeKey,
            },
            textVersion,
          )
        : await signatures.claim(letterId, signer, { kind: 'claim' }, textVersion);
  if (!claimed.ok) {
    if ('reason' in claimed) return claimed;
    const named =
      claimed.existing.kind === 'named' ? await signatures.named(letterId, actor.userId) : undefined;
    if (claimed.existing.kind === 'named' && !named && mayRetry) {
      // A place claimed for a named signature that was never stored (a crash in between): give it back.
      await signatures.releaseClaim(letterId, signer.hash);
      return trySign(deps, { letterId, textVersion }, actor, choice, false);
    }
    return { ok: false, existing: ownSignatureOf(claimed.existing, named) };
  }
  if (choice.kind === 'named' && !(await signatures.recordNamed(letterId, actor.userId, { day, ...role }))) {
    await signatures.releaseClaim(letterId, signer.hash);
    return { ok: false, reason: 'closed' };
  }
  return { ok: true };
}
