import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollVoteActionId } from '../src/slack/ids.js';
import { startPoll } from './support/polls.js';
import { type Harness, startHarness } from './support/rally.js';
import { CHANNELS } from './support/slack/index.js';
import { until } from './support/until.js';

/**
 * Redraws across the workspace keep to `RALLY_MAX_UPDATES_PER_MINUTE`, as Slack's Tier 3 asks of
 * `chat.update`: four busy polls, whose redraws all fall due at once, are redrawn in turns, with no 429,
 * and each ends showing its exact count.
 */

let h: Harness;
const perMinute = 60;

beforeAll(async () => {
  h = await startHarness({ env: { RALLY_MAX_UPDATES_PER_MINUTE: String(perMinute) } });
  h.standIn.enforceRateLimit('chat.update', { perMinute });
});
afterAll(async () => {
  await h?.stop();
});

describe('the workspace pace of redraws', () => {
  it('redraws four polls voted on at once in turns, gets no 429, and shows every count', async () => {
    const polls: { channel: string; id: string; ts: string }[] = [];
    for (const [i, channel] of [
      CHANNELS.general,
      CHANNELS.general,
      CHANNELS.organizing,
      CHANNELS.organizing,
    ].entries())
      polls.push({ channel, ...(await startPoll(h, `"Pace ${i}?" "Yes" "No"`, channel)) });
    const voters = Array.from({ length: 6 }, (_, i) => `U0PACE00${i}`);
    const startedAt = Date.now();
    await Promise.all(
      polls.flatMap((poll) =>
        voters.map((user) =>
          h.slack.action({ actionId: pollVoteActionId(0), user, channel: poll.channel, messageTs: poll.ts }),
        ),
      ),
    );
    const shown = (poll: { channel: string; ts: string }) =>
      JSON.stringify(h.standIn.messages(poll.channel).find((m) => m.ts === poll.ts)?.blocks ?? []);
    await until(
      'every poll to show its six votes',
      () => polls.every((p) => shown(p).includes('6 votes')),
      20_000,
    );

    const updates = h.standIn.calls('chat.update').filter((c) => c.at >= startedAt);
    expect(updates.map((c) => c.status)).not.toContain(429);
    // Each redraw took its own turn, a second apart (60 a minute). The calls reach the stand-in a little
    // after their turn, by how busy the machine is; without the pace they came 13 ms apart.
    const times = updates.map((c) => c.at).sort((a, b) => a - b);
    for (const [i, at] of times.entries()) if (i > 0) expect(at - (times[i - 1] ?? 0)).toBeGreaterThan(250);
    // And over the whole storm, no more than the pace allows (one more for a turn taken at the very start).
    expect(updates.length).toBeLessThanOrEqual(
      Math.floor(((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1_000) + 2,
    );
    expect(updates.length).toBeGreaterThanOrEqual(polls.length);
  });
});
