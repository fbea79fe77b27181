/*
 * What the check looks for, as Rally's logger recognises it (src/logger.ts scrubs both from free text):
 * a Slack user ID, and a keyed hash (43 characters of base64url, the length of Rally's hashes and of its
 * scopes' random keys; longer runs too, so that one glued to something by `-` or `_` is found).
 */
const userIdSource = String.raw`\b[UW][A-Z0-9]{8,}\b`;
const keyedHashSource = '(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43,}(?![A-Za-z0-9_-])';

/** Whether `text` holds something that looks like a Slack user ID (`U…` or `W…`). */
export const hasUserId = (text: string): boolean => new RegExp(userIdSource).test(text);

/** Whether `text` holds something that looks like one of Rally's keyed hashes or scope keys. */
export const hasKeyedHash = (text: string): boolean => new RegExp(keyedHashSource).test(text);

/**
 * `text` (a key name, a file name) with every user ID and keyed hash replaced by what it is, so that a
 * report can say where something was without repeating it.
 */
export function redact(text: string): string {
  return text
    .replace(new RegExp(keyedHashSource, 'g'), '[hash]')
    .replace(new RegExp(userIdSource, 'g'), '[user ID]');
}
