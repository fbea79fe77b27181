import { buildNotice, type MessageContent } from '../../slack/blocks/messages.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { describeSlackFailure } from '../../slack/failure-reasons.js';
import { truncate } from '../../text/cut.js';

/**
 * What the person who set a channel reminder hears when Slack refused it for good (the channel archived,
 * Rally removed from it...): which reminder, why, and that it was removed (a series: stopped).
 */
export function buildReminderRefusedNotice(
  reminder: { target: string; text: string },
  reason: string,
  series: boolean,
): MessageContent {
  const what = `"${truncate(escapeMrkdwn(reminder.text), 200)}"`;
  const gone = series ? 'The series is stopped' : 'It is removed';
  return buildNotice(
    `:warning: Your reminder ${what} could not be posted in <#${reminder.target}>: ${describeSlackFailure(reason)} ${gone}: set it again with \`/rally remind\` once that is fixed.`,
  );
}
