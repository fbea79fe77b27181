/** What every fuzzer checks of an answer: a refusal is a short, readable sentence, whatever was typed. */

/** Thrown by a property: the message says which rule broke, fast-check adds the input. */
export class PropertyBroken extends Error {
  override readonly name = 'PropertyBroken';
}

export function expectThat(condition: unknown, rule: string): asserts condition {
  if (!condition) throw new PropertyBroken(rule);
}

/** The most characters a refusal may have: what was typed is only ever echoed cut short. */
export const maxRefusalLength = 600;

// Words that mean a value slipped into a sentence unformatted, unless the person typed them.
const leaks = ['undefined', '[object ', 'NaN', 'Infinity', 'function ', 'Symbol('];
const stackLine = /\n\s+at .+[(:]\d+/;
const errorNames = /\b(?:TypeError|RangeError|ReferenceError|SyntaxError|ZodError)\b/;
// A lone surrogate: half of a character such as an emoji, cut in two.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What in `text` should not be shown to the person who typed `input`: leaks, stacks, half characters. */
export function textIssues(text: string, input: string): string[] {
  const issues: string[] = [];
  const typed = input.toLowerCase();
  for (const leak of leaks) {
    if (text.includes(leak) && !typed.includes(leak.toLowerCase())) issues.push(`it says "${leak}"`);
  }
  if (stackLine.test(text) || (errorNames.test(text) && !errorNames.test(input))) {
    issues.push('it shows an error or a stack');
  }
  // An echo of nothing (`""`, a pair of backticks) names nothing the person can find in what they typed.
  // (Only checked when the person typed no quote: `""` may then be theirs, or stand for their `“”`.)
  if (/(?:^|[\s(:])""(?=$|[\s.,;:])/.test(text) && !/["\u201C-\u201E\u00AB\u00BB]/.test(input)) {
    issues.push('it quotes an empty word');
  }
  if (/(?:^|[\s(:])``(?=$|[\s.,;:])/.test(text) && !input.includes('`'))
    issues.push('it quotes an empty word');
  if (loneSurrogate.test(text) && !loneSurrogate.test(input)) {
    issues.push('it holds half a character (a lone surrogate)');
  }
  return issues;
}

/** Why `text` is not a readable refusal of `input` (empty when it is one). */
export function refusalIssues(text: unknown, input: string): string[] {
  if (typeof text !== 'string') return [`it is a ${typeof text}, not a string`];
  const issues: string[] = [];
  if (!text.trim()) issues.push('it is empty');
  if (text.length > maxRefusalLength) {
    issues.push(`it is ${text.length} characters long (at most ${maxRefusalLength})`);
  }
  return [...issues, ...textIssues(text, input)];
}

export function expectRefusal(text: unknown, input: string, where = 'refusal'): void {
  const issues = refusalIssues(text, input);
  expectThat(issues.length === 0, `${where}: ${issues.join('; ')}: ${JSON.stringify(text)}`);
}

/** Runs `read` and fails with what it threw: the parsers return refusals, they never throw. */
export function noThrow<T>(read: () => T, what: string): T {
  try {
    return read();
  } catch (err) {
    const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    throw new PropertyBroken(`${what} threw ${message}`);
  }
}
