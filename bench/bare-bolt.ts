/**
 * The baseline for the ack benchmark: a Bolt app on the same HTTP receiver that only acknowledges
 * `/rally`, with no Redis and no routing. Prints its port as JSON once listening.
 */
import { App, LogLevel } from '@slack/bolt';

const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  logLevel: LogLevel.ERROR,
  convoStore: false,
});
app.command('/rally', async ({ ack }) => {
  await ack();
});
const server = await app.start(0);
const address = server.address();
process.stdout.write(
  `${JSON.stringify({ msg: 'rally started', port: typeof address === 'object' ? address?.port : 0 })}\n`,
);
process.on('SIGTERM', () => process.exit(0));
