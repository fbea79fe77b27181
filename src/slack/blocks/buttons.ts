import type { Button } from '@slack/types';

/**
 * A button whose value names what it acts on (a letter's or an article's ID), never who pressed it: Slack
 * sends the presser with the click.
 */
export function actionButton(
  actionId: string,
  text: string,
  value: string,
  style?: 'primary' | 'danger',
): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text },
    value,
    ...(style ? { style } : {}),
  };
}
