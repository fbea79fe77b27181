import { findSubcommand, type Subcommand } from './catalog.js';
import { plainCommandText } from './slack-text.js';
import { type Token, tokenize } from './tokenize.js';

/** What `/rally <text>` asks for, before any subcommand reads its own arguments. */
export type CommandRoute =
  | { kind: 'help' }
  | { kind: 'unknown'; word: string }
  | { kind: 'unreadable'; problem: string; subcommand?: Subcommand }
  | { kind: 'subcommand'; subcommand: Subcommand; args: Token[] };

/** Routes `/rally` command text, exactly as Slack sent it (escaped; see `slack-text.ts`). */
export function routeCommand(text: string): CommandRoute {
  const result = tokenize(text);
  if (!result.ok) {
    // The quotes are broken, but the first word still says which command was meant.
    const subcommand = findSubcommand(plainCommandText(text).trim().split(/\s+/)[0] ?? '');
    return { kind: 'unreadable', problem: result.error, ...(subcommand ? { subcommand } : {}) };
  }
  const [first, ...args] = result.tokens;
  if (!first) return { kind: 'help' };
  const subcommand = first.quoted ? undefined : findSubcommand(first.text);
  if (!subcommand) return { kind: 'unknown', word: first.text };
  if (subcommand.name === 'help') return { kind: 'help' };
  return { kind: 'subcommand', subcommand, args };
}
