import type { KnownBlock } from '@slack/types';
import type { SmallNumbersRule } from '../../privacy/small-numbers.js';
import type { MessageContent } from '../../slack/blocks/messages.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { eventActions } from '../../slack/ids.js';
import type { Answer, EventCounts, StoredEvent } from '../model.js';
import { countsLine, whenLine } from './event-message.js';

/** One event in a list: the event, its counts as drawn, where it was posted and the reader's answer. */
export interface EventListItem {
  event: StoredEvent;
  counts: EventCounts;
  channels: string[];
  answer?: Answer;
}

/** What the reader answered, as lists tell them. */
export const yourAnswer: Record<Answer, string> = {
  going: 'You’re going',
  maybe: 'You answered Maybe',
  cant: 'You answered Can’t go',
  waitlist: 'You’re on the waitlist',
};

/** The most events a list shows (each is two blocks; Slack takes 50). */
export const listedEvents = 15;

/** One event's line: title, when, where it was posted, its counts, and what the reader answered. */
export function eventListLine(item: EventListItem, rule: SmallNumbersRule): string {
  const where =
    item.channels.length > 0
      ? ` in ${item.channels
          .slice(0, 3)
          .map((c) => `<#${c}>`)
          .join(', ')}`
      : '';
  const answer = item.answer ? `\n_${yourAnswer[item.answer]}._` : '';
  return `*${escapeMrkdwn(item.event.title)}*, ${whenLine(item.event)}${where}\n${countsLine(item.event, item.counts, rule)}${answer}`;
}

/** `/rally events`: each upcoming event with its answer buttons; only the reader sees it. */
export function buildEventList(items: readonly EventListItem[], rule: SmallNumbersRule): MessageContent {
  if (items.length === 0) {
    const text = 'No upcoming events in this channel, and none you answered.';
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: '*Upcoming events*, here and those you answered:' } },
  ];
  for (const item of items.slice(0, listedEvents)) {
    blocks.push(
      { type: 'section', text: { type: 'mrkdwn', text: eventListLine(item, rule) } },
      {
        type: 'actions',
        elements: (
          [
            ['Going', eventActions.going],
            ['Maybe', eventActions.maybe],
            ['Can’t go', eventActions.cant],
          ] as const
        ).map(([label, actionId]) => ({
          type: 'button' as const,
          action_id: actionId,
          text: { type: 'plain_text' as const, text: label },
          value: item.event.id,
        })),
      },
    );
  }
  if (items.length > listedEvents) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `…and ${items.length - listedEvents} more.` }],
    });
  }
  return { text: `Upcoming events: ${items.length}`, blocks };
}
