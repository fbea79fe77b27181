/**
 * A long mixed load on one Rally (its own process, HTTP receiver, real Redis, workers on, the Slack stand-in
 * with Slack's limits): vote clicks on public and anonymous polls, signatures and withdrawals, reminders
 * that fall due a minute after they are set, a digest every minute, donation link clicks and pledges. Every
 * minute it prints Rally's memory (RSS, and the heap after a full collection), Redis's `used_memory` and
 * key count, and each queue's jobs by state; at the end, whether memory stayed flat after the warm-up
 * (the slope over the second half), the totals of acts, and what became of the reminders and digests.
 */
import { Agent } from 'node:http';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { signFormFields } from '../src/letters/blocks/sign-modal.js';
import { campaignLetterId } from '../src/letters/model.js';
import { queueNames } from '../src/queues/contracts.js';
import {
  donationActions,
  donationBlocks,
  donationLinkActionId,
  donationViews,
  pollVoteActionId,
  signViews,
} from '../src/slack/ids.js';
import { testSigningSecret } from '../test/support/rally.js';
import { startRedis } from '../test/support/redis-server.js';
import {
  type ApiCall,
  BOT_USER_ID,
  blockActionsPayload,
  createWorkspace,
  plainTextValue,
  publicChannel,
  SlackStandIn,
  selectedOptionValue,
  USERS,
  type ViewStateValues,
  viewSubmissionPayload,
} from '../test/support/slack/index.js';
import { until } from '../test/support/until.js';
import {
  benchPerson,
  cpuSeconds,
  mulberry32,
  post,
  type SignedBody,
  signedCommand,
  signedPayload,
  slackEventsUrl,
  spawnBenchRally,
  stopRun,
  warningsOf,
} from './support.js';

const minutes = Number(process.env.BENCH_SOAK_MINUTES ?? 30);
/** Acts a minute, by kind. */
const rates = {
  vote: Number(process.env.BENCH_SOAK_VOTES ?? 240),
  sign: Number(process.env.BENCH_SOAK_SIGNS ?? 30),
  unsign: Number(process.env.BENCH_SOAK_UNSIGNS ?? 6),
  remind: Number(process.env.BENCH_SOAK_REMINDERS ?? 6),
  digest: Number(process.env.BENCH_SOAK_DIGESTS ?? 2),
  click: Number(process.env.BENCH_SOAK_CLICKS ?? 20),
  pledge: Number(process.env.BENCH_SOAK_PLEDGES ?? 6),
};
type ActKind = keyof typeof rates;
/** People who vote, sign and give (added to the stand-in's workspace). */
const peopleCount = Number(process.env.BENCH_SOAK_PEOPLE ?? 3_000);
const cap = Number(process.env.BENCH_CAP ?? 10);
/** A reminder falls due this long after it is set. */
const reminderLeadSeconds = 60;
const organizer = USERS.alice;
const prefix = '{rally}';
const channelCount = 4;
/** After the last act: time for the last reminders to fall due and the queues to drain. */
const drainSeconds = reminderLeadSeconds + 30;

const pad = (n: number, width = 5) => String(n).padStart(width, '0');
const personId = (i: number) => `U0SOAK${pad(i + 1)}`;
const channelId = (i: number) => `C0SOAK${pad(i + 1, 4)}`;
const channelName = (i: number) => `soak-${i + 1}`;
const mention = (i: number) => `<#${channelId(i)}|${channelName(i)}>`;
const mib = (bytes: number) => (bytes / 1_048_576).toFixed(1);

const person = (i: number) => benchPerson(personId(i), `soak${i + 1}`, `Soak Person ${i + 1}`);

/** The people who set channel reminders: members of every soak channel, as Rally requires of them. */
const reminderSenders = 20;

const soakChannel = (i: number) =>
  publicChannel(
    channelId(i),
    channelName(i),
    [organizer, BOT_USER_ID, ...Array.from({ length: reminderSenders }, (_, p) => personId(p))],
    organizer,
  );

interface Sample {
  minute: number;
  rss: number;
  heapUsed: number;
  usedMemory: number;
  keys: number;
}

interface Tally {
  sent: number;
  ok: number;
  /** Answered, but not with what the act should get (e.g. a signature refused). */
  unexpected: number;
  /** Not answered 2xx, or not answered at all. */
  failed: number;
}

/** The least-squares slope of `y` over `x`. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

async function scanKeys(client: Redis): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await client.scan(cursor, 'COUNT', 1_000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}

const queueStructures = new Set([
  'wait',
  'active',
  'paused',
  'delayed',
  'prioritized',
  'completed',
  'failed',
  'waiting-children',
  'events',
  'meta',
  'id',
  'marker',
  'stalled',
  'stalled-check',
  'limiter',
  'pc',
  'de',
  'repeat',
]);

/** The biggest keys of the last `keysByKind`, with their sizes in bytes. */
let biggest: [string, number][] = [];

/**
 * Keys by what they hold (`delivery`, `run`, `poll`, a queue's job hashes as `<queue> jobs`, its lists,
 * sets and streams as `<queue> (lists, sets)`, ...): count and bytes (`MEMORY USAGE`, exact).
 */
async function keysByKind(client: Redis): Promise<Map<string, { keys: number; bytes: number }>> {
  const kinds = new Map<string, { keys: number; bytes: number }>();
  const queues = new Set<string>(queueNames);
  const all = await scanKeys(client);
  const sizes: number[] = [];
  for (let i = 0; i < all.length; i += 1_000) {
    const pipeline = client.pipeline();
    for (const key of all.slice(i, i + 1_000)) pipeline.memory('USAGE', key, 'SAMPLES', 0);
    for (const [, size] of (await pipeline.exec()) ?? []) sizes.push(Number(size ?? 0));
  }
  all.forEach((key, i) => {
    const parts = key.split(':');
    const head = parts[1] ?? key;
    let kind = head;
    // A job scheduler's runs are jobs too: `<queue>:repeat:<scheduler>:<time>`.
    const structure = queueStructures.has(parts[2] ?? '') && !(parts[2] === 'repeat' && parts.length > 4);
    if (queues.has(head)) kind = structure ? `${head} (lists, sets)` : `${head} jobs`;
    const entry = kinds.get(kind) ?? { keys: 0, bytes: 0 };
    entry.keys++;
    entry.bytes += sizes[i] ?? 0;
    kinds.set(kind, entry);
  });
  biggest = all
    .map((key, i) => [key, sizes[i] ?? 0] as [string, number])
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10);
  return new Map([...kinds].sort((a, b) => b[1].bytes - a[1].bytes));
}

/** The sign form as Slack submits it: with the name, or anonymously. */
function signForm(anonymous: boolean): ViewStateValues {
  return {
    [signFormFields.mode]: {
      [signFormFields.mode]: selectedOptionValue(
        anonymous ? 'anonymous' : 'named',
        anonymous ? 'anonymous' : 'named',
        'radio_buttons',
      ),
    },
    [signFormFields.threshold]: { [signFormFields.threshold]: selectedOptionValue('5') },
    [signFormFields.role]: { [signFormFields.role]: plainTextValue(null) },
  };
}

export async function run(): Promise<void> {
  const workspace = createWorkspace();
  workspace.users.push(...Array.from({ length: peopleCount }, (_, i) => person(i)));
  workspace.channels.push(...Array.from({ length: channelCount }, (_, i) => soakChannel(i)));
  const redis = await startRedis({ private: true });
  const standIn = await SlackStandIn.start({ workspace, signingSecret: testSigningSecret });
  standIn.enforceRateLimit('chat.postMessage', { perChannelPerSecond: 1, perMinute: cap * 60 });
  standIn.enforceRateLimit('chat.update', { perChannelPerSecond: 1, perMinute: 50 });
  const rally = spawnBenchRally(
    standIn,
    redis,
    {
      RALLY_MAX_POSTS_PER_SECOND: String(cap),
      // Slack's Tier 3, as the stand-in enforces it above (and Rally's default).
      RALLY_MAX_UPDATES_PER_MINUTE: '50',
      // As in production, not the tests' one second.
      RALLY_REDRAW_CLOCK_SECONDS: '10',
    },
    'bench/soak-rally.ts',
  );
  const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  const agent = new Agent({ keepAlive: true, maxSockets: 16, scheduling: 'fifo' });
  let queues: Queue[] = [];
  const random = mulberry32(20_261_202);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const tallies = new Map<ActKind, Tally>(
    (Object.keys(rates) as ActKind[]).map((k) => [k, { sent: 0, ok: 0, unexpected: 0, failed: 0 }]),
  );
  const inFlight = new Set<Promise<void>>();
  try {
    const url = await slackEventsUrl(rally);
    await client.connect();
    // Only to read job counts: `skipMetasUpdate`, or each would set its queue's event stream back to
    // BullMQ's 10,000 events, over Rally's 50.
    queues = queueNames.map((name) => new Queue(name, { connection: client, prefix, skipMetasUpdate: true }));
    const send = (body: SignedBody) => post(url, agent, body);
    const command = async (text: string, channel: number, user = organizer) => {
      const answer = await send(signedCommand(standIn, text, user, channelId(channel)));
      if (answer.status !== 200) throw new Error(`/rally ${text} answered ${answer.status}: ${answer.text}`);
      return answer;
    };
    const blocksOf = (channel: number) => standIn.messages(channelId(channel));

    // What the load acts on: the letter in channels 1 and 2, a donation prompt in channel 3, and four
    // polls, public in channels 1 and 2 and anonymous in channels 3 and 4.
    await command(`post letter ${mention(0)} ${mention(1)}`, 0);
    await rally.waitForLog('campaign post done', 30_000);
    await command(`donate ${mention(2)}`, 2);
    const prompt = await until(
      'the donation prompt',
      () => {
        for (const message of blocksOf(2)) {
          const gave = ((message.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[])
            .flatMap((b) => b.elements ?? [])
            .find((e) => e.action_id === donationActions.gave);
          if (gave?.value) return { ts: message.ts, promptId: gave.value };
        }
        return undefined;
      },
      20_000,
      100,
    );
    const polls: { channel: number; ts: string; options: number; anonymous: boolean }[] = [];
    for (let i = 0; i < channelCount; i++) {
      const anonymous = i >= 2 ? ' anonymous' : '';
      await command(`poll "Soak poll ${i + 1}?" "Yes" "No" "Maybe"${anonymous}`, i);
      const ts = await until(
        `the poll in channel ${i + 1}`,
        () => blocksOf(i).find((m) => JSON.stringify(m.blocks).includes(pollVoteActionId(0)))?.ts,
        20_000,
        100,
      );
      polls.push({ channel: i, ts, options: 3, anonymous: i >= 2 });
    }
    await sleep(2_000);

    // The acts. Signers are taken in order (each signs once, a withdrawal frees them to sign again later).
    const signed: number[] = [];
    let nextSigner = 0;
    let reminderCount = 0;
    const reminderDue = new Map<string, number>();
    let digestCount = 0;
    const digestAsked: { channel: string; at: number }[] = [];
    const answerTitle = (text: string) => {
      try {
        return (JSON.parse(text) as { view?: { title?: { text?: string } } }).view?.title?.text;
      } catch {
        return undefined;
      }
    };
    const acts: Record<ActKind, () => { body: SignedBody; check?: (text: string) => boolean }> = {
      vote: () => {
        const poll = pick(polls);
        const payload = blockActionsPayload(standIn, {
          actionId: pollVoteActionId(Math.floor(random() * poll.options)),
          user: personId(Math.floor(random() * peopleCount)),
          channel: channelId(poll.channel),
          messageTs: poll.ts,
        });
        return { body: signedPayload(payload) };
      },
      sign: () => {
        const signer = nextSigner++ % peopleCount;
        signed.push(signer);
        const payload = viewSubmissionPayload(standIn, {
          user: personId(signer),
          callbackId: signViews.sign,
          privateMetadata: campaignLetterId,
          values: signForm(random() < 0.4),
        });
        return { body: signedPayload(payload), check: (text) => answerTitle(text) === 'Signed' };
      },
      unsign: () => {
        const index = Math.floor(random() * signed.length);
        const signer = signed.splice(index, 1)[0] ?? 0;
        const payload = viewSubmissionPayload(standIn, {
          user: personId(signer),
          callbackId: signViews.unsign,
          privateMetadata: campaignLetterId,
        });
        return {
          body: signedPayload(payload),
          check: (text) => answerTitle(text) === 'Signature removed',
        };
      },
      remind: () => {
        const n = ++reminderCount;
        const text = `Soak reminder r${pad(n)} end`;
        reminderDue.set(text, Date.now() + reminderLeadSeconds * 1000);
        const channel = n % channelCount;
        return {
          body: signedCommand(
            standIn,
            `remind ${mention(channel)} "${text}" in ${reminderLeadSeconds} seconds`,
            personId(n % Math.min(reminderSenders, peopleCount)),
            channelId(channel),
          ),
        };
      },
      digest: () => {
        const channel = digestCount++ % 2;
        digestAsked.push({ channel: channelId(channel), at: Date.now() });
        return {
          body: signedCommand(standIn, 'digest now', organizer, channelId(channel)),
          check: (text) => text.includes('Posting the digest'),
        };
      },
      click: () => {
        const payload = blockActionsPayload(standIn, {
          actionId: donationLinkActionId(Math.floor(random() * 2)),
          user: personId(Math.floor(random() * peopleCount)),
          channel: channelId(2),
          messageTs: prompt.ts,
        });
        return { body: signedPayload(payload) };
      },
      pledge: () => {
        const values: ViewStateValues =
          random() < 0.15
            ? {
                [donationBlocks.withdraw]: {
                  [donationBlocks.withdraw]: {
                    type: 'checkboxes',
                    selected_options: [{ value: 'withdraw' }],
                  },
                },
              }
            : {
                [donationBlocks.band]: {
                  [donationBlocks.band]: selectedOptionValue('under-25', 'Under $25', 'radio_buttons'),
                },
              };
        const payload = viewSubmissionPayload(standIn, {
          user: personId(Math.floor(random() * peopleCount)),
          callbackId: donationViews.pledge,
          privateMetadata: prompt.promptId,
          values,
        });
        return { body: signedPayload(payload), check: (text) => answerTitle(text) === 'I gave' };
      },
    };
    const fire = (kind: ActKind) => {
      const tally = tallies.get(kind) as Tally;
      const { body, check } = acts[kind]();
      tally.sent++;
      const done = send(body).then((answer) => {
        if (answer.status < 200 || answer.status >= 300) tally.failed++;
        else if (check && !check(answer.text)) tally.unexpected++;
        else tally.ok++;
      });
      inFlight.add(done);
      void done.finally(() => inFlight.delete(done));
    };

    // Each minute's acts at random moments within it, the same on every run.
    const planMinute = (): { at: number; kind: ActKind }[] => {
      const plan: { at: number; kind: ActKind }[] = [];
      for (const kind of Object.keys(rates) as ActKind[]) {
        for (let i = 0; i < rates[kind]; i++) plan.push({ at: random() * 60_000, kind });
      }
      return plan.sort((a, b) => a.at - b.at);
    };

    let memory = { rss: 0, heapUsed: 0 };
    const readMemory = () => {
      for (let i = rally.stdout.length - 1; i >= 0; i--) {
        const line = rally.stdout[i] as string;
        if (!line.includes('"bench memory"')) continue;
        const entry = JSON.parse(line) as { rss: number; heapUsed: number };
        memory = { rss: entry.rss, heapUsed: entry.heapUsed };
        return;
      }
    };
    const usedMemory = async () =>
      Number(/used_memory:(\d+)/.exec(await client.info('memory'))?.[1] ?? Number.NaN);

    const samples: Sample[] = [];
    let cpuBefore = await cpuSeconds(rally.child.pid);
    const sample = async (minute: number, label: string) => {
      readMemory();
      const [used, keyCount, counts] = await Promise.all([
        usedMemory(),
        client.dbsize(),
        Promise.all(queues.map((q) => q.getJobCounts('waiting', 'delayed', 'active', 'completed', 'failed'))),
      ]);
      const cpu = await cpuSeconds(rally.child.pid);
      const cpuShare = cpu !== undefined && cpuBefore !== undefined ? (cpu - cpuBefore) / 60 : undefined;
      cpuBefore = cpu;
      samples.push({ minute, rss: memory.rss, heapUsed: memory.heapUsed, usedMemory: used, keys: keyCount });
      const total = { waiting: 0, delayed: 0, active: 0, completed: 0, failed: 0 };
      const busy: string[] = [];
      counts.forEach((c, i) => {
        const line = ['waiting', 'delayed', 'active', 'completed', 'failed'].map((s) => c[s] ?? 0);
        total.waiting += line[0] as number;
        total.delayed += line[1] as number;
        total.active += line[2] as number;
        total.completed += line[3] as number;
        total.failed += line[4] as number;
        if (line.some((n) => n > 0)) busy.push(`${queues[i]?.name} ${line.join('/')}`);
      });
      const acted = [...tallies.values()].reduce((s, t) => s + t.sent, 0);
      const bad = [...tallies.values()].reduce((s, t) => s + t.failed + t.unexpected, 0);
      console.log(
        `${label} | rss ${mib(memory.rss)} MiB | heap ${mib(memory.heapUsed)} MiB | redis ${mib(used)} MiB | ` +
          `keys ${keyCount} | jobs w/d/a/c/f ${total.waiting}/${total.delayed}/${total.active}/` +
          `${total.completed}/${total.failed} | acts ${acted} (not ok ${bad}) | rally cpu ` +
          `${cpuShare === undefined ? '-' : `${Math.round(cpuShare * 100)}%`} | load ${loadavg()[0]?.toFixed(1)}`,
      );
      console.log(`    queues (waiting/delayed/active/completed/failed): ${busy.join(', ')}`);
    };

    console.log(
      `\nsoak: ${minutes} min; a minute: ${Object.entries(rates)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ')}; RALLY_MAX_POSTS_PER_SECOND=${cap}\n`,
    );
    await sleep(10_000);
    await sample(0, 'min 0 (before the load)');
    let keysHalf: Map<string, { keys: number; bytes: number }> | undefined;
    const started = Date.now();
    for (let minute = 1; minute <= minutes; minute++) {
      const minuteStart = started + (minute - 1) * 60_000;
      for (const act of planMinute()) {
        const wait = minuteStart + act.at - Date.now();
        if (wait > 0) await sleep(wait);
        fire(act.kind);
      }
      const end = minuteStart + 60_000 - Date.now();
      if (end > 0) await sleep(end);
      await sample(minute, `min ${minute}`);
      if (minute === Math.ceil(minutes / 2)) keysHalf = await keysByKind(client);
    }
    await Promise.all(inFlight);
    console.log(`\nload stopped; ${drainSeconds} s for the last reminders and jobs`);
    await sleep(drainSeconds * 1000);
    await sample(minutes + drainSeconds / 60, 'after the drain');
    const keysEnd = await keysByKind(client);

    // What each poll message shows against what Redis holds. An anonymous poll is redrawn only once two
    // acts changed it, so it may show one vote less or more.
    const pollChecks = await Promise.all(
      polls.map(async (poll) => {
        const id = await client.get(`${prefix}:poll-message:${channelId(poll.channel)}:${poll.ts}`);
        const voters = id ? await client.hlen(`${prefix}:poll:${id}:votes`) : -1;
        const text = JSON.stringify(standIn.message(channelId(poll.channel), poll.ts)?.blocks ?? []);
        const shown = Number(/([\d,]+) (?:person|people) voted/.exec(text)?.[1]?.replaceAll(',', '') ?? -1);
        const ok = poll.anonymous ? Math.abs(shown - voters) <= 1 : shown === voters;
        return { poll, voters, shown, ok };
      }),
    );

    // Reminders: each posted once; digests: one per request.
    const posts = standIn.calls('chat.postMessage');
    const reminderPosts = new Map<string, number>();
    const reminderLate: number[] = [];
    for (const call of posts) {
      const text = /Soak reminder r\d+ end/.exec(String(call.args.text))?.[0];
      if (!text || call.status !== 200) continue;
      reminderPosts.set(text, (reminderPosts.get(text) ?? 0) + 1);
      reminderLate.push(call.at - (reminderDue.get(text) ?? call.at));
    }
    const remindersMissing = [...reminderDue.keys()].filter((t) => !reminderPosts.has(t)).length;
    const remindersDoubled = [...reminderPosts.values()].filter((n) => n > 1).length;
    reminderLate.sort((a, b) => a - b);
    const digests = posts.filter((c) => c.status === 200 && String(c.args.text).startsWith('Rally digest'));
    const limited = (method: string) => standIn.calls(method).filter((c: ApiCall) => c.status === 429).length;
    const failedJobs = (
      await Promise.all(queues.map(async (q) => ({ name: q.name, failed: await q.getFailedCount() })))
    ).filter((q) => q.failed > 0);

    // Flat after the warm-up: the slope over the second half of the load.
    const second = samples.filter((s) => s.minute >= minutes / 2 && s.minute <= minutes);
    const trend = (value: (s: Sample) => number) => {
      const perMinute = slope(second.map((s) => ({ x: s.minute, y: value(s) })));
      const mean = second.reduce((sum, s) => sum + value(s), 0) / Math.max(1, second.length);
      return { perMinute, mean, perHourShare: mean > 0 ? (perMinute * 60) / mean : 0 };
    };
    console.log(
      `\nover the second half (min ${Math.ceil(minutes / 2)} to ${minutes}, ${second.length} samples):`,
    );
    console.log('| figure | mean | slope a minute | growth an hour at that slope |');
    console.log('|---|---:|---:|---:|');
    const figures: [string, (s: Sample) => number, (n: number) => string][] = [
      ['Rally RSS', (s) => s.rss, (n) => `${mib(n)} MiB`],
      ['Rally heap after a full GC', (s) => s.heapUsed, (n) => `${mib(n)} MiB`],
      ['Redis used_memory', (s) => s.usedMemory, (n) => `${mib(n)} MiB`],
      ['Redis keys', (s) => s.keys, (n) => n.toFixed(0)],
    ];
    for (const [name, value, show] of figures) {
      const t = trend(value);
      console.log(
        `| ${name} | ${show(t.mean)} | ${show(t.perMinute)} | ${(t.perHourShare * 100).toFixed(1)}% |`,
      );
    }
    console.log('\n| act | sent | ok | unexpected answer | not answered 2xx |');
    console.log('|---|---:|---:|---:|---:|');
    for (const [kind, t] of tallies)
      console.log(`| ${kind} | ${t.sent} | ${t.ok} | ${t.unexpected} | ${t.failed} |`);
    console.log(
      `\nreminders: ${reminderDue.size} set, ${reminderPosts.size} posted, ${remindersMissing} missing, ` +
        `${remindersDoubled} posted twice; late p50 ${reminderLate[Math.floor(reminderLate.length / 2)] ?? '-'} ms, ` +
        `max ${reminderLate.at(-1) ?? '-'} ms`,
    );
    console.log(`digests: ${digestAsked.length} asked, ${digests.length} posted`);
    console.log(
      `polls, voters in Redis / shown on the message: ${pollChecks
        .map(
          (c) =>
            `${c.poll.anonymous ? 'anonymous' : 'public'} ${c.voters} / ${c.shown}${c.ok ? '' : ' (wrong)'}`,
        )
        .join(', ')}`,
    );
    console.log(
      `429s received: chat.postMessage ${limited('chat.postMessage')}, chat.update ${limited('chat.update')}`,
    );
    console.log(
      `failed jobs kept: ${failedJobs.map((q) => `${q.name} ${q.failed}`).join(', ') || 'none'}; ` +
        `warnings and errors logged: ${warningsOf(rally.logs()).join('; ') || 'none'}`,
    );
    console.log('\n| keys | at half time: keys | KiB | at the end: keys | KiB |');
    console.log('|---|---:|---:|---:|---:|');
    const kib = (bytes: number) => (bytes / 1024).toFixed(0);
    for (const [kind, end] of keysEnd) {
      const half = keysHalf?.get(kind) ?? { keys: 0, bytes: 0 };
      console.log(`| ${kind} | ${half.keys} | ${kib(half.bytes)} | ${end.keys} | ${kib(end.bytes)} |`);
    }
    const described = await Promise.all(
      biggest.map(async ([key, bytes]) => {
        if (!key.endsWith(':events')) return `${key} ${kib(bytes)} KiB`;
        const events = new Map<string, number>();
        for (const [, fields] of (await client.xrange(key, '-', '+')) as [string, string[]][])
          events.set(fields[1] ?? '', (events.get(fields[1] ?? '') ?? 0) + 1);
        const entries = ` (${await client.xlen(key)} entries: ${[...events].map(([e, n]) => `${e} ${n}`).join(', ')})`;
        return `${key} ${kib(bytes)} KiB${entries}`;
      }),
    );
    console.log(`\nbiggest keys at the end: ${described.join(', ')}`);
  } finally {
    await Promise.all(inFlight);
    await Promise.all(queues.map((q) => q.close()));
    await stopRun({ agent, client, rally, standIn, redis });
  }
}
