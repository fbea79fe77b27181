/** The reactions a poll's options are voted with, in order: 1️⃣ 2️⃣ … 🔟 (Slack's names). */
export const optionEmojis = [
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'keycap_ten',
] as const;

/**
 * A reaction's name as Rally compares it: without a skin-tone suffix (`thumbsup::skin-tone-2` is
 * `thumbsup`) and without colons.
 */
export function normalizeReaction(name: string): string {
  return name.replace(/::skin-tone-\d$/, '').replace(/^:|:$/g, '');
}
