/**
 * Escapes text for Slack mrkdwn: `&`, `<` and `>` are control characters there, so user text that
 * contains them would otherwise turn into links or mentions.
 * https://docs.slack.dev/messaging/formatting-message-text#escaping
 *
 * Apply it once, to plain text, where the text enters mrkdwn. Everything Rally holds is plain text: form
 * inputs arrive so, and command text, which Slack sends already escaped, is decoded once when it is read
 * (`commands/slack-text.ts`).
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
