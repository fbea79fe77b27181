import type { HomeView } from '@slack/types';
import { buildSubcommandBlocks } from '../../commands/blocks/help.js';
import type { Subcommand } from '../../commands/catalog.js';

/** The App Home tab: what Rally is for, how it treats people's data, and every command. */
export function buildHomeView(subcommands: readonly Subcommand[]): HomeView {
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'Rally' } },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: 'Rally helps coworkers organize inside Slack: share the article, sign the open letter, vote in polls, give to vetted nonprofits, and keep each other on time with reminders and digests.',
        },
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: ':lock: Anonymous signatures, votes and pledges are stored only as a code tied to one letter, poll or prompt, never your Slack ID, and the key behind that code is erased when it closes. Rally never reads your messages. Read more with `/rally privacy`.',
          },
        ],
      },
      { type: 'divider' },
      ...buildSubcommandBlocks(subcommands),
    ],
  };
}
