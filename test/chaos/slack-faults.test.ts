import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeSlackFailure } from '../../src/slack/failure-reasons.js';
import { type Harness, startHarness } from '../support/rally.js';
import {
  type ApiCall,
  type ApiFault,
  CHANNELS,
  createWorkspace,
  dmChannelId,
  type SlackChannel,
  SlackStandIn,
  USERS,
} from '../support/slack/index.js';
import { chaos } from './settings.js';
import { addChannels, crashLines, mention, responseUrlId, textOf, until } from './support.js';

/**
 * For RALLY_CHAOS_SLACK_FAULT_SECONDS (settings.ts), the Web API answers every call with a fault in turn:
 * a 500, a timeout (no answer until Rally gives up after RALLY_SLACK_TIMEOUT_MS), a lost response (the call
 * takes effect, its answer never arrives), a 429, and now and then a normal answer, while Rally posts the
 * article to several channels, fires reminders and posts a digest. Then Slack recovers.
 * - Jobs back off: a 429 is waited out, a 500 is not retried at once.
 * - Nothing is posted twice beyond the bound of its kind: a campaign post never (`give-up`); a reminder,
 *   a digest or a thread reply at most once more per lost answer (`retry`).
 * - Everything lands once the faults stop, except campaign posts whose answer was lost: the summary tells
 *   the organizer that Slack did not confirm them.
 */

let h: Harness;
let channels: SlackChannel[];

beforeAll(async () => {
  const workspace = createWorkspace();
  channels = [
    ...workspace.channels.filter((c) =>
      [CHANNELS.general, CHANNELS.random, CHANNELS.coreTeam].includes(c.id as never),
    ),
    ...addChannels(workspace, 5),
  ];
  const standIn = await SlackStandIn.start({ workspace, signingSecret: 'test-signing-secret-0123456789' });
  h = await startHarness({
    standIn,
    env: {
      RALLY_SLACK_TIMEOUT_MS: String(chaos.slackTimeoutMs),
      RALLY_MAX_POSTS_PER_SECOND: '50',
      RALLY_ORGANIZERS: USERS.alice,
    },
  });
  // Rally knows who its bot is before the faults begin (see the test above for when it does not).
  await standIn.waitForCall('auth.test', (c) => c.status === 200);
}, 60_000);

afterAll(async () => {
  await h?.stop();
  await h?.standIn.close();
}, 60_000);

/** The faults in turn: four of every five calls fail, each way in turn. */
const rotation: (ApiFault | undefined)[] = [
  { kind: 'http', status: 500 },
  { kind: 'hang' },
  { kind: 'lost_response' },
  { kind: 'rate_limited', retryAfter: 2 },
  undefined,
];

describe('the Web API failing while Rally starts', () => {
  it('answers requests once Slack answers again, without a restart', async () => {
    const standIn = await SlackStandIn.start({ signingSecret: 'test-signing-secret-0123456789' });
    // Rally asks who its bot is as it starts (auth.test): that call fails.
    standIn.failNext('auth.test', { kind: 'http', status: 503 });
    const started = await startHarness({ standIn });
    try {
      await standIn.waitForCall('auth.test', (c) => c.status === 503);
      const res = await started.slack.command('help', { user: USERS.bob });
      expect(res.status).toBe(200);
      expect((res.json as { text: string }).text).toContain('/rally');
    } finally {
      await started.stop();
      await standIn.close();
    }
  });
});

describe('the Web API failing in every way for a while', () => {
  it(
    'backs off, posts nothing twice beyond the bound, and lands everything once Slack recovers',
    async () => {
      const { standIn } = h;
      // For sure, whenever they come: the answer to the article's post in the first channel is lost after it
      // was posted, the one in the second channel never comes (a timeout: not posted), and so do the answers
      // to the first discussion prompt in a thread (not posted) and to the first reminder (posted).
      const postIn = (c: SlackChannel | undefined) => (args: Record<string, unknown>) =>
        args.channel === c?.id && args.thread_ts === undefined;
      const seeds: { match: (args: Record<string, unknown>) => boolean; fault: ApiFault; times: number }[] = [
        { match: postIn(channels[0]), fault: { kind: 'lost_response' }, times: 1 },
        { match: postIn(channels[1]), fault: { kind: 'hang' }, times: 1 },
        { match: (args) => args.thread_ts !== undefined, fault: { kind: 'hang' }, times: 1 },
        {
          match: (args) => String(args.text).includes('Picket at noon'),
          fault: { kind: 'lost_response' },
          times: 1,
        },
      ];
      // Otherwise, while the faults last, every call in turn.
      const faultOf = new WeakMap<object, ApiFault>();
      let turn = 0;
      const faultsUntil = Date.now() + chaos.slackFaultSeconds * 1000;
      standIn.failWith((method, args) => {
        if (method === 'response_url') return undefined;
        const seed =
          method === 'chat.postMessage' ? seeds.find((s) => s.times > 0 && s.match(args)) : undefined;
        if (seed) seed.times--;
        const fault =
          seed?.fault ?? (Date.now() <= faultsUntil ? rotation[turn++ % rotation.length] : undefined);
        if (fault) faultOf.set(args, fault);
        return fault;
      });

      // The campaign post, two reminders (to a channel and to oneself) and a digest, all while Slack fails.
      const post = await h.slack.command(`post article ${channels.map(mention).join(' ')}`, {
        user: USERS.alice,
      });
      expect(post.status).toBe(200);
      const reminders = ['Picket at noon', 'Call the union rep'];
      const toChannel = await h.slack.command(
        `remind <#${CHANNELS.organizing}|organizing> "${reminders[0]}" in 2 seconds`,
        { user: USERS.alice },
      );
      const toMe = await h.slack.command(`remind me "${reminders[1]}" in 2 seconds`, { user: USERS.alice });
      const digest = await h.slack.command('digest now', { user: USERS.alice, channel: CHANNELS.organizing });
      for (const res of [toChannel, toMe, digest]) expect(res.status).toBe(200);

      const posts = () => standIn.calls('chat.postMessage');
      /** Whether a call took effect in Slack: answered 200, or run and its answer lost. */
      const tookEffect = (c: ApiCall) => c.status === 200 || faultOf.get(c.args)?.kind === 'lost_response';
      const lostAnswer = (c: ApiCall) => ['lost_response', 'hang'].includes(faultOf.get(c.args)?.kind ?? '');
      const summaryUrl = responseUrlId(post.sent.response_url);
      const summaries = () => standIn.responses().filter((r) => r.id === summaryUrl && r.status === 200);
      const reminderPosts = (text: string) => posts().filter((c) => String(c.args.text).includes(text));
      const digestPosts = () => posts().filter((c) => String(c.args.text).startsWith('Rally digest'));

      // Slack recovers after the faults. A job tries eight times over about two minutes (BullMQ's backoff,
      // plus the timeouts), so its last try may come up to a minute after the faults end.
      const deadline = chaos.slackFaultSeconds * 1000 + 150_000;
      await until(
        'the summary, both reminders and the digest',
        () =>
          summaries().length > 0 &&
          reminders.every((text) => reminderPosts(text).some(tookEffect)) &&
          digestPosts().some(tookEffect),
        deadline,
        250,
      );
      // Nothing more is on its way: wait for the queues to empty before counting.
      const queueNames = [
        'campaign-post',
        'post-channel',
        'reminder-fire',
        'reminder-schedule',
        'digest-post',
      ] as const;
      await until(
        'the queues to empty',
        async () => {
          for (const name of queueNames) {
            const counts = await h.rally.ctx.queues
              .queue(name)
              .getJobCounts('active', 'wait', 'delayed', 'waiting-children');
            if (Object.values(counts).some((n) => n > 0)) return false;
          }
          return true;
        },
        30_000,
        250,
      );

      // The faults happened, and Rally heard many of them.
      const faulted = standIn.calls().filter((c) => faultOf.has(c.args));
      expect(faulted.length).toBeGreaterThan(20);

      // The campaign post: one summary; each channel posted exactly once, or reported as unconfirmed.
      expect(summaries()).toHaveLength(1);
      const summary = textOf(summaries()[0]);
      const unconfirmed: string[] = [];
      for (const c of channels) {
        const top = posts().filter((p) => p.args.channel === c.id && p.args.thread_ts === undefined);
        const landed = top.filter(tookEffect).length;
        expect(landed, `articles in ${c.name}`).toBeLessThanOrEqual(1);
        const line = summary.split('\n').find((l) => l.includes(`<#${c.id}>`)) ?? '';
        if (line.includes(': posted')) {
          expect(landed, `articles in ${c.name}`).toBe(1);
          // Its discussion prompt is in the thread: once, or once more per lost answer.
          const replies = posts().filter((p) => p.args.channel === c.id && p.args.thread_ts !== undefined);
          expect(replies.filter(tookEffect).length, `prompts in ${c.name}`).toBeGreaterThanOrEqual(1);
          expect(replies.filter(tookEffect).length).toBeLessThanOrEqual(
            1 + replies.filter(lostAnswer).length,
          );
        } else {
          expect(line, `summary line for ${c.name}`).toContain(describeSlackFailure('unknown_outcome'));
          unconfirmed.push(c.id);
          expect(top.some(lostAnswer), `a lost answer in ${c.name}`).toBe(true);
        }
      }

      // The two channels whose answers were lost for sure are among those the organizer is told about.
      expect(unconfirmed).toEqual(expect.arrayContaining([channels[0]?.id, channels[1]?.id]));
      expect(seeds.map((s) => s.times)).toEqual([0, 0, 0, 0]);

      // Reminders and the digest (`retry`): landed, at most once more per lost answer.
      for (const calls of [...reminders.map(reminderPosts), digestPosts()]) {
        const landed = calls.filter(tookEffect).length;
        expect(landed).toBeGreaterThanOrEqual(1);
        expect(landed).toBeLessThanOrEqual(1 + calls.filter(lostAnswer).length);
      }
      expect(reminderPosts(reminders[1] ?? '').every((c) => c.args.channel === USERS.alice)).toBe(true);
      expect(standIn.messages(dmChannelId(USERS.alice)).length).toBeGreaterThanOrEqual(1);

      // Jobs backed off: the same post was never tried again sooner than Slack asked (a 429's Retry-After)
      // or than the job's backoff (after a 500: at least 1 s, less BullMQ's jitter of a fifth).
      const byTarget = new Map<string, ApiCall[]>();
      for (const call of posts()) {
        const target = `${call.args.channel}|${call.args.thread_ts ?? ''}|${String(call.args.text).slice(0, 40)}`;
        byTarget.set(target, [...(byTarget.get(target) ?? []), call]);
      }
      for (const calls of byTarget.values()) {
        for (const [i, call] of calls.entries()) {
          const next = calls[i + 1];
          if (!next) continue;
          if (call.status === 429) expect(next.at - call.at).toBeGreaterThanOrEqual(2_000 - 50);
          if (call.status === 500) expect(next.at - call.at).toBeGreaterThanOrEqual(750);
        }
      }
      expect(crashLines(h.logs.entries())).toEqual([]);
    },
    chaos.slackFaultSeconds * 1000 + 240_000,
  );
});
