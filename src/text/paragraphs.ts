/**
 * Paragraphs of text typed into a form: split at blank lines, each trimmed, empty ones dropped; single line
 * breaks are kept.
 */
export const paragraphsOf = (value: string): string[] =>
  value
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
