import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxChannelsPerCommand } from '../../src/posting/post-command.js';
import { pollActions, pollVoteActionId } from '../../src/slack/ids.js';
import { type Harness, startHarness } from '../support/rally.js';
import { startRedis, type TestRedis } from '../support/redis-server.js';
import {
  BOT_USER_ID,
  createWorkspace,
  dmChannelId,
  publicChannel,
  type SlackChannel,
  SlackStandIn,
  USERS,
} from '../support/slack/index.js';
import type { RallyChild } from '../support/spawn-rally.js';
import { chaos } from './settings.js';
import {
  addChannels,
  addPeople,
  botMessagesByChannel,
  crashLines,
  mention,
  responseUrlId,
  startWorker,
  stopChild,
  textOf,
  until,
} from './support.js';

/**
 * The only worker is killed with SIGKILL in the middle of a 200-channel post and of a 500-person nudge,
 * then a new worker starts. Every channel and every person gets at most one message (a job killed between
 * sending a post and hearing back is reported, not posted again: `ifUnsure: 'give-up'`), every target Rally
 * says it reached has exactly one, and each requester gets exactly one summary.
 *
 * Web (this process) and worker (a child process) share one Redis and the Slack stand-in. BullMQ hands the
 * killed worker's jobs to the new one once their locks expire: about 30 s (its `lockDuration`), which is
 * most of this test's time. The stand-in enforces no rate limit unless asked; Rally paces itself at
 * RALLY_MAX_POSTS_PER_SECOND (see settings.ts).
 */

let redis: TestRedis;
let standIn: SlackStandIn;
let web: Harness;
const workers: RallyChild[] = [];

let postChannels: SlackChannel[];
let people: string[];
let bigChannel: SlackChannel;

const workerEnv = { RALLY_MAX_POSTS_PER_SECOND: String(chaos.postsPerSecond) };

beforeAll(async () => {
  redis = await startRedis({ private: true });
  const workspace = createWorkspace();
  people = addPeople(workspace, chaos.nudgePeople);
  postChannels = addChannels(workspace, chaos.postChannels);
  bigChannel = publicChannel('C0BIGCHAN1', 'everyone', [USERS.alice, ...people, BOT_USER_ID]);
  workspace.channels.push(bigChannel);
  standIn = await SlackStandIn.start({ workspace, signingSecret: 'test-signing-secret-0123456789' });
  // Rally's default namespace, so that worker processes (configured by environment only) share it.
  web = await startHarness({ redis, standIn, role: 'web', namespace: 'rally', env: workerEnv });
  workers.push(await startWorker(standIn, redis.url, workerEnv));
}, 60_000);

afterAll(async () => {
  for (const worker of workers) await stopChild(worker);
  await web?.stop();
  await standIn?.close();
  await redis?.stop();
}, 60_000);

/** Creates a public poll in the big channel and has the first `voters` people vote. */
async function pollWithVotes(voters: string[]): Promise<{ ts: string }> {
  await web.slack.command('poll "Walk out on Friday?" "Yes" "No"', {
    user: USERS.alice,
    channel: bigChannel.id,
  });
  const posted = await standIn.waitForCall(
    'chat.postMessage',
    (c) => c.args.channel === bigChannel.id && c.status === 200,
    20_000,
  );
  const ts = String(standIn.messages(bigChannel.id).find((m) => m.text === posted.args.text)?.ts);
  await until('the poll to be stored', () => web.rally.ctx.polls.findByMessage(bigChannel.id, ts), 10_000);
  for (const [i, voter] of voters.entries()) {
    const res = await web.slack.action({
      actionId: pollVoteActionId(i % 2),
      user: voter,
      channel: bigChannel.id,
      messageTs: ts,
    });
    expect(res.status).toBe(200);
  }
  return { ts };
}

describe('a worker killed with SIGKILL in the middle of a big post and a big nudge', () => {
  it('after a restart, every channel and person has at most one message, and each requester one summary', async () => {
    const voters = people.slice(0, 20);
    const poll = await pollWithVotes(voters);
    const postsBefore = botMessagesByChannel(standIn);

    // The nudge first, since its job lists the channel's members before it sends anything: Alice presses
    // "Remind people who haven't voted" on her poll.
    const press = await web.slack.action({
      actionId: pollActions.nudge,
      user: USERS.alice,
      channel: bigChannel.id,
      messageTs: poll.ts,
    });
    expect(press.status).toBe(200);

    const nonVoters = [USERS.alice, ...people.filter((p) => !voters.includes(p))];
    const postedIn = (ids: string[]) => {
      const now = botMessagesByChannel(standIn);
      return ids.filter((id) => (now.get(id) ?? 0) > (postsBefore.get(id) ?? 0)).length;
    };
    const channelIds = postChannels.map((c) => c.id);
    const dmIds = nonVoters.map(dmChannelId);

    await until('the first reminders', () => postedIn(dmIds) > 0, 30_000, 5);

    // Then the post: two commands of at most 100 channels, from Alice in #organizing.
    const commands = [];
    for (let from = 0; from < postChannels.length; from += maxChannelsPerCommand) {
      const some = postChannels.slice(from, from + maxChannelsPerCommand);
      const res = await web.slack.command(`post letter ${some.map(mention).join(' ')}`, {
        user: USERS.alice,
      });
      expect(res.status).toBe(200);
      expect((res.json as { text: string }).text).toContain('Posting the letter');
      commands.push({ channels: some, responseUrl: String(res.sent.response_url) });
    }
    // Kill the worker once a tenth of the channels have the letter, the reminders still going out.
    const killedAt = await until(
      'the post and the nudge to be under way',
      () => {
        const posts = postedIn(channelIds);
        const dms = postedIn(dmIds);
        return posts >= channelIds.length / 10 ? { posts, dms } : undefined;
      },
      60_000,
      5,
    );
    const [first] = workers;
    first?.child.kill('SIGKILL');
    expect(await first?.exited).toBe('SIGKILL');
    const atKill = { posts: postedIn(channelIds), dms: postedIn(dmIds) };
    expect(atKill.posts, 'the post was not finished when the worker died').toBeLessThan(channelIds.length);
    expect(atKill.dms, 'the nudge was not finished when the worker died').toBeLessThan(dmIds.length);
    expect(killedAt.posts).toBeGreaterThan(0);

    workers.push(await startWorker(standIn, redis.url, workerEnv));
    // Each requester hears once: a summary per post command, an answer to the nudge.
    const answered = (url: string) =>
      standIn.responses().filter((r) => r.id === responseUrlId(url) && r.status === 200);
    const allUrls = [...commands.map((c) => c.responseUrl), String(press.sent.response_url)];
    await until('every summary', () => allUrls.every((url) => answered(url).length > 0), 120_000, 200);
    const landed = botMessagesByChannel(standIn);
    // The post: at most one letter per channel; every channel the summary calls posted has exactly one.
    const unconfirmed: string[] = [];
    for (const { channels, responseUrl } of commands) {
      const summaries = answered(responseUrl);
      expect(summaries).toHaveLength(1);
      const text = textOf(summaries[0]);
      for (const c of channels) {
        const count = (landed.get(c.id) ?? 0) - (postsBefore.get(c.id) ?? 0);
        expect(count, `letters in ${c.name}`).toBeLessThanOrEqual(1);
        const line = text.split('\n').find((l) => l.includes(`<#${c.id}>`));
        if (line?.includes('posted (')) expect(count, `letters in ${c.name}`).toBe(1);
        else {
          // The worker died between sending this post and hearing back: Rally says so and does not repeat it.
          expect(line).toContain('Slack did not confirm the post');
          unconfirmed.push(c.id);
        }
      }
    }
    // Only the jobs running at the moment of the kill can have been in that gap.
    expect(unconfirmed.length).toBeLessThanOrEqual(10);

    // The nudge: at most one reminder per person; nobody who voted; the count Rally gives is the truth.
    for (const voter of voters) expect(landed.get(dmChannelId(voter)) ?? 0).toBe(0);
    const reminded = dmIds.filter((id) => (landed.get(id) ?? 0) > 0);
    for (const id of dmIds) expect(landed.get(id) ?? 0, `reminders in ${id}`).toBeLessThanOrEqual(1);
    const nudgeAnswers = answered(String(press.sent.response_url));
    expect(nudgeAnswers).toHaveLength(1);
    const said = /I privately reminded (\d+) people/.exec(textOf(nudgeAnswers[0]));
    const told = Number(said?.[1]);
    expect(told).toBeLessThanOrEqual(reminded.length);
    expect(reminded.length - told, 'reminders whose answer the kill cut off').toBeLessThanOrEqual(10);
    expect(reminded.length).toBeGreaterThanOrEqual(dmIds.length - 10);

    // Nothing went to Alice's direct messages instead (no summary fell back to a DM twice).
    const aliceDms = standIn.messages(dmChannelId(USERS.alice)).map((m) => m.text);
    expect(aliceDms.filter((t) => t.startsWith('Posting the letter'))).toEqual([]);
    for (const worker of workers) expect(crashLines(worker.logs())).toEqual([]);
  }, 180_000);
});
