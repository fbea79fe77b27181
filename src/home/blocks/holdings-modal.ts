import type { KnownBlock, ModalView } from '@slack/types';
import { describeSignature, formatDay } from '../../letters/blocks/sign-modal.js';
import { formFrame } from '../../slack/blocks/modals.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { slackDate } from '../../slack/blocks/slack-date.js';
import { mrkdwnContext, plainText as plain, truncate } from '../../slack/blocks/text-blocks.js';
import { homeViews } from '../../slack/ids.js';
import type { HeldPoll, Holdings } from '../model.js';
import { lineSections } from './home.js';

/** The most items of one kind the window lists; the rest are counted. */
const listed = 25;

/** A list under its heading, at most `listed` items, then how many more. */
function part(heading: string, items: readonly string[]): KnownBlock[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, listed).map((item) => `• ${item}`);
  const more = items.length > listed ? [`…and ${items.length - listed} more.`] : [];
  return lineSections([`*${heading}*`, ...shown, ...more]);
}

const question = (poll: HeldPoll): string =>
  `*${escapeMrkdwn(truncate(poll.question, 200))}* in <#${poll.channel}>`;

function howKept(poll: HeldPoll): string {
  if (poll.anonymous) return 'an anonymous poll: kept under a code that is erased when it closes';
  return poll.closed ? 'a closed public poll: kept until it expires' : 'a public poll';
}

/** Shown while Rally looks: the modal opens at once, and a job fills it in. */
export function buildHoldingsLoadingModal(): ModalView {
  return {
    type: 'modal',
    title: plain('What Rally holds'),
    close: plain('Close'),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: ':hourglass_flowing_sand: Looking…' } },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: 'If nothing shows within a minute, Rally could not read it just now: close this and try again later.',
          },
        ],
      },
    ],
  };
}

/**
 * What Rally holds about the person who asked, for them alone: each signature and how it was made, votes
 * and the options held, polls they started, pledges, reminders, that they opened the Home tab, and records
 * of their recent requests. Nothing here is published or kept.
 */
export function buildHoldingsModal(holdings: Holdings, homeViewersHours: number): ModalView {
  const signatures = holdings.signatures.map(
    (s) =>
      `*${escapeMrkdwn(truncate(s.title, 150))}* (\`${s.slug}\`): ${describeSignature(s.own)}, on ${formatDay(s.own.day)}${s.open ? '' : ' (the letter is closed)'}`,
  );
  const votes = holdings.votes.map(
    (v) => `${question(v)}: ${(v.options ?? []).map((o) => escapeMrkdwn(o)).join(', ')} (${howKept(v)})`,
  );
  const started = holdings.pollsStarted.map(
    (p) => `${question(p)}${p.anonymous ? ' (as a code, erased when it closes)' : ''}`,
  );
  const pledges = holdings.pledges.map((p) => {
    const what = [p.nonprofit ? escapeMrkdwn(p.nonprofit) : '', p.band ?? ''].filter(Boolean).join(', ');
    const where = p.channel ? `the donation prompt in <#${p.channel}>` : 'a donation prompt';
    return `You said you gave, on ${where}${what ? `: ${what}` : ''}`;
  });
  const answerLabels = { going: 'Going', maybe: 'Maybe', cant: 'Can’t go', waitlist: 'on the waitlist' };
  const events = holdings.eventAnswers.map(
    (e) =>
      `*${escapeMrkdwn(truncate(e.title, 150))}*: ${answerLabels[e.answer]}${e.reminders ? ', with reminders' : ''} (${e.countsOnly ? 'a counts-only event: kept under a code that is erased when it ends' : e.open ? 'a named event' : 'a named event that is over: kept until it expires'})`,
  );
  const reminders = holdings.reminders.map((r) => {
    const where = r.target === r.creator ? 'to you' : `in <#${r.target}>`;
    return `${escapeMrkdwn(truncate(r.text, 200))}: ${r.description ?? escapeMrkdwn(r.when)}, ${where}`;
  });
  const other = [
    ...(holdings.organizerRole
      ? ['Your place on the list of organizers, which owners keep (an owner added you).']
      : []),
    ...(holdings.auditEntries > 0
      ? [
          `Your ID in ${holdings.auditEntries} ${holdings.auditEntries === 1 ? 'entry' : 'entries'} of the organizers' audit, as the organizer who acted or the person acted on.`,
        ]
      : []),
    ...(holdings.homeOpenedAt !== undefined
      ? [
          `That you opened Rally's Home tab, last ${slackDate(holdings.homeOpenedAt)}: kept ${homeViewersHours} hours, to refresh it when what it shows changes.`,
        ]
      : []),
    ...(holdings.jobRecords > 0
      ? [
          `${holdings.jobRecords} ${holdings.jobRecords === 1 ? 'record' : 'records'} of your recent requests (kept a short while to find faults, then deleted).`,
        ]
      : []),
  ];
  const body = [
    ...part('Signatures', signatures),
    ...part('Votes', votes),
    ...part('Polls you started', started),
    ...part('Pledges', pledges),
    ...part('Answers to events', events),
    ...part('Reminders you set', reminders),
    ...part('Also', other),
  ];
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text:
          body.length === 0
            ? 'Rally holds nothing under your name right now.'
            : 'What Rally holds about you right now, under your Slack ID or, while a letter, poll or prompt is open, under a code only you can be recognised by. Only you see this window.',
      },
    },
    ...body,
    mrkdwnContext(
      'Not here because Rally does not keep it: who clicked a donation link (only a count per nonprofit), and anything that links you to an anonymous signature, vote or pledge once its letter, poll or prompt closed. *Forget me* on the Home tab, or `/rally forget me`, removes what is listed here.',
    ),
  ];
  return {
    type: 'modal',
    title: plain('What Rally holds'),
    close: plain('Close'),
    blocks: blocks.slice(0, 100),
  };
}

/** Asks before forgetting: what goes, and that it cannot be undone. */
export function buildForgetConfirmModal(): ModalView {
  return {
    ...formFrame({ callbackId: homeViews.forget, title: 'Forget me', submit: 'Forget me' }),
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: "Rally will remove what it holds under your ID: your signature on any letter (of any kind while the letter is open; a signature with your name also after), your votes in polls (closed polls keep the totals they announced), your pledges on open donation prompts, your answers to events and the reminders you asked for, your reminders and their text, your name as the starter of polls, your place on the list of organizers and your ID in the organizers' audit (what you did as an organizer stays, without your name), that you opened the Home tab, and records of your requests. This cannot be undone.",
        },
      },
      mrkdwnContext('To see what that is first, close this and press *What Rally holds about me*.'),
    ],
  };
}

/** Shown while the job forgets: this window then says what went. */
export function buildForgettingModal(): ModalView {
  return {
    type: 'modal',
    title: plain('Forget me'),
    close: plain('Close'),
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: ':hourglass_flowing_sand: Forgetting you now. This window will say what was removed.',
        },
      },
    ],
  };
}
