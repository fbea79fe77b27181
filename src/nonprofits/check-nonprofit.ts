import { isHttpsUrl } from '../campaign/schema.js';
import { type NonprofitDetails, nonprofitLimits } from './model.js';

export type NonprofitField = keyof NonprofitDetails;

export type NonprofitCheck =
  | { ok: true; details: NonprofitDetails }
  | { ok: false; problems: Partial<Record<NonprofitField, string>> };

/** Why `url` cannot be a nonprofit's link, or undefined when it can. */
export function linkProblem(url: string): string | undefined {
  if (!url) return "Give the link to the nonprofit's page, such as https://example.org/donate.";
  if (url.length > nonprofitLimits.url)
    return `A link can have at most ${nonprofitLimits.url} characters (this one has ${url.length}).`;
  if (!isHttpsUrl(url))
    return 'The link must be a full https:// address, such as https://example.org/donate.';
  return undefined;
}

/** Why `name` cannot be a nonprofit's name, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  if (!name) return "Give the nonprofit's name.";
  if (name.length > nonprofitLimits.name)
    return `A name can have at most ${nonprofitLimits.name} characters (this one has ${name.length}).`;
  return undefined;
}

function descriptionProblem(description: string): string | undefined {
  if (!description) return 'Say in one line what the nonprofit does.';
  if (/[\r\n]/.test(description)) return 'The description must be a single line.';
  if (description.length > nonprofitLimits.description)
    return `A description can have at most ${nonprofitLimits.description} characters (this one has ${description.length}).`;
  return undefined;
}

/**
 * Checks a nonprofit as the campaign file's `donations` are checked: text trimmed and not empty, within the
 * same lengths, an https:// link with a dotted host, a description on one line. Each problem is a sentence
 * for the field it is about.
 */
export function checkNonprofit(input: Partial<NonprofitDetails>): NonprofitCheck {
  const details = {
    name: (input.name ?? '').trim(),
    url: (input.url ?? '').trim(),
    description: (input.description ?? '').trim(),
  };
  const problems: Partial<Record<NonprofitField, string>> = {};
  const name = nameProblem(details.name);
  const url = linkProblem(details.url);
  const description = descriptionProblem(details.description);
  if (name) problems.name = name;
  if (url) problems.url = url;
  if (description) problems.description = description;
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, details };
}
