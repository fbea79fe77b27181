import { campaignLimits, isHttpsUrl } from '../campaign/schema.js';
import { decodeEntities } from '../commands/slack-text.js';
import type { Token } from '../commands/tokenize.js';
import { truncate } from '../text/cut.js';

export type ArticleCommand = { ok: true; url?: string } | { ok: false; problem: string };

// Slack sends an address it recognised as a link token, `<https://x>` or `<https://x|text>`; the tokenizer
// keeps such a word as Slack sent it.
const linkToken = /^<(https?:[^|>]+)(?:\|[^>]*)?>$/i;

/** The address a word gives: a link Slack recognised, or an address typed as text. */
function addressOf(token: Token): string | undefined {
  const link = token.slack === undefined ? null : linkToken.exec(token.slack);
  if (link?.[1]) return decodeEntities(link[1]);
  return /^https?:\/\//i.test(token.text) ? token.text : undefined;
}

const theRightWords = 'Type `new` to write an article, or give its https:// link.';

/**
 * `/rally article new` or `/rally article <https link>` (or both words): a new article, starting from the
 * link when one is given. Only https:// links are taken, within the campaign file's length.
 */
export function parseArticleCommand(args: readonly Token[]): ArticleCommand {
  const [first] = args;
  if (!first) return { ok: false, problem: theRightWords };
  const words = !first.quoted && first.text.toLowerCase() === 'new' ? args.slice(1) : args;
  if (words.length === 0) return { ok: true };
  const [word] = words;
  if (!word || words.length > 1) return { ok: false, problem: `Give one link at most. ${theRightWords}` };
  const address = addressOf(word);
  const shown = truncate(word.text, 60);
  if (address === undefined) return { ok: false, problem: `"${shown}" is not a link. ${theRightWords}` };
  if (address.length > campaignLimits.url)
    return { ok: false, problem: `That link is longer than ${campaignLimits.url} characters.` };
  if (!isHttpsUrl(address))
    return { ok: false, problem: `Rally links only to https:// pages, and "${shown}" is not one.` };
  return { ok: true, url: address };
}
