import type { Button, KnownBlock } from '@slack/types';
import type { MessageContent } from '../../slack/blocks/messages.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { eventActions } from '../../slack/ids.js';
import type { Answer, StoredEvent } from '../model.js';
import { placeLine, whenLine } from './event-message.js';

/** The line that says why a counts-only event's reminders are off unless asked for. */
export const countsOnlyReminderNote =
  'Reminders are off for this counts-only event: a reminder is a direct message from Rally, and the workspace owner can export direct messages, so it would show that you answered.';

/** Calendar links for one person: Google Calendar, and the `.ics` file when Rally has a public address. */
export interface CalendarLinks {
  google: string;
  file?: string | undefined;
}

export function calendarLine(links: CalendarLinks): string {
  const file = links.file ? ` · <${links.file}|Calendar file (.ics)> for Apple, Outlook and others` : '';
  return `:calendar: <${links.google}|Add to Google Calendar>${file}`;
}

const what: Record<Answer, string> = {
  going: 'You’re going to',
  maybe: 'You answered Maybe for',
  cant: 'You answered Can’t go for',
  waitlist: 'It is full: you’re on the waitlist for',
};

function reminderLine(event: StoredEvent, answer: Answer | undefined, on: boolean): string | undefined {
  if (answer === undefined || answer === 'cant') return undefined;
  if (event.mode === 'named') {
    return on
      ? 'I’ll remind you privately a day and an hour before it starts.'
      : 'No reminders: you turned them off.';
  }
  return on
    ? 'I’ll remind you by direct message a day and an hour before it starts (the workspace owner can export direct messages). Your answer itself stays counts only.'
    : countsOnlyReminderNote;
}

function reminderButton(event: StoredEvent, on: boolean): Button {
  const label = on ? 'Stop reminders' : event.mode === 'named' ? 'Remind me' : 'Remind me anyway';
  return {
    type: 'button',
    action_id: eventActions.reminders,
    text: { type: 'plain_text', text: label },
    value: `${event.id}:${on ? 'off' : 'on'}`,
  };
}

/**
 * The private answer to a press: what Rally now holds for the person (nothing after they took their answer
 * back), the place when it is kept for people going and they are, calendar links, and their reminders
 * with a switch. A counts-only event's reminders are off until asked for, with the one line saying why.
 */
export function buildAnswerConfirmation(
  event: StoredEvent,
  answer: Answer | undefined,
  reminders: boolean,
  links: CalendarLinks | undefined,
): MessageContent {
  const title = `*${escapeMrkdwn(event.title)}*`;
  const lines: string[] = [];
  if (answer === undefined) {
    lines.push(`Your answer to ${title} is taken back: Rally holds none for you now.`);
  } else {
    lines.push(`${what[answer]} ${title}, ${whenLine(event)}.`);
    const place = answer === 'going' ? placeLine(event, true) : undefined;
    if (place && event.placeFor === 'going') lines.push(`*Where* (shown to people who are going): ${place}`);
    if (answer === 'waitlist') {
      lines.push(
        event.mode === 'named'
          ? 'If a place frees up you move up in order, and I’ll tell you privately.'
          : 'If a place frees up you move up in order. In a counts-only event nobody is messaged about it; if you asked for reminders, they say where you stand.',
      );
    }
    if (answer === 'going' && links) lines.push(calendarLine(links));
    lines.push('_Press the same answer again to take it back._');
  }
  const reminder = reminderLine(event, answer, reminders);
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } }];
  if (reminder) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: reminder },
      accessory: reminderButton(event, reminders),
    });
  }
  const text = [...lines, ...(reminder ? [reminder] : [])].join('\n');
  return { text, blocks };
}

/** Told when a press cannot count: the event is over, cancelled, or unknown. */
export function buildAnswerRefusal(reason: 'closed' | 'unknown-event'): MessageContent {
  const text =
    reason === 'closed'
      ? 'This event no longer takes answers: it was cancelled or is over.'
      : 'Rally does not know this event any more.';
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
