import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Text sealed under an anonymous scope's random key (with a key derived from `RALLY_SECRET` mixed in):
 * readable while the scope is open, by Rally, and by nobody once the scope's key is erased. Conditional
 * signers are kept this way until their condition is met (AES-256-GCM, a fresh nonce per sealing).
 */
export interface SealedBox {
  seal(scopeKey: string, plaintext: string): string;
  /** The text, or undefined when the box was not sealed under this scope key (or was tampered with). */
  open(scopeKey: string, sealed: string): string | undefined;
}

export function createSealedBox(rallySecret: string): SealedBox {
  const keyFor = (scopeKey: string): Buffer =>
    Buffer.from(hkdfSync('sha256', rallySecret, scopeKey, 'rally-sealed-box', 32));
  return {
    seal(scopeKey, plaintext) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keyFor(scopeKey), nonce);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(scopeKey, sealed) {
      try {
        const bytes = Buffer.from(sealed, 'base64url');
        const decipher = createDecipheriv('aes-256-gcm', keyFor(scopeKey), bytes.subarray(0, 12));
        decipher.setAuthTag(bytes.subarray(12, 28));
        return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
      } catch {
        return undefined;
      }
    },
  };
}

/** A new random key for an anonymous scope: 32 bytes, base64url. */
export const newScopeKey = (): string => randomBytes(32).toString('base64url');
