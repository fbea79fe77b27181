import type { Button } from '@slack/types';
import { actionButton } from '../../slack/blocks/buttons.js';

/** **Close now**, with Slack's confirmation dialog: it cannot be undone. */
export function closeLetterButton(actionId: string, letterId: string): Button {
  return {
    ...actionButton(actionId, 'Close signing', letterId, 'danger'),
    confirm: {
      title: { type: 'plain_text', text: 'Close signing?' },
      text: {
        type: 'mrkdwn',
        text: 'Signing stops on every copy. Names waiting for a condition that is not met are erased, and nobody can link anyone to an anonymous signature any more. This cannot be undone.',
      },
      confirm: { type: 'plain_text', text: 'Close signing' },
      deny: { type: 'plain_text', text: 'Keep it open' },
    },
  };
}
