import { buildNotice, type MessageContent } from '../../slack/blocks/messages.js';
import { describeSlackFailure } from '../../slack/failure-reasons.js';
import type { RequestQueue } from '../model.js';

/** What the person asked for (after "Rally could not"), and what to look at before asking again. */
const requests: Record<RequestQueue, { what: string; check: string }> = {
  'campaign-post': {
    what: 'finish posting to the channels you chose',
    check: 'Some of them may have it already: look in them before posting again.',
  },
  'donation-schedule': {
    what: 'set the donation prompt schedule',
    check: 'The Home tab lists the schedules that are set: look there before asking again.',
  },
  'reminder-schedule': {
    what: 'set your reminder',
    check: '`/rally reminders` shows whether it was set: look there before asking again.',
  },
  'reminder-fire': {
    what: 'post your reminder at its time',
    check: '`/rally reminders` shows what is still set.',
  },
  'digest-schedule': {
    what: 'set the channel’s digest',
    check: 'The Home tab lists the schedules that are set: look there before asking again.',
  },
  forget: {
    what: 'finish forgetting what it holds about you',
    check: 'Some of it may be gone already. Ask again with `/rally forget me`.',
  },
  'home-holdings': {
    what: 'read what it holds about you',
    check: 'Close this and open it again in a moment.',
  },
  'poll-create': {
    what: 'create your poll',
    check: 'Look in the channel before asking again: it may have been posted.',
  },
  'poll-nudge': {
    what: 'finish reminding the people who have not voted',
    check: 'Some may have been reminded already.',
  },
  'letter-close': {
    what: 'close the letter',
    check: '`/rally letters` shows whether it is closed: look there before asking again.',
  },
  'letter-preview': {
    what: 'send you the letter’s preview',
    check: 'The letter is saved: `/rally letters` lists it.',
  },
  'article-preview': {
    what: 'send you the article’s preview',
    check: 'The article is saved: `/rally articles` lists it.',
  },
  'signatures-export': {
    what: 'send you the delivery package',
    check: 'Ask again with `/rally signatures`.',
  },
  'event-create': {
    what: 'create your event',
    check: '`/rally events` shows whether it was created: look there before asking again.',
  },
  'event-change': {
    what: 'finish changing the event',
    check: 'Some copies or people may have the change already: `/rally events` shows the event as it is.',
  },
  'event-cancel': {
    what: 'finish cancelling the event',
    check: '`/rally events` shows whether it is cancelled: look there before asking again.',
  },
};

/**
 * What a person hears when what they asked for failed for good: what could not be done, why in words
 * (Slack's refusal, or failures that outlasted every retry), and what to check, since part of it may have
 * been done before it failed.
 */
export function buildRequestFailedNotice(queue: RequestQueue, slackRefusal?: string): MessageContent {
  const { what, check } = requests[queue];
  const why = slackRefusal
    ? `Slack refused it. ${describeSlackFailure(slackRefusal)}`
    : 'It kept failing (Slack or Rally’s storage did not answer) and has stopped trying.';
  return buildNotice(`:warning: Rally could not ${what}. ${why} ${check}`);
}
