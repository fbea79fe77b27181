import type { KnownBlock } from '@slack/types';
import { signatureLine } from '../../letters/blocks/letter-message.js';
import type { SignatureTally } from '../../letters/model.js';
import { optionPercentages, pollNumbers } from '../../polls/blocks/poll-message.js';
import type { PollView } from '../../polls/model.js';
import { discloseIncrease, type SmallNumbersRule } from '../../privacy/small-numbers.js';
import type { MessageContent } from '../../slack/blocks/messages.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { truncate } from '../../slack/blocks/text-blocks.js';

/** One poll as the digest reports it; `result` is already within the poll's anonymity rules. */
export interface DigestPoll {
  question: string;
  state: 'opened' | 'closed' | 'open';
  result: string;
  link?: string;
}

export interface DigestDonation {
  link?: string;
  /** Already within the anonymity threshold, e.g. "6 coworkers say they gave, 14 link clicks". */
  summary: string;
}

/** A letter as the digest reports it: its count now and at the last digest. */
export interface DigestLetter {
  title: string;
  now: SignatureTally;
  previous?: SignatureTally;
  rule: SmallNumbersRule;
  /** Signing closed since the last digest. */
  closed: boolean;
  link?: string;
}

/** An upcoming event as the digest reports it; `counts` is already within the small-numbers rule. */
export interface DigestEvent {
  title: string;
  /** When it starts, as Slack date formatting. */
  when: string;
  counts: string;
  link?: string;
}

/** Everything a digest may say, gathered from Rally's own records only. */
export interface DigestData {
  channel: string;
  /** "since Tue 1 Dec, 09:00" or absent for a first digest. */
  since?: string;
  /** The letters with a copy in this channel, open or closed since the last digest. */
  letters: DigestLetter[];
  polls: DigestPoll[];
  donations: DigestDonation[];
  /** Events with a copy in this channel, still ahead (none when absent). */
  events?: DigestEvent[];
  upcoming: { what: string; when: string }[];
}

const linked = (text: string, link?: string) => (link ? `<${link}|${text}>` : text);
const total = (t: SignatureTally) => t.named + t.anonymous + t.waiting;
const readingOf = (t: SignatureTally) => ({ total: total(t), anonymous: t.anonymous + t.waiting });

/**
 * Whether the digest has anything new since the last one. Signatures are news only when the letter's line
 * changed: a change it hides (fewer than the threshold signed without names) would otherwise be told by
 * the digest being posted at all, or saying more than "nothing new".
 */
export function digestHasNews(data: DigestData): boolean {
  const none = { named: 0, anonymous: 0, waiting: 0 };
  const newSignatures = data.letters.some(
    (l) => l.closed || signatureLine(l.now, l.rule) !== signatureLine(l.previous ?? none, l.rule),
  );
  return (
    newSignatures ||
    data.polls.some((p) => p.state !== 'open') ||
    data.donations.length > 0 ||
    (data.events ?? []).length > 0 ||
    data.upcoming.length > 0
  );
}

/**
 * A channel's digest: one message, inside Block Kit limits whatever the activity (at most 10 polls,
 * 5 donation prompts, 10 events and 10 coming items are listed, the rest counted). Built only from what Rally
 * holds: it never reads coworkers' messages.
 */
export function buildDigest(data: DigestData): MessageContent {
  const title = `Rally digest for <#${data.channel}>${data.since ? `, ${escapeMrkdwn(data.since)}` : ''}`;
  if (!digestHasNews(data)) {
    const text = `${title}: nothing new.`;
    return { text, blocks: [{ type: 'context', elements: [{ type: 'mrkdwn', text }] }] };
  }
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: `*${title}*` } }];
  const section = (text: string) =>
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(text, 2_900) } });
  const more = (shown: number, all: number, what: string) =>
    all > shown ? `\n_…and ${all - shown} more ${what}._` : '';
  const letterLines = data.letters.slice(0, 10).map(({ title, now, previous, rule, closed, link }) => {
    // Only when neither reading hides its unnamed part: else the difference would give that part away.
    const added = previous ? discloseIncrease(readingOf(previous), readingOf(now), rule) : undefined;
    const since = added ? ` (${added} new since the last digest)` : '';
    const name = linked(escapeMrkdwn(truncate(title, 150)), link);
    return `• ${name}: ${closed ? 'signing closed. Final count: ' : ''}${signatureLine(now, rule)}${since}`;
  });
  if (letterLines.length > 0) {
    section(`:memo: *Open letters*\n${letterLines.join('\n')}${more(10, data.letters.length, 'letters')}`);
  }
  if (data.polls.length > 0) {
    const lines = data.polls.slice(0, 10).map((p) => {
      const state = p.state === 'closed' ? 'closed' : p.state === 'opened' ? 'new' : 'open';
      return `• ${linked(escapeMrkdwn(truncate(p.question, 150)), p.link)} (${state}): ${p.result}`;
    });
    section(`:bar_chart: *Polls*\n${lines.join('\n')}${more(10, data.polls.length, 'polls')}`);
  }
  if (data.donations.length > 0) {
    const lines = data.donations
      .slice(0, 5)
      .map((d) => `• ${linked('Donation prompt', d.link)}: ${d.summary}`);
    section(`:heart: *Giving*\n${lines.join('\n')}${more(5, data.donations.length, 'prompts')}`);
  }
  const events = data.events ?? [];
  if (events.length > 0) {
    const lines = events
      .slice(0, 10)
      .map((e) => `• ${linked(escapeMrkdwn(truncate(e.title, 150)), e.link)}, ${e.when}: ${e.counts}`);
    section(`:raised_hand: *Events*\n${lines.join('\n')}${more(10, events.length, 'events')}`);
  }
  if (data.upcoming.length > 0) {
    const lines = data.upcoming
      .slice(0, 10)
      .map((u) => `• ${escapeMrkdwn(truncate(u.what, 200))}: ${u.when}`);
    section(`:calendar: *Coming up*\n${lines.join('\n')}${more(10, data.upcoming.length, 'items')}`);
  }
  blocks.push({
    type: 'context',
    elements: [
      { type: 'mrkdwn', text: 'Built from Rally’s own records. Rally never reads this channel’s messages.' },
    ],
  });
  return { text: `${title.replace(/<#(\w+)>/, '#$1')}`, blocks };
}

/**
 * A poll's result as the digest states it, within the poll's rules: nothing numeric for a hidden poll
 * before it closes or an anonymous one under its threshold.
 */
export function digestPollResult(view: PollView): string {
  const numbers = pollNumbers(view);
  if (numbers === 'hidden') return 'results hidden until it closes';
  if (numbers === 'too-few') return `results shown from ${view.minAnonymous} voters`;
  if (view.voters === 0) return 'no votes yet';
  const percentages = optionPercentages(view.counts, view.voters, view.multiple);
  const options = view.options
    .map((o, i) => `${escapeMrkdwn(truncate(o, 40))} ${percentages[i] ?? 0}%`)
    .join(' · ');
  return `${options} (${view.voters} ${view.voters === 1 ? 'voter' : 'voters'})`;
}
