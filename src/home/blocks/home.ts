import type { HomeView, KnownBlock } from '@slack/types';
import { auditLine } from '../../audit/blocks/audit-log.js';
import { yourAnswer } from '../../events/blocks/event-list.js';
import { countsLine, placeLine, whenLine } from '../../events/blocks/event-message.js';
import { organizerLetterBlocks } from '../../letters/blocks/letter-list.js';
import { goalLine, signatureLine } from '../../letters/blocks/letter-message.js';
import { formatDay } from '../../letters/blocks/sign-modal.js';
import type { SmallNumbersRule } from '../../privacy/small-numbers.js';
import {
  addedOrganizersSection,
  addOrganizerPicker,
  organizerRow,
  ownersSection,
} from '../../roles/blocks/organizer-list.js';
import {
  digestScheduleBlock,
  donationScheduleBlock,
  reminderBlock,
} from '../../schedules/blocks/schedule-list.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { slackDate } from '../../slack/blocks/slack-date.js';
import { sectionTextLimit } from '../../slack/blocks/split-text.js';
import { header, mrkdwnContext, plainText as plain, truncate } from '../../slack/blocks/text-blocks.js';
import { homeActions, letterActions } from '../../slack/ids.js';
import type { HomeContent, HomeEvent, HomeLetter, HomePoll, OrganizerHome } from '../model.js';

/** The most blocks Slack takes in a Home tab. */
export const homeBlockLimit = 100;

/** How many of each list the Home tab shows; the rest is one command away. */
export const homeShown = {
  letters: 10,
  events: 10,
  reminders: 10,
  organizerLetters: 8,
  schedules: 10,
  organizers: 8,
} as const;

/**
 * What the Home tab says about privacy. It is true because the builders below are given nothing else: see
 * `HomeContent` and docs/PRIVACY.md.
 */
export const homePrivacyNote =
  ':lock: Slack keeps this tab, so it never shows what you did anonymously: no anonymous or conditional signature, no vote, no pledge, no answer to a counts-only event. *What Rally holds about me* shows you all of it, in a window only you see, made when you press it.';

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const title = (text: string): KnownBlock => section(`*${text}*`);

/** Lines in as few sections as Slack's 3,000 characters a section allow (usually one). */
export function lineSections(lines: readonly string[]): KnownBlock[] {
  const texts: string[] = [];
  for (const line of lines.map((l) => truncate(l, sectionTextLimit))) {
    const last = texts.at(-1);
    if (last !== undefined && last.length + 1 + line.length <= sectionTextLimit)
      texts[texts.length - 1] = `${last}\n${line}`;
    else texts.push(line);
  }
  return texts.map(section);
}

function letterBlock({ letter, tally, namedOn }: HomeLetter, rule: SmallNumbersRule): KnownBlock {
  const lines = [
    `*${escapeMrkdwn(letter.text.title)}* · \`${letter.slug}\``,
    signatureLine(tally, rule),
    ...(letter.goal ? [goalLine(letter.goal, tally, rule)] : []),
    ...(letter.closesAt ? [`Signing closes ${slackDate(letter.closesAt)}`] : []),
    ...(namedOn
      ? [
          `:white_check_mark: You signed with your name on ${formatDay(namedOn)}. The count moves on a clock, with other signatures.`,
        ]
      : []),
  ];
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: lines.join('\n') },
    accessory: {
      type: 'button',
      action_id: letterActions.sign,
      text: plain(namedOn ? 'Your signature' : 'Sign'),
      value: letter.id,
      ...(namedOn ? {} : { style: 'primary' as const }),
    },
  };
}

function lettersSection(content: HomeContent, rule: SmallNumbersRule): KnownBlock[] {
  const { letters } = content;
  if (letters.length === 0)
    return [title('Open letters'), section('No letter is open for signing right now.')];
  const shown = letters.slice(0, homeShown.letters);
  const more =
    letters.length > shown.length
      ? ` And ${letters.length - shown.length} more: \`/rally letters\` lists them all.`
      : '';
  return [
    title('Open letters'),
    ...shown.map((entry) => letterBlock(entry, rule)),
    mrkdwnContext(
      `Signed already, in any way? *Sign* shows you what Rally holds for that letter, and lets you withdraw it.${more}`,
    ),
  ];
}

function pollBlock(poll: HomePoll): KnownBlock {
  const facts = [
    `in <#${poll.channel}>`,
    poll.closesAt ? `closes ${slackDate(poll.closesAt)}` : 'open until it is closed',
    ...(poll.permalink ? [`<${poll.permalink}|Open the poll>`] : []),
  ];
  return section(`:bar_chart: *${escapeMrkdwn(truncate(poll.question, 300))}*\n${facts.join(' · ')}`);
}

function pollsSection(content: HomeContent): KnownBlock[] {
  if (content.polls.length === 0) {
    return [title('Open polls in your channels'), section('No open poll in the channels you are in.')];
  }
  return [
    title('Open polls in your channels'),
    ...content.polls.map(pollBlock),
    ...(content.morePolls
      ? [mrkdwnContext(`The ${content.polls.length} newest are shown; more are open in your channels.`)]
      : []),
  ];
}

/**
 * One upcoming event: its title, when (in the reader's zone), the place when everyone may see it, the counts
 * as its message draws them (a counts-only event's within the small-numbers rule), where it was posted with
 * a link, and the reader's answer to a named event.
 */
function eventBlock({ event, counts, channel, permalink, namedAnswer }: HomeEvent, rule: SmallNumbersRule) {
  const where = event.placeFor === 'everyone' ? placeLine(event) : undefined;
  const facts = [
    ...(channel ? [`in <#${channel}>`] : []),
    ...(permalink ? [`<${permalink}|Open the event>`] : []),
  ];
  const lines = [
    `:spiral_calendar_pad: *${escapeMrkdwn(truncate(event.title, 150))}*`,
    where ? `${whenLine(event)} · ${where}` : whenLine(event),
    countsLine(event, counts, rule),
    ...(facts.length > 0 ? [facts.join(' · ')] : []),
    ...(namedAnswer ? [`_${yourAnswer[namedAnswer]}._`] : []),
  ];
  return section(lines.join('\n'));
}

/** The upcoming events, as many as `room` blocks hold (at most {@link homeShown}`.events`). */
function eventsSection(content: HomeContent, rule: SmallNumbersRule, room: number): KnownBlock[] {
  const heading = title('Upcoming events in your channels');
  if (content.events.length === 0)
    return [
      heading,
      section('No upcoming event in the channels you are in, and no named event you answered.'),
    ];
  // The heading and the note on the rest take two of the blocks left.
  const shown = content.events.slice(0, Math.max(0, Math.min(homeShown.events, room - 2)));
  const more = content.moreEvents || content.events.length > shown.length;
  return [
    heading,
    ...shown.map((entry) => eventBlock(entry, rule)),
    ...(more
      ? [
          mrkdwnContext(
            `The ${shown.length} soonest are shown; more are coming up: \`/rally events\` in a channel lists its own, and those you answered.`,
          ),
        ]
      : []),
  ];
}

function remindersSection(content: HomeContent): KnownBlock[] {
  const { reminders } = content;
  if (reminders.length === 0) {
    return [
      title('Your reminders'),
      section(
        'None waiting. Set one with `/rally remind me "Sign the letter" in 2 hours`, or the *Remind…* shortcut.',
      ),
    ];
  }
  const shown = reminders.slice(0, homeShown.reminders);
  return [
    title('Your reminders'),
    ...shown.map(reminderBlock),
    ...(reminders.length > shown.length
      ? [mrkdwnContext(`And ${reminders.length - shown.length} more: \`/rally reminders\` lists them all.`)]
      : []),
  ];
}

function organizerSections(organizer: OrganizerHome, rule: SmallNumbersRule): KnownBlock[] {
  const letters = organizer.letters.slice(0, homeShown.organizerLetters);
  const { digests, prompts, reminders } = organizer.schedules;
  const schedules = [
    ...digests.map(digestScheduleBlock),
    ...prompts.map(donationScheduleBlock),
    ...reminders.map(reminderBlock),
  ];
  const shownSchedules = schedules.slice(0, homeShown.schedules);
  const { audit } = organizer;
  return [
    { type: 'divider' },
    header('For organizers'),
    title('Every letter'),
    ...(letters.length === 0
      ? [section('No letters yet. Write one with `/rally letter new`.')]
      : letters.flatMap((entry) => organizerLetterBlocks(entry, rule))),
    ...(organizer.letters.length > letters.length
      ? [
          mrkdwnContext(
            `The ${letters.length} newest are shown; ${organizer.letters.length - letters.length} more: \`/rally letters\`.`,
          ),
        ]
      : []),
    title('Active schedules'),
    ...(schedules.length === 0
      ? [section('No digest, scheduled donation prompt or channel reminder.')]
      : shownSchedules),
    ...(schedules.length > shownSchedules.length
      ? [
          mrkdwnContext(
            `And ${schedules.length - shownSchedules.length} more: \`/rally reminders\` in a channel lists its own.`,
          ),
        ]
      : []),
    title('What organizers did lately'),
    ...(audit.entries.length === 0
      ? [section('Nothing in the audit yet.')]
      : lineSections(audit.entries.map(auditLine))),
    ...(audit.total > audit.entries.length
      ? [
          mrkdwnContext(
            `The ${audit.entries.length} newest of ${audit.total}: \`/rally audit\` pages through them.`,
          ),
        ]
      : []),
    ...whoOrganizesSection(organizer.roles),
  ];
}

/** The owners and the organizers they added; an owner gets Remove buttons and the person picker. */
function whoOrganizesSection({ listedOwners, organizers, canChange }: OrganizerHome['roles']): KnownBlock[] {
  const shown = organizers.slice(0, homeShown.organizers);
  return [
    title('Who organizes'),
    ownersSection(listedOwners),
    addedOrganizersSection(organizers, canChange),
    ...shown.map((userId) => organizerRow(userId, canChange)),
    ...(organizers.length > shown.length
      ? [mrkdwnContext(`And ${organizers.length - shown.length} more: \`/rally organizers\` lists them all.`)]
      : []),
    ...(canChange ? [addOrganizerPicker] : []),
  ];
}

/**
 * The App Home tab of one person: what Rally is, **What Rally holds about me** and **Forget me**, the open
 * letters (counts as their copies show them; the person's own signature only when it carries their name),
 * the newest open polls of their channels with links, the soonest upcoming events of their channels (and
 * named events they answered) with links, the reminders they set, each with Cancel; and for organizers every
 * letter with its actions, the active schedules with Stop, and the newest audit entries. Each list is capped
 * and says where to see the rest; the events take at most the blocks the rest leaves, so the whole stays
 * within Slack's 100 blocks.
 */
export function buildHomeView(content: HomeContent, rule: SmallNumbersRule): HomeView {
  const before: KnownBlock[] = [
    header('Rally'),
    section(
      'Rally helps coworkers organize inside Slack: sign the open letter, vote in polls, give to vetted nonprofits, and keep each other on time with reminders and digests.',
    ),
    {
      type: 'actions',
      elements: [
        { type: 'button', action_id: homeActions.holdings, text: plain('What Rally holds about me') },
        { type: 'button', action_id: homeActions.forget, text: plain('Forget me…'), style: 'danger' },
      ],
    },
    mrkdwnContext(homePrivacyNote),
    { type: 'divider' },
    ...lettersSection(content, rule),
    { type: 'divider' },
    ...pollsSection(content),
    { type: 'divider' },
  ];
  const after: KnownBlock[] = [
    { type: 'divider' },
    ...remindersSection(content),
    ...(content.organizer ? organizerSections(content.organizer, rule) : []),
    { type: 'divider' },
    mrkdwnContext('Every command: `/rally help`. Who can learn what: `/rally privacy`.'),
  ];
  const events = eventsSection(content, rule, homeBlockLimit - before.length - after.length);
  return { type: 'home', blocks: [...before, ...events, ...after].slice(0, homeBlockLimit) };
}
