import { expect } from 'vitest';
import type { StoredPoll } from '../../src/polls/model.js';
import type { Harness } from './rally.js';
import { USERS } from './slack/index.js';
import { until } from './until.js';

/** A poll posted by command: its record, and the message that shows it. */
export interface PostedPoll {
  poll: StoredPoll;
  ts: string;
  channel: string;
}

/** Posts a poll with `/rally poll <text>` as `user` and returns it once its message and record are there. */
export async function createPollByCommand(
  h: Harness,
  text: string,
  channel: string,
  user: string,
): Promise<PostedPoll> {
  const before = h.standIn.calls('chat.postMessage').filter((c) => c.args.channel === channel).length;
  const res = await h.slack.command(`poll ${text}`, { user, channel });
  expect(res.status).toBe(200);
  await expect
    .poll(
      () =>
        h.standIn.calls('chat.postMessage').filter((c) => c.args.channel === channel && c.status === 200)
          .length,
    )
    .toBeGreaterThan(before);
  const ts = h.standIn.messages(channel).at(-1)?.ts ?? '';
  await expect.poll(() => h.rally.ctx.polls.findByMessage(channel, ts)).toBeTruthy();
  const pollId = (await h.rally.ctx.polls.findByMessage(channel, ts)) ?? '';
  return { poll: (await h.rally.ctx.polls.get(pollId)) as StoredPoll, ts, channel };
}

/**
 * Starts a poll with `/rally poll <text>` in `channel` as Alice; returns its ID and message once both are
 * there. It waits with `until`, so a hook (where `expect.poll` is not allowed) can call it too.
 */
export async function startPoll(
  h: Harness,
  text: string,
  channel: string,
): Promise<{ id: string; ts: string }> {
  const question = text.split('"')[1] ?? '';
  await h.slack.command(`poll ${text}`, { user: USERS.alice, channel });
  const ts = await until(
    `the poll "${question}" in ${channel}`,
    () => h.standIn.messages(channel).find((m) => String(m.text).includes(question))?.ts,
  );
  return {
    id: await until(`the record of the poll "${question}"`, () =>
      h.rally.ctx.polls.findByMessage(channel, ts),
    ),
    ts,
  };
}
