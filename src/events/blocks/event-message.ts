import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import { reachesThreshold, type SmallNumbersRule } from '../../privacy/small-numbers.js';
import type { MessageContent } from '../../slack/blocks/messages.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { slackDate, slackTime } from '../../slack/blocks/slack-date.js';
import { header, mrkdwnContext, mrkdwnSections, truncate } from '../../slack/blocks/text-blocks.js';
import { eventActions } from '../../slack/ids.js';
import { paragraphsOf } from '../../text/paragraphs.js';
import { describeInstant } from '../../time/instant-words.js';
import { answered, type EventCounts, type StoredEvent } from '../model.js';

/** The sentences on an event that say who can see what. */
export const eventNotes = {
  named:
    'Named: Rally keeps who answered what, and anyone can ask for the list of who is going (*Who’s going*), which Rally posts in the thread.',
  counts: (min: number) =>
    `Counts only: nobody, organizers included, sees who answered; counts show once at least ${min} people answered, and change on a clock, never right after one person’s click. While the event is open, whoever runs Rally could check how a given person answered (that is how Rally stops double answers); when it is over the key that makes this possible is erased.`,
} as const;

const number = (n: number): string => n.toLocaleString('en-US');
const plural = (n: number, one: string, many: string): string => `${number(n)} ${n === 1 ? one : many}`;

/** How an instant reads in the event's zone, for clients that cannot format dates. */
const fallbackIn = (ms: number, zone: string): string => describeInstant(new Date(ms), zone);

/**
 * When, with Slack's date formatting (each reader sees their own zone): the start, and the end when given
 * (its time alone when it is within twelve hours).
 */
export function whenLine(event: Pick<StoredEvent, 'startsAt' | 'endsAt' | 'endGiven' | 'zone'>): string {
  const start = slackDate(event.startsAt, fallbackIn(event.startsAt, event.zone));
  if (!event.endGiven) return start;
  const end = fallbackIn(event.endsAt, event.zone);
  const sameDay = event.endsAt - event.startsAt < 12 * 3_600_000;
  return `${start} to ${sameDay ? slackTime(event.endsAt, end) : slackDate(event.endsAt, end)}`;
}

/** Where, as everyone reading the event sees it: the place, or that only people going see it. */
export function placeLine(
  event: Pick<StoredEvent, 'place' | 'placeFor'>,
  showHidden = false,
): string | undefined {
  if (!event.place) return undefined;
  if (event.placeFor === 'going' && !showHidden) return '_shown to people who are going_';
  return escapeMrkdwn(event.place);
}

/** Whether an event's counts may be shown: always for a named event, from the threshold for a counts-only one. */
export function countsShown(event: Pick<StoredEvent, 'mode'>, counts: EventCounts, rule: SmallNumbersRule) {
  return event.mode === 'named' || answered(counts) === 0 || reachesThreshold(answered(counts), rule);
}

/**
 * The counts as everyone may read them: "12 going · 3 maybe · 2 can't go", with the places left or the
 * waitlist when there is a capacity. A counts-only event below the small-numbers threshold shows no number.
 */
export function countsLine(
  event: Pick<StoredEvent, 'mode' | 'capacity' | 'status'>,
  counts: EventCounts,
  rule: SmallNumbersRule,
): string {
  const closed = event.status !== 'open';
  if (!countsShown(event, counts, rule)) {
    return closed
      ? `Fewer than ${number(rule.minAnonymous)} people answered, so no counts are shown: numbers that small could show who answered what.`
      : `Counts show once at least ${number(rule.minAnonymous)} people have answered.`;
  }
  if (answered(counts) === 0) return closed ? 'Nobody answered.' : 'No answers yet.';
  const parts = [
    `*${number(counts.going)} going*`,
    `${number(counts.maybe)} maybe`,
    `${number(counts.cant)} can’t go`,
  ];
  if (event.capacity) {
    if (counts.going >= event.capacity) {
      parts.push(
        counts.waitlist > 0 ? `full, ${plural(counts.waitlist, 'person', 'people')} on the waitlist` : 'full',
      );
    } else if (!closed) {
      parts.push(`${plural(event.capacity - counts.going, 'place', 'places')} left`);
    }
  }
  return parts.join(' · ');
}

const button = (text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button => ({
  type: 'button',
  action_id: actionId,
  text: { type: 'plain_text', text, emoji: true },
  value,
  ...(style ? { style } : {}),
});

function answerButtons(event: StoredEvent): ActionsBlock {
  const elements: Button[] = [
    button('Going', eventActions.going, event.id, 'primary'),
    button('Maybe', eventActions.maybe, event.id),
    button('Can’t go', eventActions.cant, event.id),
    button('Add to calendar', eventActions.calendar, event.id),
  ];
  if (event.mode === 'named') elements.push(button('Who’s going', eventActions.attendees, event.id));
  return { type: 'actions', block_id: 'event_answer', elements };
}

function manageButtons(event: StoredEvent): ActionsBlock {
  const cancel = button('Cancel event', eventActions.cancel, event.id, 'danger');
  cancel.confirm = {
    title: { type: 'plain_text', text: 'Cancel this event?' },
    text: {
      type: 'plain_text',
      text: 'Answers stop, every copy says it is cancelled, and people who asked for reminders are told privately.',
    },
    confirm: { type: 'plain_text', text: 'Cancel the event' },
    deny: { type: 'plain_text', text: 'Keep it' },
    style: 'danger',
  };
  return {
    type: 'actions',
    block_id: 'event_manage',
    elements: [button('Edit', eventActions.edit, event.id), cancel],
  };
}

/**
 * The event as a channel message: its title, when (in each reader's zone), where (unless only people
 * going see it), the description, the counts (within the small-numbers rule for a counts-only event), who
 * can see what, and while it is open the answer buttons, **Add to calendar** and (named) **Who's going**,
 * then the organizers' **Edit** and **Cancel event**. A cancelled event says so; one that is over says it
 * took place, with its final count. Button values carry the event ID, never a person.
 */
export function buildEventMessage(
  event: StoredEvent,
  counts: EventCounts,
  rule: SmallNumbersRule,
): MessageContent {
  const lines = [`*When:* ${whenLine(event)}`];
  const where = placeLine(event);
  if (where) lines.push(`*Where:* ${where}`);
  if (event.capacity) lines.push(`*Places:* ${number(event.capacity)}`);
  const blocks: KnownBlock[] = [header(event.title)];
  if (event.status === 'cancelled') {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `:no_entry: *Cancelled.* ${lines[0]}` } });
    return { text: `Cancelled: ${escapeMrkdwn(event.title)}`, blocks };
  }
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } });
  if (event.description) {
    blocks.push(...mrkdwnSections(paragraphsOf(event.description).map(escapeMrkdwn)).slice(0, 3));
  }
  const tally = countsLine(event, counts, rule);
  const over = event.status === 'ended';
  blocks.push({
    type: 'section',
    block_id: 'event_counts',
    text: { type: 'mrkdwn', text: over ? `:checkered_flag: *It took place.* Final count: ${tally}` : tally },
  });
  blocks.push(
    mrkdwnContext(event.mode === 'named' ? eventNotes.named : eventNotes.counts(rule.minAnonymous)),
  );
  if (!over) blocks.push(answerButtons(event), manageButtons(event));
  const state = over ? 'Took place' : 'Event';
  return { text: `${state}: ${escapeMrkdwn(truncate(event.title, 150))}`, blocks };
}
