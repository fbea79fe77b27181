import { buildNotice, type MessageContent } from '../../slack/blocks/messages.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { describeSlackFailure } from '../../slack/failure-reasons.js';
import { truncate } from '../../text/cut.js';
import type { Reminder } from '../model.js';

/**
 * What the person who set a reminder hears when it could not go out at its time: Slack refused it for good
 * (`slackRefusal`: the channel archived, Rally removed from it...) or kept failing until Rally stopped
 * trying. Which reminder, why, and what became of it: a one-off is removed, a series stopped after a
 * refusal but kept after failures that may pass. A reminder to oneself is given in full, late.
 */
export function buildReminderNotPostedNotice(
  reminder: Pick<Reminder, 'creator' | 'target' | 'text'>,
  series: boolean,
  slackRefusal?: string,
): MessageContent {
  const text = truncate(escapeMrkdwn(reminder.text), 200);
  const why = slackRefusal
    ? describeSlackFailure(slackRefusal)
    : 'Slack or Rally’s storage kept failing at its time, and Rally has stopped trying.';
  if (reminder.target === reminder.creator)
    return buildNotice(
      `:alarm_clock: Your reminder could not be sent at its time (${why}) Here it is, late: ${text}`,
    );
  const next = slackRefusal
    ? series
      ? 'The series is stopped: set it again with `/rally remind` once that is fixed.'
      : 'It is removed: set it again with `/rally remind` once that is fixed.'
    : series
      ? 'The next times are still set.'
      : 'It is removed: set it again with `/rally remind` if it is still useful.';
  return buildNotice(
    `:warning: Your reminder "${text}" could not be posted in <#${reminder.target}>: ${why} ${next}`,
  );
}
