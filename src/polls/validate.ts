import { checkFutureInstant } from '../time/instant-words.js';
import type { NewPoll } from './model.js';

/** The most characters in a question. */
export const questionMaxLength = 300;
/** The most characters in an option: Slack shows at most 75 on a button. */
export const optionMaxLength = 75;
export const minOptions = 2;
export const maxOptions = 10;

export type PollField = 'question' | 'options' | 'closesAt';

export type PollIssueCode =
  | 'question-empty'
  | 'question-too-long'
  | 'too-few-options'
  | 'too-many-options'
  | 'option-empty'
  | 'option-too-long'
  | 'option-repeated'
  | 'closing-time';

/** One thing wrong with a poll, with the field it belongs to and a plain sentence saying what. */
export interface PollIssue {
  field: PollField;
  code: PollIssueCode;
  message: string;
}

export type PollDraftResult = { ok: true; poll: NewPoll } | { ok: false; issues: PollIssue[] };

/** Text as one line: runs of whitespace (line breaks included) become one space, and ends are trimmed. */
export const cleanText = (text: string): string => text.replace(/\s+/g, ' ').trim();

const shown = (text: string): string =>
  text.length > 30 ? `${text.slice(0, 30).replace(/[\uD800-\uDBFF]$/, '')}…` : text; // never half an emoji
const sameKey = (text: string): string => text.normalize('NFC').toLowerCase();

function optionIssues(options: readonly string[]): PollIssue[] {
  const issues: PollIssue[] = [];
  const issue = (code: PollIssueCode, message: string) => issues.push({ field: 'options', code, message });
  if (options.length < minOptions) {
    const given = options.length === 0 ? 'none' : 'one';
    issue('too-few-options', `A poll needs at least ${minOptions} options; you gave ${given}.`);
  }
  if (options.length > maxOptions) {
    issue('too-many-options', `A poll can have at most ${maxOptions} options; you gave ${options.length}.`);
  }
  const seen = new Map<string, number>();
  options.forEach((option, i) => {
    const n = i + 1;
    if (!option) {
      issue('option-empty', `Option ${n} is empty.`);
      return;
    }
    if (option.length > optionMaxLength) {
      issue(
        'option-too-long',
        `Option ${n} ("${shown(option)}") is ${option.length} characters long; an option can have at most ${optionMaxLength}, the most a Slack button shows.`,
      );
    }
    const first = seen.get(sameKey(option));
    if (first !== undefined) {
      issue(
        'option-repeated',
        `Options ${first} and ${n} are the same ("${shown(option)}"); give each option once.`,
      );
    } else {
      seen.set(sameKey(option), n);
    }
  });
  return issues;
}

/**
 * Checks a poll from either the command or the form, the same way: a question of 1 to 300 characters,
 * 2 to 10 different options (compared ignoring case) of 1 to 75 characters, and a closing time, if any,
 * in the future and within a year. Text is cleaned first (see {@link cleanText}); the poll returned
 * holds the cleaned text. Issues come in the order question, options, closing time.
 */
export function validatePollDraft(draft: NewPoll, now: Date): PollDraftResult {
  const question = cleanText(draft.question);
  const options = draft.options.map(cleanText);
  const issues: PollIssue[] = [];
  if (!question)
    issues.push({ field: 'question', code: 'question-empty', message: 'The question is empty.' });
  if (question.length > questionMaxLength) {
    issues.push({
      field: 'question',
      code: 'question-too-long',
      message: `The question is ${question.length} characters long; it can have at most ${questionMaxLength}.`,
    });
  }
  issues.push(...optionIssues(options));
  if (draft.closesAt) {
    const problem = checkFutureInstant(draft.closesAt, now);
    if (problem) issues.push({ field: 'closesAt', code: 'closing-time', message: problem });
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    poll: {
      question,
      options,
      anonymous: draft.anonymous,
      multiple: draft.multiple,
      hidden: draft.hidden,
      ...(draft.closesAt ? { closesAt: new Date(draft.closesAt.getTime()) } : {}),
    },
  };
}
