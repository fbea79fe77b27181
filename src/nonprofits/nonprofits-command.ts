import type { Token } from '../commands/tokenize.js';
import { truncate } from '../text/cut.js';
import { linkProblem, nameProblem } from './check-nonprofit.js';

/** What the form is filled in with when `/rally nonprofits add` was given a link and a name. */
export interface NonprofitPrefill {
  url?: string;
  name?: string;
}

export type NonprofitsCommand =
  | { ok: true; action: 'list' }
  | { ok: true; action: 'add'; prefill: NonprofitPrefill }
  | { ok: false; problem: string };

const looksLikeLink = (text: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(text);

/**
 * `/rally nonprofits` lists them; `/rally nonprofits add [<https link> <name…>]` opens the form, filled in
 * with the link and the name when given (the one-line description is written in the form). The link may
 * come before or after the name.
 */
export function parseNonprofitsCommand(args: readonly Token[]): NonprofitsCommand {
  const [first, ...rest] = args;
  if (!first || (!first.quoted && first.text.toLowerCase() === 'list')) {
    if (rest.length > 0) return { ok: false, problem: 'The list takes nothing after it.' };
    return { ok: true, action: 'list' };
  }
  if (first.quoted || first.text.toLowerCase() !== 'add') {
    return {
      ok: false,
      problem: `I don't know "${truncate(first.text, 41)}" here: type \`add\` to add a nonprofit, or nothing to see the list.`,
    };
  }
  if (rest.length === 0) return { ok: true, action: 'add', prefill: {} };
  const at = rest.findIndex((t) => looksLikeLink(t.text));
  if (at < 0) {
    return {
      ok: false,
      problem: "Give the link to the nonprofit's page first, starting with https://, then its name.",
    };
  }
  const url = rest[at]?.text ?? '';
  const badLink = linkProblem(url);
  if (badLink) return { ok: false, problem: `"${truncate(url, 61)}" cannot be used. ${badLink}` };
  const name = rest
    .filter((_, i) => i !== at)
    .map((t) => t.text)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  const badName = name ? nameProblem(name) : undefined;
  if (badName) return { ok: false, problem: badName };
  return { ok: true, action: 'add', prefill: { url, ...(name ? { name } : {}) } };
}
