/** Splitting what people type about times into words, and writing words back to them. */

/** `text` cut to 40 characters, for echoing what someone typed inside a message. */
export const shown = (text: string): string =>
  text.length > 40 ? `${text.slice(0, 40).replace(/[\uD800-\uDBFF]$/, '')}…` : text; // never half an emoji

/** Lower-cased words with `9 am` joined to `9am`, `a.m.` read as `am`, `9.30` as `9:30`, and list marks dropped. */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/([ap])\.m\.?(?=\s|$|,)/g, '$1m')
    .replace(/(\d)\s+([ap]m)\b/g, '$1$2')
    .replace(/(\d)\.(\d{2})(?!\d)/g, '$1:$2')
    .replace(/[,;&]/g, ' ')
    .split(/\s+/)
    .map((word) => word.replace(/^[.!?]+|[.!?]+$/g, ''))
    .filter(Boolean);
}

const ordinalRules = new Intl.PluralRules('en-US', { type: 'ordinal' });
const ordinalSuffixes: Partial<Record<Intl.LDMLPluralRule, string>> = { one: 'st', two: 'nd', few: 'rd' };

/** `1st`, `2nd`, `3rd`, `11th`, `22nd`… */
export function ordinal(n: number): string {
  return `${n}${ordinalSuffixes[ordinalRules.select(n)] ?? 'th'}`;
}
