import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import { reachesThreshold } from '../../privacy/small-numbers.js';
import type { MessageContent } from '../../slack/blocks/messages.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { slackDate } from '../../slack/blocks/slack-date.js';
import {
  header,
  headerTextLimit,
  mrkdwnContext,
  mrkdwnSections,
  truncate,
} from '../../slack/blocks/text-blocks.js';
import { pollActions, pollBlocks, pollVoteActionId } from '../../slack/ids.js';
import { describeInstant } from '../../time/instant-words.js';
import { pollVoteValue } from '../button-values.js';
import { optionEmojis } from '../emoji.js';
import type { PollView } from '../model.js';
import { optionMaxLength } from '../validate.js';

/** The sentences on a poll that say who can see what. */
export const pollNotes = {
  anonymous:
    'Anonymous: coworkers and organizers never see who voted for what. While the poll is open, whoever runs Rally could look up how a given person voted (that is how Rally stops double votes); when it closes, the key that makes this possible is deleted and nobody can tell any more. Reactions are not counted, because everyone can see who reacted.',
  public:
    'Not anonymous: Rally records who voted for what, and the organizers and whoever runs Rally can see it.',
  reactions: "You can also vote by reacting with the option's emoji; everyone can see reactions.",
  hidden: 'Results are hidden until the poll closes.',
  multiple: 'You can choose several options.',
} as const;

/** The width of a result bar, in blocks. */
export const barWidth = 10;

/**
 * Whether a poll's numbers may be shown: `hidden` until a hidden poll closes (then nothing numeric is
 * shown, not even how many voted), `too-few` while fewer than `minAnonymous` people voted in an
 * anonymous poll (small numbers identify people), else `shown`.
 */
export function pollNumbers(view: PollView): 'shown' | 'hidden' | 'too-few' {
  if (view.hidden && !view.closed) return 'hidden';
  if (view.anonymous && !reachesThreshold(view.voters, view)) return 'too-few';
  return 'shown';
}

const whole = (n: number | undefined): number =>
  n !== undefined && Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
const number = (n: number): string => n.toLocaleString('en-US');
const plural = (n: number, one: string, many: string): string => `${number(n)} ${n === 1 ? one : many}`;

/**
 * Percentages per option. With one choice each, they are shares of all votes, rounded so they add up
 * to exactly 100 (largest remainders); with several choices each, they are shares of the people who
 * voted, each rounded, so they may add up to more than 100. No votes: all 0.
 */
export function optionPercentages(counts: readonly number[], voters: number, multiple: boolean): number[] {
  const clean = counts.map((c) => whole(c));
  const total = clean.reduce((sum, c) => sum + c, 0);
  if (multiple) {
    const base = Math.max(whole(voters), ...clean);
    return clean.map((c) => (base > 0 ? Math.round((c * 100) / base) : 0));
  }
  if (total === 0) return clean.map(() => 0);
  const exact = clean.map((c) => (c * 100) / total);
  const shares = exact.map(Math.floor);
  let missing = 100 - shares.reduce((sum, p) => sum + p, 0);
  const byRemainder = exact
    .map((p, i) => ({ i, rest: p - Math.floor(p) }))
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of byRemainder) {
    if (missing <= 0) break;
    shares[i] = (shares[i] ?? 0) + 1;
    missing--;
  }
  return shares;
}

/** `██████░░░░` for 60 percent. */
export function resultBar(percent: number): string {
  const filled = Math.min(barWidth, Math.max(0, Math.round((percent / 100) * barWidth)));
  return '█'.repeat(filled) + '░'.repeat(barWidth - filled);
}

function emojiFor(view: PollView, index: number): string {
  const name = view.emojis[index] ?? optionEmojis[index];
  return name && /^[a-z0-9_+'-]+$/.test(name) ? `:${name}:` : `${index + 1}.`;
}

function metaLine(view: PollView): string {
  const parts: string[] = [];
  if (view.anonymous) parts.push('Anonymous poll');
  else if (view.creatorId && /^[UW][A-Z0-9]+$/.test(view.creatorId))
    parts.push(`Created by <@${view.creatorId}>`);
  if (view.closed) parts.push('*Closed*');
  else if (view.closesAt !== undefined && Number.isFinite(view.closesAt)) {
    const date = slackDate(view.closesAt, describeInstant(new Date(view.closesAt), 'UTC'));
    parts.push(
      view.closesByAge ? `Closes automatically on ${date}, unless closed earlier` : `Closes ${date}`,
    );
  } else parts.push('Open until it is closed');
  return parts.join(' · ');
}

/** The notes under a poll: who can see what, then how to vote. */
export function pollNoteLines(view: PollView): string[] {
  const privacy = view.anonymous
    ? pollNotes.anonymous
    : view.reactionsEnabled && !view.closed
      ? `${pollNotes.public} ${pollNotes.reactions}`
      : pollNotes.public;
  return [privacy, ...(view.multiple && !view.closed ? [pollNotes.multiple] : [])];
}

function summaryLine(view: PollView): string {
  const voters = whole(view.voters);
  switch (pollNumbers(view)) {
    case 'hidden':
      return pollNotes.hidden;
    case 'too-few':
      return view.closed
        ? `Fewer than ${number(view.minAnonymous)} people voted, so the results are not shown: numbers that small could show who voted for what.`
        : `Results show once at least ${number(view.minAnonymous)} people have voted.`;
    case 'shown':
      if (voters === 0) return view.closed ? 'Nobody voted.' : 'No votes yet.';
      return view.closed
        ? `*Final results:* ${plural(voters, 'person', 'people')} voted.`
        : `*${plural(voters, 'person', 'people')} voted.*`;
  }
}

/** One mrkdwn line per option: emoji and option, then (when numbers show) bar, count and percentage. */
function optionTexts(view: PollView): string[] {
  const showing = pollNumbers(view) === 'shown';
  const percentages = optionPercentages(
    view.options.map((_, i) => view.counts[i] ?? 0),
    view.voters,
    view.multiple,
  );
  return view.options.map((option, i) => {
    const label = `${emojiFor(view, i)} *${escapeMrkdwn(option)}*`;
    if (!showing) return label;
    const count = whole(view.counts[i]);
    const percent = percentages[i] ?? 0;
    return `${label}\n${resultBar(percent)}  ${plural(count, 'vote', 'votes')} (${percent}%)`;
  });
}

function questionBlock(question: string): KnownBlock {
  if (question.length <= headerTextLimit) return header(question);
  return { type: 'section', text: { type: 'mrkdwn', text: `*${escapeMrkdwn(question)}*` } };
}

function voteButtons(view: PollView): ActionsBlock {
  const elements: Button[] = view.options.map((option, i) => ({
    type: 'button',
    action_id: pollVoteActionId(i),
    text: { type: 'plain_text', text: truncate(option, optionMaxLength), emoji: true },
    value: pollVoteValue(view.id, i),
  }));
  return { type: 'actions', block_id: pollBlocks.votes, elements };
}

function manageButtons(view: PollView): ActionsBlock {
  return {
    type: 'actions',
    block_id: pollBlocks.manage,
    elements: [
      {
        type: 'button',
        action_id: pollActions.close,
        text: { type: 'plain_text', text: 'Close poll' },
        value: view.id,
        confirm: {
          title: { type: 'plain_text', text: 'Close this poll?' },
          text: {
            type: 'plain_text',
            text: view.anonymous
              ? 'Nobody can vote after this, and the record of who voted is deleted for good; only the totals stay.'
              : 'Nobody can vote after this.',
          },
          confirm: { type: 'plain_text', text: 'Close poll' },
          deny: { type: 'plain_text', text: 'Keep it open' },
        },
      },
      {
        type: 'button',
        action_id: pollActions.nudge,
        text: { type: 'plain_text', text: "Remind people who haven't voted" },
        value: view.id,
      },
    ],
  };
}

/**
 * The poll as a channel message: the question, who started it (unless anonymous) and when it closes,
 * each option with its emoji and (when numbers may show, see {@link pollNumbers}) a bar, its count and
 * percentage, how many voted, who can see what, and, while open, a vote button per option plus
 * **Close poll** and **Remind people who haven't voted**. Button values carry the poll ID and option
 * index, never a person. At most 16 blocks.
 */
export function buildPollMessage(view: PollView): MessageContent {
  const numbers = pollNumbers(view);
  const blocks: KnownBlock[] = [
    questionBlock(view.question),
    mrkdwnContext(metaLine(view)),
    ...optionTexts(view).map((text): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } })),
    { type: 'section', text: { type: 'mrkdwn', text: summaryLine(view) } },
    mrkdwnContext(pollNoteLines(view).join('\n')),
  ];
  if (!view.closed) blocks.push(voteButtons(view), manageButtons(view));
  const state = view.closed ? 'Closed poll' : 'Poll';
  const tally = numbers === 'shown' ? ` ${plural(whole(view.voters), 'person', 'people')} voted.` : '';
  return { text: `${state}: ${escapeMrkdwn(view.question)}${tally}`, blocks };
}

function leaders(view: PollView): string {
  const counts = view.options.map((_, i) => whole(view.counts[i]));
  const top = Math.max(0, ...counts);
  if (top === 0) return '';
  const names = view.options.filter((_, i) => counts[i] === top).map((o) => `*${escapeMrkdwn(o)}*`);
  if (names.length === 1) return `Most chosen: ${names[0]}`;
  return `Tied for most chosen: ${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * The reply posted in the poll's thread when it closes: every option's final count and percentage,
 * how many voted and the most chosen option, unless an anonymous poll had fewer than `minAnonymous`
 * voters, in which case no number is given.
 */
export function buildPollResultsReply(view: PollView): MessageContent {
  const final: PollView = { ...view, closed: true };
  const voters = whole(final.voters);
  const question = escapeMrkdwn(final.question);
  const numbers = pollNumbers(final);
  const paragraphs: string[] = [`*Final results:* ${question}`];
  let text: string;
  if (numbers !== 'shown') {
    const line = summaryLine(final);
    paragraphs.push(line);
    text = `Final results: ${question}. ${line}`;
  } else if (voters === 0) {
    paragraphs.push('Nobody voted.');
    text = `Final results: ${question}. Nobody voted.`;
  } else {
    const percentages = optionPercentages(
      final.options.map((_, i) => final.counts[i] ?? 0),
      final.voters,
      final.multiple,
    );
    const lines = final.options.map((option, i) => {
      const count = whole(final.counts[i]);
      return `${emojiFor(final, i)} *${escapeMrkdwn(option)}*: ${plural(count, 'vote', 'votes')} (${percentages[i] ?? 0}%)`;
    });
    paragraphs.push(
      lines.join('\n'),
      `${plural(voters, 'person', 'people')} voted. ${leaders(final)}`.trim(),
    );
    const plain = final.options.map(
      (option, i) => `${escapeMrkdwn(option)} ${whole(final.counts[i])} (${percentages[i] ?? 0}%)`,
    );
    text = `Final results: ${question}: ${plain.join(', ')}. ${plural(voters, 'person', 'people')} voted.`;
  }
  const blocks: KnownBlock[] = [...mrkdwnSections(paragraphs)];
  if (final.anonymous) {
    blocks.push(
      mrkdwnContext(
        'This poll was anonymous: the record of who voted is deleted at close; only these totals stay.',
      ),
    );
  }
  return { text, blocks };
}
