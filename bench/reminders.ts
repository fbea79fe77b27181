/**
 * Many reminders due within one minute: N signed `/rally remind … in <S> seconds` commands over HTTP against
 * the real app (its own process, real Redis, workers on), with S chosen so that the reminders fall due evenly
 * over the spread once they are all scheduled. The Slack stand-in allows one `chat.postMessage` a second per
 * channel. Prints how late the posts were, duplicates and misses, and Redis memory per pending reminder.
 */
import { Agent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { testSigningSecret } from '../test/support/rally.js';
import { startRedis } from '../test/support/redis-server.js';
import {
  type ApiCall,
  BOT_USER_ID,
  createWorkspace,
  publicChannel,
  SlackStandIn,
  type SlackUser,
  zoneOffsetSeconds,
} from '../test/support/slack/index.js';
import {
  benchPerson,
  maxPerSecond,
  percentile,
  post,
  signedCommand,
  slackEventsUrl,
  spawnBenchRally,
  stopRun,
} from './support.js';

const reminderCount = Number(process.env.BENCH_REMINDERS ?? 10_000);
const spreadSeconds = Number(process.env.BENCH_SPREAD_SECONDS ?? 60);
/** The first reminder falls due this long after the first command is sent. */
const leadSeconds = Number(process.env.BENCH_LEAD_SECONDS ?? 60);
/** Rally's `RALLY_MAX_POSTS_PER_SECOND`: 10,000 over 60 s is about 167 a second. */
const cap = Number(process.env.BENCH_CAP ?? 250);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 50);
const userCount = Number(process.env.BENCH_REMINDER_USERS ?? 1_000);
const channelCount = Number(process.env.BENCH_REMINDER_CHANNELS ?? 100);
/** One reminder in this many goes to a channel, the others to their creator's DM (`me`). */
const channelEvery = 5;
/** A reminder not posted this long after the last one fell due is a miss. */
const deadlineSeconds = Number(process.env.BENCH_DEADLINE_SECONDS ?? 30);
/**
 * `clock` (default): `at 14:03:27.250`, the due time as a wall-clock time in the creator's zone. `in`:
 * `in 61.234 seconds`, which Rally reads when the scheduling job runs, so any wait in that queue moves the
 * due time later.
 */
const whenStyle = process.env.BENCH_WHEN === 'in' ? 'in' : 'clock';
const quietMs = 3_000;
const pollMs = 200;
const prefix = '{rally}';
const zones = ['America/Los_Angeles', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'UTC'];

const pad = (n: number) => String(n).padStart(5, '0');
const userId = (i: number) => `U0REM${pad(i + 1)}`;
const channelId = (i: number) => `C0REM${pad(i + 1)}`;
/** Unique per reminder, so its post can be matched. */
const reminderText = (i: number) => `Bench reminder r${pad(i)} end`;
const textPattern = /Bench reminder r(\d+) end/;

function benchUser(i: number, now: Date): SlackUser {
  const id = userId(i);
  const tz = zones[i % zones.length] as string;
  const person = benchPerson(id, `rem${i + 1}`, `Reminder User ${i + 1}`);
  return {
    ...person,
    profile: { ...person.profile, image_48: `https://avatars.slack-edge.com/stand-in/${id}_48.png` },
    tz,
    tz_label: tz,
    tz_offset: zoneOffsetSeconds(tz, now),
  };
}

/** Channel `i`, whose members are the people who remind it (Rally sets a channel reminder only for a member). */
function benchChannel(i: number, reminding: readonly string[]) {
  const creator = userId(i % userCount);
  return publicChannel(
    channelId(i),
    `reminders-${pad(i + 1)}`,
    [...new Set([creator, ...reminding]), BOT_USER_ID],
    creator,
  );
}

/**
 * Reminder `i`: created by user `i mod users`; every 5th goes to a channel, the others to the creator's DM.
 * With reminders due in index order, a DM gets one every `users` reminders (6 s apart with the defaults)
 * and a channel one every `5 × channels` (3 s apart), so the per-channel limit never holds one up.
 */
function planOf(i: number): { user: string; target: string } {
  const user = userId(i % userCount);
  if (i % channelEvery !== channelEvery - 1) return { user, target: 'me' };
  const channel = channelId(Math.floor(i / channelEvery) % channelCount);
  return { user, target: `<#${channel}|reminders-${channel.slice(-5)}>` };
}

const clocks = new Map(
  zones.map((tz) => [
    tz,
    new Intl.DateTimeFormat('en-GB', {
      timeZone: tz,
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }),
  ]),
);

/** When reminder `i` is due, as its creator would type it. */
function whenWords(i: number, dueAt: number): string {
  if (whenStyle === 'in') return `in ${(Math.max(dueAt - Date.now(), 1_000) / 1_000).toFixed(3)} seconds`;
  const clock = clocks.get(zones[(i % userCount) % zones.length] as string) as Intl.DateTimeFormat;
  return `at ${clock.format(dueAt)}.${String(dueAt % 1_000).padStart(3, '0')}`;
}

async function usedMemory(client: Redis): Promise<number> {
  const info = await client.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? Number.NaN);
}

const memoryParts = [
  ['reminder hashes', (k: string) => k.startsWith(`${prefix}:reminder:`)],
  ['index sets', (k: string) => k.startsWith(`${prefix}:reminders:`)],
  ['reminder-fire job hashes', (k: string) => k.startsWith(`${prefix}:reminder-fire:reminder-`)],
  ['rest of reminder-fire', (k: string) => k.startsWith(`${prefix}:reminder-fire:`)],
  ['reminder-schedule (kept jobs, events)', (k: string) => k.startsWith(`${prefix}:reminder-schedule:`)],
  ['everything else', () => true],
] as const;

/** `MEMORY USAGE` (exact: `SAMPLES 0`) summed by what the keys hold, in bytes, with the number of keys. */
async function memoryByPart(client: Redis): Promise<Map<string, { bytes: number; keys: number }>> {
  const keys = await scanKeys(client, '*');
  const pipeline = client.pipeline();
  for (const key of keys) pipeline.memory('USAGE', key, 'SAMPLES', 0);
  const sizes = (await pipeline.exec()) ?? [];
  const parts = new Map(memoryParts.map(([name]) => [name as string, { bytes: 0, keys: 0 }]));
  keys.forEach((key, i) => {
    const name = memoryParts.find(([, owns]) => owns(key))?.[0] as string;
    const part = parts.get(name) as { bytes: number; keys: number };
    part.bytes += Number(sizes[i]?.[1] ?? 0);
    part.keys++;
  });
  return parts;
}

async function scanKeys(client: Redis, match: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [nextCursor, batch] = await client.scan(cursor, 'MATCH', match, 'COUNT', 1_000);
    cursor = nextCursor;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}

export async function run(): Promise<void> {
  const now = new Date();
  const workspace = createWorkspace({ now });
  workspace.users.push(...Array.from({ length: userCount }, (_, i) => benchUser(i, now)));
  const reminding = Array.from({ length: channelCount }, () => new Set<string>());
  for (let i = channelEvery - 1; i < reminderCount; i += channelEvery) {
    reminding[Math.floor(i / channelEvery) % channelCount]?.add(userId(i % userCount));
  }
  workspace.channels.push(
    ...Array.from({ length: channelCount }, (_, i) => benchChannel(i, [...(reminding[i] ?? [])])),
  );
  const redis = await startRedis({ private: true });
  const standIn = await SlackStandIn.start({ workspace, signingSecret: testSigningSecret });
  standIn.enforceRateLimit('chat.postMessage', { perChannelPerSecond: 1, perMinute: cap * 60 });
  const rally = spawnBenchRally(standIn, redis, {
    RALLY_MAX_POSTS_PER_SECOND: String(cap),
  });
  const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await client.connect();
  // Only to read jobs: `skipMetasUpdate`, or each would set its queue's event stream back to BullMQ's
  // 10,000 events, over Rally's 50.
  const fireQueue = new Queue('reminder-fire', { connection: client, prefix, skipMetasUpdate: true });
  const scheduleQueue = new Queue('reminder-schedule', { connection: client, prefix, skipMetasUpdate: true });
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    const url = await slackEventsUrl(rally);
    // Warm-up: `/rally help` opens the connections and runs the request path, storing nothing.
    await Promise.all(
      Array.from({ length: concurrency }, (_, i) =>
        post(url, agent, signedCommand(standIn, 'help', userId(i), channelId(0))),
      ),
    );
    await sleep(500);
    const baseline = await usedMemory(client);

    // Creation: reminder i is due at firstDue + i × spread / N (with `in`, give or take the time its
    // scheduling job waited in the queue).
    const started = Date.now();
    const firstDue = started + leadSeconds * 1_000;
    const stepMs = (spreadSeconds * 1_000) / reminderCount;
    let next = 0;
    let failed = 0;
    let late = 0;
    const sender = async () => {
      while (next < reminderCount) {
        const i = next++;
        const { user, target } = planOf(i);
        const due = Math.round(firstDue + i * stepMs);
        if (due - Date.now() < 1_000) late++;
        const command = signedCommand(
          standIn,
          `remind ${target} "${reminderText(i)}" ${whenWords(i, due)}`,
          user,
          channelId(0),
        );
        const answer = await post(url, agent, command);
        if (answer.status !== 200 || answer.text !== '') failed++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, reminderCount) }, sender));
    const sentMs = Date.now() - started;

    // Scheduled: every reminder-schedule job done and a delayed reminder-fire job for each reminder.
    let scheduledMs: number | undefined;
    while (Date.now() < firstDue + spreadSeconds * 1_000) {
      const counts = await scheduleQueue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      const pending = Object.values(counts).reduce((sum, n) => sum + n, 0);
      const delayed = await fireQueue.getDelayedCount();
      if (pending === 0 && delayed >= reminderCount - failed) {
        scheduledMs = Date.now() - started;
        break;
      }
      await sleep(pollMs);
    }
    const pending = await usedMemory(client);
    const memoryTakenBeforeFirstDue = Date.now() < firstDue;
    const reminderKeys = await scanKeys(client, `${prefix}:reminder:*`);
    const parts = await memoryByPart(client);

    // Due times, as Rally stored them (the hashes are deleted once a reminder has fired).
    const dueAt = new Map<number, number>();
    const pipeline = client.pipeline();
    for (const key of reminderKeys) pipeline.hmget(key, 'text', 'at');
    for (const [err, fields] of (await pipeline.exec()) ?? []) {
      const [text, at] = (err ? [] : fields) as (string | null)[];
      const index = textPattern.exec(text ?? '')?.[1];
      if (index !== undefined && at) dueAt.set(Number(index), Number(at));
    }
    const dues = [...dueAt.values()].sort((a, b) => a - b);
    // With `clock`, each stored time must be exactly the one typed (a misread zone would be hours off).
    const misread =
      whenStyle === 'clock'
        ? [...dueAt].filter(([i, at]) => at !== Math.round(firstDue + i * stepMs)).length
        : undefined;
    const lastDue = dues.at(-1) ?? firstDue + spreadSeconds * 1_000;

    // Firing: until every reminder was posted, or the deadline after the last one fell due.
    const posted = () =>
      standIn
        .calls('chat.postMessage')
        .filter((c) => c.status === 200 && textPattern.test(String(c.args.text)));
    const deadline = lastDue + deadlineSeconds * 1_000;
    while (Date.now() < deadline) {
      if (new Set(posted().map((c) => textPattern.exec(String(c.args.text))?.[1])).size >= dueAt.size) break;
      await sleep(pollMs);
    }
    await sleep(quietMs);

    const attempts = standIn.calls('chat.postMessage').filter((c) => textPattern.test(String(c.args.text)));
    const byIndex = new Map<number, ApiCall[]>();
    for (const call of attempts.filter((c) => c.status === 200)) {
      const index = Number(textPattern.exec(String(call.args.text))?.[1]);
      byIndex.set(index, [...(byIndex.get(index) ?? []), call]);
    }
    const lateness: number[] = [];
    for (const [index, calls] of byIndex) {
      const at = dueAt.get(index);
      if (at !== undefined) lateness.push((calls[0] as ApiCall).at - at);
    }
    lateness.sort((a, b) => a - b);
    let misses = 0;
    for (let i = 0; i < reminderCount; i++) if (!byIndex.has(i)) misses++;
    const duplicates = [...byIndex.values()].filter((calls) => calls.length > 1).length;
    const okTimes = attempts
      .filter((c) => c.status === 200)
      .map((c) => c.at)
      .sort((a, b) => a - b);
    const leftKeys = (await scanKeys(client, `${prefix}:reminder:*`)).length;
    const failedJobs = rally.logs().filter((e) => e.msg === 'job failed for good').length;
    const delayedJobs = rally.logs().filter((e) => e.msg === 'slack rate limit: job delayed').length;

    const perReminder = (pending - baseline) / Math.max(1, dueAt.size);
    const fmt = (ms: number) => ms.toFixed(0);
    console.log(
      `\nreminders benchmark: ${reminderCount} signed /rally remind commands (${concurrency} at a time) from ` +
        `${userCount} people, 1 in ${channelEvery} to one of ${channelCount} channels and the rest to the creator's DM; ` +
        `due over ${spreadSeconds} s starting ${leadSeconds} s after the first command, given as ` +
        `${whenStyle === 'in' ? '"in <S> seconds"' : '"at <hh:mm:ss.mmm>" in the creator\'s zone'}; ` +
        `RALLY_MAX_POSTS_PER_SECOND=${cap}; the stand-in allows 1 chat.postMessage a second per channel\n`,
    );
    console.log(
      '| reminders | lateness p50 ms | p99 ms | max ms | min ms | duplicates | misses | posted | bytes per pending reminder |',
    );
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    console.log(
      `| ${reminderCount} | ${fmt(percentile(lateness, 0.5))} | ${fmt(percentile(lateness, 0.99))} | ` +
        `${fmt(lateness.at(-1) ?? 0)} | ${fmt(lateness[0] ?? 0)} | ${duplicates} | ${misses} | ${byIndex.size} | ` +
        `${perReminder.toFixed(0)} |`,
    );
    console.log(
      `\ncreation: commands sent in ${(sentMs / 1000).toFixed(1)} s ` +
        `(${(reminderCount / (sentMs / 1000)).toFixed(0)}/s), ${failed} not answered with an empty 200, ` +
        `${late} sent too late for their slot; all scheduled ${
          scheduledMs === undefined ? 'not within the run' : `${(scheduledMs / 1000).toFixed(1)} s`
        } after the first command (first due at ${leadSeconds} s)`,
    );
    console.log(
      `due times read from Redis: ${dueAt.size} of ${reminderCount}, spread over ` +
        `${(((dues.at(-1) ?? 0) - (dues[0] ?? 0)) / 1000).toFixed(1)} s, first ` +
        `${(((dues[0] ?? 0) - started) / 1000).toFixed(1)} s after the first command` +
        (misread === undefined ? '' : `; ${misread} differ from the time typed`),
    );
    console.log(
      `memory: used_memory ${(baseline / 1_048_576).toFixed(1)} MiB before, ${(pending / 1_048_576).toFixed(1)} MiB ` +
        `with ${dueAt.size} pending (${memoryTakenBeforeFirstDue ? 'before' : 'AFTER'} the first was due)`,
    );
    console.log('\n| keys (MEMORY USAGE) | keys | MiB | bytes per pending reminder |');
    console.log('|---|---:|---:|---:|');
    for (const [name, part] of parts) {
      console.log(
        `| ${name} | ${part.keys} | ${(part.bytes / 1_048_576).toFixed(2)} | ` +
          `${(part.bytes / Math.max(1, dueAt.size)).toFixed(0)} |`,
      );
    }
    console.log(
      `posting: ${attempts.length} chat.postMessage calls, ${attempts.filter((c) => c.status === 429).length} ` +
        `answered 429, max ${maxPerSecond(okTimes)} posts in any 1 s; jobs delayed by a 429: ${delayedJobs}, ` +
        `failed for good: ${failedJobs}; reminder hashes left in Redis: ${leftKeys}`,
    );
  } finally {
    await fireQueue.close();
    await scheduleQueue.close();
    await stopRun({ agent, client, rally, standIn, redis });
  }
}
