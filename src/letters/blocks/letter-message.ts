import type { KnownBlock } from '@slack/types';
import {
  discloseAnonymousCount,
  mayShowAnonymousCount,
  type SmallNumbersRule,
} from '../../privacy/small-numbers.js';
import type { MessageContent } from '../../slack/blocks/messages.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { slackDate } from '../../slack/blocks/slack-date.js';
import {
  fitBlocks,
  header,
  messageBlockLimit,
  mrkdwnContext,
  mrkdwnSections,
} from '../../slack/blocks/text-blocks.js';
import { letterActions, letterBlocks } from '../../slack/ids.js';
import type { Letter, LetterText, SignatureTally } from '../model.js';

/**
 * The posted letter shows its whole text up to this many characters; a longer letter shows its opening,
 * and the rest is read in the modal, so a channel is not flooded.
 */
export const letterPreviewLimit = 4000;

const count = (n: number): number => (Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);
const number = (n: number): string => n.toLocaleString('en-US');

/**
 * The signature line, as mrkdwn: `*12 signatures*: 5 named, 6 anonymous, 1 waiting to show their name`.
 * Kinds with nobody in them are left out. Small numbers identify people, so while the small-numbers rule
 * hides how many signed without showing their name, neither that number nor the total is shown.
 */
export function signatureLine(tally: SignatureTally, rule: SmallNumbersRule): string {
  const named = count(tally.named);
  const anonymous = count(tally.anonymous);
  const waiting = count(tally.waiting);
  const total = named + anonymous + waiting;
  if (total === 0) return '*No signatures yet.* Be the first to sign.';
  const unnamed = discloseAnonymousCount(anonymous + waiting, rule);
  if (!unnamed.shown) {
    const namedPart = named > 0 ? `*${number(named)} named*, and a few` : '*A few signatures so far*,';
    return `${namedPart} without names (their number shows once at least ${number(unnamed.threshold)} people sign that way)`;
  }
  // Each kind is shown apart only when each may be; else the two are one number, "without names shown".
  const apart = mayShowAnonymousCount(anonymous, rule) && mayShowAnonymousCount(waiting, rule);
  const parts = [
    named > 0 ? `${number(named)} named` : '',
    ...(apart
      ? [
          anonymous > 0 ? `${number(anonymous)} anonymous` : '',
          waiting > 0 ? `${number(waiting)} waiting to show their ${waiting === 1 ? 'name' : 'names'}` : '',
        ]
      : [`${number(anonymous + waiting)} without names shown`]),
  ].filter(Boolean);
  return `*${number(total)} ${total === 1 ? 'signature' : 'signatures'}*: ${parts.join(', ')}`;
}

/** The letter's paragraphs in order, as escaped mrkdwn. */
export function letterParagraphs(text: LetterText): string[] {
  return text.paragraphs.map(escapeMrkdwn);
}

/** `*To:* Satya Nadella, ...` */
export function addresseeLine(text: LetterText): string {
  return `*To:* ${escapeMrkdwn(text.addressee)}`;
}

/** Progress toward the goal, when the total may be shown (the small-numbers rule hides it otherwise). */
export function goalLine(goal: number, tally: SignatureTally, rule: SmallNumbersRule): string {
  const unnamed = discloseAnonymousCount(count(tally.anonymous) + count(tally.waiting), rule);
  if (!unnamed.shown) return `Goal: ${number(goal)} signatures.`;
  const total = count(tally.named) + unnamed.count;
  const percent = Math.min(100, Math.floor((total * 100) / goal));
  const filled = Math.round(percent / 10);
  return `Goal: ${number(goal)} signatures · ${'█'.repeat(filled)}${'░'.repeat(10 - filled)} ${percent}%`;
}

/** What else a copy of the letter says: the letter it replaces, or the revision that replaced it. */
export interface LetterMessageExtras {
  replaces?: Pick<Letter, 'slug' | 'text'>;
  replacedBy?: Pick<Letter, 'slug' | 'text'>;
}

/**
 * The letter as a channel message: title, addressee, the letter (or its opening when the whole would be
 * too long), **Sign the letter** (while it is open) and **Read the full letter** buttons (both carry the
 * letter's ID), its short name and closing time, progress toward its goal, and the live signature line in
 * the block `letter_signatures`. Stays within 50 blocks and 3,000 characters a section.
 */
export function buildLetterMessage(
  letter: Letter,
  tally: SignatureTally,
  rule: SmallNumbersRule,
  extras: LetterMessageExtras = {},
): MessageContent {
  const { text } = letter;
  const open = letter.status === 'open';
  const paragraphs = letterParagraphs(text);
  const whole = paragraphs.reduce((sum, p) => sum + p.length, 0) <= letterPreviewLimit;
  const readMore = mrkdwnContext(
    '_This is the start of the letter. Press *Read the full letter* to read all of it before you sign._',
  );
  const content: KnownBlock[] = whole
    ? mrkdwnSections(paragraphs)
    : [...mrkdwnSections(paragraphs.slice(0, 1)), readMore];
  const head: KnownBlock[] = [
    header(text.title),
    { type: 'section', text: { type: 'mrkdwn', text: addresseeLine(text) } },
    ...(extras.replaces
      ? [
          mrkdwnContext(
            `:arrows_counterclockwise: This letter replaces *${escapeMrkdwn(extras.replaces.text.title)}* (\`${extras.replaces.slug}\`). Signatures of that one are not carried over: sign this one.`,
          ),
        ]
      : []),
    ...(extras.replacedBy
      ? [
          mrkdwnContext(
            `:arrows_counterclockwise: A new version replaces this letter: *${escapeMrkdwn(extras.replacedBy.text.title)}* (\`/rally sign ${extras.replacedBy.slug}\`). Signatures of this one are not carried over.`,
          ),
        ]
      : []),
  ];
  const facts = [
    `Short name: \`${letter.slug}\` (\`/rally sign ${letter.slug}\`)`,
    ...(open && letter.closesAt ? [`Signing closes ${slackDate(letter.closesAt)}`] : []),
  ].join(' · ');
  const tail: KnownBlock[] = [
    {
      type: 'actions',
      block_id: letterBlocks.actions,
      elements: [
        ...(open
          ? [
              {
                type: 'button' as const,
                action_id: letterActions.sign,
                style: 'primary' as const,
                text: { type: 'plain_text' as const, text: 'Sign the letter' },
                value: letter.id,
              },
            ]
          : []),
        {
          type: 'button',
          action_id: letterActions.read,
          text: { type: 'plain_text', text: 'Read the full letter' },
          value: letter.id,
        },
      ],
    },
    mrkdwnContext(facts),
    ...(letter.goal ? [mrkdwnContext(goalLine(letter.goal, tally, rule))] : []),
    mrkdwnContext(
      open ? signatureLine(tally, rule) : `*Signing is closed.* Final count: ${signatureLine(tally, rule)}`,
      letterBlocks.signatures,
    ),
  ];
  const room = messageBlockLimit - head.length - tail.length;
  const blocks = [...head, ...fitBlocks(content, room, readMore), ...tail];
  const fallback = `Open letter to ${escapeMrkdwn(text.addressee)}: ${escapeMrkdwn(text.title)}. ${open ? '' : 'Signing is closed. '}${signatureLine(tally, rule).replace(/\*/g, '')}`;
  return { text: fallback, blocks };
}
