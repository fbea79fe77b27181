import type { Audience } from '../roles/check-role.js';

export type { Audience };

export interface Subcommand {
  /** The word after `/rally`. */
  name: SubcommandName;
  usage: string;
  summary: string;
  example: string;
  /**
   * Who may run it. The router refuses anyone else through the one role check (`roles/check-role.ts`), so
   * a handler never checks it again.
   */
  audience: Audience;
  /** For organizer and owner commands: what others are refused, as in "Only organizers can <refusal>." */
  refusal?: string;
}

/** Every `/rally` subcommand, in the order help lists them. */
export const subcommands: readonly Subcommand[] = [
  {
    name: 'help',
    usage: '/rally help',
    summary: 'This list, only for you.',
    example: '/rally help',
    audience: 'anyone',
  },
  {
    name: 'letter',
    usage: '/rally letter new',
    summary: 'Write a letter in a form: it stays a draft, shown only to you, until you post it.',
    example: '/rally letter new',
    audience: 'organizers',
    refusal: 'write letters',
  },
  {
    name: 'letters',
    usage: '/rally letters',
    summary: 'The letters you can sign, with a Sign button; organizers also see drafts, counts and actions.',
    example: '/rally letters',
    audience: 'anyone',
  },
  {
    name: 'article',
    usage: '/rally article new | /rally article <https link>',
    summary:
      'Write an article card in a form: the reporting, quotes, and your own words kept apart. Give its link to start from it.',
    example: '/rally article https://thesource.com/2018/06/20/microsoft-protesting-ice/',
    audience: 'organizers',
    refusal: 'write articles',
  },
  {
    name: 'articles',
    usage: '/rally articles',
    summary: 'The articles, newest first, with their short names and Post, Edit and Delete buttons.',
    example: '/rally articles',
    audience: 'organizers',
    refusal: 'manage articles',
  },
  {
    name: 'post',
    usage: '/rally post article|letter [name] [#channel ...]',
    summary:
      'Post an article with its discussion thread (the newest unless named), or a letter with its Sign button (the newest open one unless named), here or to the channels named.',
    example: '/rally post letter end-the-contract #general #organizing',
    audience: 'organizers',
    refusal: 'post the campaign',
  },
  {
    name: 'sign',
    usage: '/rally sign [name]',
    summary:
      'Sign a letter (the newest open one unless named): with your name, anonymously, or with your name once enough coworkers do.',
    example: '/rally sign end-the-contract',
    audience: 'anyone',
  },
  {
    name: 'unsign',
    usage: '/rally unsign [name]',
    summary: 'Withdraw your signature from a letter (the newest open one unless named).',
    example: '/rally unsign end-the-contract',
    audience: 'anyone',
  },
  {
    name: 'signatures',
    usage: '/rally signatures [name]',
    summary:
      'The delivery package of a letter, privately: the letter as a PDF with its named signers and counts, and a CSV.',
    example: '/rally signatures end-the-contract',
    audience: 'organizers',
    refusal: 'export the signatures',
  },
  {
    name: 'poll',
    usage: '/rally poll "Question" "Option" "Option" [anonymous] [multiple] [hidden] [closes <when>]',
    summary: 'Start a poll people answer by button or emoji; `/rally poll` alone opens a form.',
    example: '/rally poll "Do we join the walkout on Friday?" "Yes" "No" anonymous closes in 2 days',
    audience: 'anyone',
  },
  {
    name: 'event',
    usage:
      '/rally event | /rally event "Title" <when> [until <when>] [at "Place"] [capacity N] [counts-only] [place-for-going] [#channel ...]',
    summary:
      'An event (a protest, a walkout, a town hall) with Going / Maybe / Can’t go, calendar links and reminders people ask for; `/rally event` alone opens a form.',
    example: '/rally event "Walkout for families" friday 12:00 at "Building 92 lobby"',
    audience: 'organizers',
    refusal: 'create events',
  },
  {
    name: 'events',
    usage: '/rally events',
    summary: 'The upcoming events in this channel and those you answered, with their buttons. Only for you.',
    example: '/rally events',
    audience: 'anyone',
  },
  {
    name: 'donate',
    usage: '/rally donate [#channel ...] [every <when>] | /rally donate off #channel',
    summary: 'Post links to vetted nonprofits, once or on a schedule. Clicks are counted, never who.',
    example: '/rally donate #general every friday 12:00',
    audience: 'organizers',
    refusal: 'post donation prompts',
  },
  {
    name: 'nonprofits',
    usage: '/rally nonprofits | /rally nonprofits add [<https link> <name>]',
    summary:
      'The nonprofits donation prompts link to, with Remove and Add; `add` opens a form for the name, link and a one-line description.',
    example: '/rally nonprofits add https://www.raicestexas.org/donate/ RAICES',
    audience: 'organizers',
    refusal: 'manage the nonprofits',
  },
  {
    name: 'remind',
    usage: '/rally remind me|#channel "What" <when>',
    summary: 'A reminder, once or recurring, posted on time.',
    example: '/rally remind #general "Walkout at noon, meet in the lobby" tomorrow at 11:30',
    audience: 'anyone',
  },
  {
    name: 'reminders',
    usage: '/rally reminders',
    summary: "Your reminders and this channel's, with a Cancel button.",
    example: '/rally reminders',
    audience: 'anyone',
  },
  {
    name: 'digest',
    usage: '/rally digest daily 09:00 | weekly monday 09:00 [quiet] | off | now',
    summary: "This channel's summary of signatures, polls, donations and what is coming up.",
    example: '/rally digest weekly monday 09:00',
    audience: 'organizers',
    refusal: 'set the channel digest',
  },
  {
    name: 'audit',
    usage: '/rally audit',
    summary:
      'What organizers did in Rally (posts, exports, letters, schedules, nonprofits), newest first; never what anyone signed, voted or gave.',
    example: '/rally audit',
    audience: 'organizers',
    refusal: 'see the audit',
  },
  {
    name: 'organizers',
    usage: '/rally organizers',
    summary:
      'Who organizes: the owners of this Rally and the organizers they added. Owners add people with a picker and remove them with a button.',
    example: '/rally organizers',
    audience: 'organizers',
    refusal: 'see who the organizers are',
  },
  {
    name: 'privacy',
    usage: '/rally privacy',
    summary: 'Who can learn what when you sign, vote or give, and what Rally keeps. Only for you.',
    example: '/rally privacy',
    audience: 'anyone',
  },
  {
    name: 'forget',
    usage: '/rally forget me',
    summary: 'Delete what Rally holds under your ID, and see what was removed.',
    example: '/rally forget me',
    audience: 'anyone',
  },
];

export type SubcommandName =
  | 'help'
  | 'letter'
  | 'letters'
  | 'article'
  | 'articles'
  | 'post'
  | 'sign'
  | 'unsign'
  | 'signatures'
  | 'poll'
  | 'event'
  | 'events'
  | 'donate'
  | 'nonprofits'
  | 'remind'
  | 'reminders'
  | 'digest'
  | 'audit'
  | 'organizers'
  | 'privacy'
  | 'forget';

/** A subcommand by name; the usage and example shown after a mistake come from here. */
export function subcommand(name: SubcommandName): Subcommand {
  const found = subcommands.find((s) => s.name === name);
  if (!found) throw new Error(`no subcommand ${name}`);
  return found;
}

/** The subcommand a word names, case-insensitively. */
export function findSubcommand(word: string): Subcommand | undefined {
  const lower = word.toLowerCase();
  return subcommands.find((s) => s.name === lower);
}
