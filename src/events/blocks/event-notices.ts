import type { MessageContent } from '../../slack/blocks/messages.js';
import { buildNotice } from '../../slack/blocks/messages.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import type { Answer, NoticeKind, StoredEvent } from '../model.js';
import { placeLine, whenLine } from './event-message.js';

const held: Record<Answer, string> = {
  going: 'You answered Going.',
  maybe: 'You answered Maybe.',
  cant: 'You answered Can’t go.',
  waitlist: 'You are on the waitlist: the event is full for now.',
};

/** What changed, in words, for the thread notice and the private one. */
export type Change = 'title' | 'time' | 'place' | 'description';

/**
 * A private notice to one person who asked for reminders (or, in a named event, who moved up from the
 * waitlist): the reminder, the change, the cancellation or the promotion, with the event's time, the place
 * when they may see it, and what Rally holds for them.
 */
export function buildEventNotice(
  event: StoredEvent,
  notice: NoticeKind,
  answer: Answer | undefined,
  changed: readonly Change[] = [],
): MessageContent {
  const title = `*${escapeMrkdwn(event.title)}*`;
  const when = whenLine(event);
  const place = placeLine(event, answer === 'going');
  const where = place ? `\n*Where:* ${place}` : '';
  const yours = answer ? `\n${held[answer]}` : '';
  switch (notice) {
    case 'day-before':
      return buildNotice(`:alarm_clock: Tomorrow: ${title}, ${when}.${where}${yours}`);
    case 'hour-before':
      return buildNotice(`:alarm_clock: In an hour: ${title}, ${when}.${where}${yours}`);
    case 'changed': {
      const what = changed.length > 0 ? ` (${changed.join(', ')} changed)` : '';
      return buildNotice(`:pencil2: ${title} changed${what}. Now: ${when}.${where}${yours}`);
    }
    case 'cancelled':
      return buildNotice(`:no_entry: ${title}, ${when}, is cancelled.`);
    case 'promoted':
      return buildNotice(`:tada: A place freed up: you’re going to ${title}, ${when}.${where}`);
  }
}

/** The notice in a copy's thread when the event changed: what changed, never a place kept for people going. */
export function buildChangeThreadNotice(event: StoredEvent, changed: readonly Change[]): MessageContent {
  const lines = [`:pencil2: *This event changed.*`];
  if (changed.includes('title')) lines.push(`It is now called ${`*${escapeMrkdwn(event.title)}*`}.`);
  if (changed.includes('time')) lines.push(`*When:* ${whenLine(event)}`);
  if (changed.includes('place')) {
    lines.push(
      event.placeFor === 'going'
        ? '*Where:* changed; shown to people who are going.'
        : `*Where:* ${placeLine(event) ?? 'no place given any more'}`,
    );
  }
  if (changed.includes('description')) lines.push('The description changed: see the event above.');
  lines.push('People who asked for reminders are told privately.');
  return buildNotice(lines.join('\n'));
}

export const cancelThreadNotice = (event: StoredEvent): MessageContent =>
  buildNotice(
    `:no_entry: *${escapeMrkdwn(event.title)} is cancelled.* People who asked for reminders are told privately.`,
  );
