/**
 * Escapes text for Slack mrkdwn: `&`, `<` and `>` are control characters there, so user text that
 * contains them would otherwise turn into links or mentions.
 * https://docs.slack.dev/messaging/formatting-message-text#escaping
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
