import type { Token } from '../commands/tokenize.js';
import { maxWhenLength } from '../queues/contracts.js';
import { truncate } from '../text/cut.js';
import { parseInstant, timeExamples } from '../time/instant-words.js';
import type { NewPoll } from './model.js';
import { validatePollDraft } from './validate.js';

/** The words that change a poll; `closes` takes every word after it as the closing time. */
export const pollFlags = ['anonymous', 'multiple', 'hidden', 'closes'] as const;
const flagList = '`anonymous`, `multiple`, `hidden` and `closes <when>`';

export type PollCommandResult = { ok: true; poll: NewPoll } | { ok: false; problem: string };

const fail = (problem: string): PollCommandResult => ({ ok: false, problem });
const shown = (text: string): string => truncate(text, 31);
const isFlag = (token: Token): boolean =>
  !token.quoted && (pollFlags as readonly string[]).includes(token.text.toLowerCase());

/**
 * `/rally poll "Question" "Option" "Option" ... [anonymous] [multiple] [hidden] [closes <when>]`, given
 * the tokens after `poll`. The first quoted text is the question and the other quoted texts are the
 * options; unquoted words are flags, in any case and any order, and a flag given twice counts once.
 * Every word after `closes` is the closing time, read in the creator's IANA `timeZone` relative to `now`.
 * A problem is a plain sentence naming the mistake (the catalog's usage and example are shown with it).
 */
export function parsePollCommand(args: readonly Token[], now: Date, timeZone: string): PollCommandResult {
  let question: string | undefined;
  const options: string[] = [];
  const flags = { anonymous: false, multiple: false, hidden: false };
  let closesAt: Date | undefined;

  for (let i = 0; i < args.length; i++) {
    const token = args[i] as Token;
    if (token.quoted) {
      if (question === undefined) question = token.text;
      else options.push(token.text);
      continue;
    }
    const word = token.text.toLowerCase();
    if (word === 'anonymous' || word === 'multiple' || word === 'hidden') {
      flags[word] = true;
      continue;
    }
    if (word === 'closes') {
      const rest = args.slice(i + 1);
      const flag = rest.find(isFlag);
      if (flag) {
        return fail(
          `Put \`${flag.text.toLowerCase()}\` before \`closes\`: every word after \`closes\` is read as the closing time.`,
        );
      }
      const when = rest.map((t) => t.text).join(' ');
      if (!when.trim()) {
        return fail(`Say when the poll closes after \`closes\`, for example ${timeExamples}.`);
      }
      if (when.trim().length > maxWhenLength) {
        return fail(
          `Say when the poll closes in at most ${maxWhenLength} characters, for example ${timeExamples}.`,
        );
      }
      const time = parseInstant(when, now, timeZone);
      if (!time.ok) return fail(time.problem);
      closesAt = time.at;
      break;
    }
    const name = shown(token.text);
    if (question === undefined) {
      return fail(
        `"${name}" is not a flag. Start with the question in quotes, then each option in quotes; the flags are ${flagList}.`,
      );
    }
    return fail(
      `"${name}" is not a flag; the flags are ${flagList}. If "${name}" is an option, put it in quotes: "${name}".`,
    );
  }

  if (question === undefined) {
    return fail('Give the question in quotes, then at least two options, each in its own quotes.');
  }
  const checked = validatePollDraft({ question, options, ...flags, ...(closesAt ? { closesAt } : {}) }, now);
  if (checked.ok) return checked;
  const [issue] = checked.issues;
  if (!issue) return fail('That poll cannot be read.');
  if (issue.code === 'too-few-options') return fail(`${issue.message} Put each option in its own quotes.`);
  return fail(issue.message);
}

/**
 * The words after `closes`, as typed. The command's closing time is checked when it arrives, but the
 * creator's time zone is only known after a Slack call, so the job reads these words again in that zone.
 */
export function closingWords(args: readonly Token[]): string | undefined {
  const at = args.findIndex((t) => !t.quoted && t.text.toLowerCase() === 'closes');
  if (at < 0) return undefined;
  const words = args
    .slice(at + 1)
    .map((t) => t.text)
    .join(' ')
    .trim();
  return words || undefined;
}
