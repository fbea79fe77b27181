/**
 * Many people signing two open letters at once: the campaign file's letter and a second one written in
 * the letter form, each posted to two channels. N signers sign the first, half of them the second too, as
 * signed `view_submission`s of the signing form over HTTP against the real app (its own process, real
 * Redis, workers on), with the Slack stand-in recording every `chat.update` of the copies and answering
 * HTTP 429 to more than one update of a copy a second. Prints signatures per second, ack latency, updates
 * per copy, and the time from the last signature to the update that made every copy show its letter's
 * final count.
 */
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { bodyBoxId } from '../src/letters/blocks/letter-form.js';
import { signatureLine } from '../src/letters/blocks/letter-message.js';
import { signFormFields } from '../src/letters/blocks/sign-modal.js';
import { campaignLetterId, type SignatureKind, type SignatureTally } from '../src/letters/model.js';
import { revealedSigners } from '../src/letters/reveal.js';
import { letterBlocks, letterFormBlocks, letterViews, signViews } from '../src/slack/ids.js';
import { slugFrom } from '../src/text/slug.js';
import { testSigningSecret } from '../test/support/rally.js';
import { startRedis } from '../test/support/redis-server.js';
import {
  type ApiCall,
  type Block,
  CHANNELS,
  plainTextValue,
  SlackRequests,
  SlackStandIn,
  selectedOptionValue,
  type ViewStateValues,
  viewSubmissionPayload,
} from '../test/support/slack/index.js';
import {
  maxPerSecond,
  minGap,
  mulberry32,
  percentile,
  post,
  signedPayload,
  slackEventsUrl,
  spawnBenchRally,
  stopRun,
} from './support.js';

const signers = Number(process.env.BENCH_SIGNERS ?? 1_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 100);
/** Slack's Tier 3 (chat.update): about 50 calls a minute per workspace, with bursts tolerated. */
const updatesPerMinute = Number(process.env.BENCH_UPDATES_PER_MINUTE ?? 50);
const duplicateShare = 0.1;
const conditionalThreshold = 5;
const minAnonymous = 5;
/** The second letter, written in the form during the set-up. */
const secondTitle = 'Fair schedules for warehouse staff';
const convergeTimeoutMs = 30_000;
const pollMs = 50;
/** After convergence, updates still to come (the one refresh kept while another ran) are waited for. */
const quietMs = 2_500;

/** A letter under test: where its copies are, and how many people sign it. */
interface BenchLetter {
  id: string;
  channels: string[];
  signers: number;
}

interface Submission {
  user: string;
  letterId: string;
  kind: SignatureKind;
  duplicate: boolean;
  body: string;
  headers: Record<string, string>;
}

type Answer = 'signed' | 'already-signed' | 'other';

interface Outcome {
  submission: Submission;
  status: number;
  answer: Answer;
  ms: number;
  /** `Date.now()` when the answer was read, comparable with the stand-in's call times. */
  endedAt: number;
}

/** 50% named, 40% anonymous, 10% conditional (name shown once 5 others sign with theirs). */
function kindOf(index: number): SignatureKind {
  const slot = index % 10;
  if (slot < 5) return 'named';
  return slot < 9 ? 'anonymous' : 'conditional';
}

/** The signing form as Slack submits it. */
function formValues(kind: SignatureKind | undefined): ViewStateValues {
  const values: ViewStateValues = {
    [signFormFields.threshold]: {
      [signFormFields.threshold]: selectedOptionValue(String(conditionalThreshold)),
    },
    [signFormFields.role]: { [signFormFields.role]: plainTextValue(null) },
  };
  if (kind) {
    values[signFormFields.mode] = {
      [signFormFields.mode]: selectedOptionValue(kind, kind, 'radio_buttons'),
    };
  }
  return values;
}

function signedSubmission(
  standIn: SlackStandIn,
  letterId: string,
  user: string,
  kind: SignatureKind | undefined,
  duplicate = false,
): Submission {
  const payload = viewSubmissionPayload(standIn, {
    user,
    callbackId: signViews.sign,
    // The form names the letter and the version of its text it showed.
    privateMetadata: `${letterId}@1`,
    values: formValues(kind),
  });
  return { user, letterId, kind: kind ?? 'named', duplicate, ...signedPayload(payload) };
}

/**
 * One submission per signer of each letter, plus a second, identical one from 10% of them, all letters'
 * submissions mixed in a shuffled order. Signer i of the second letter is signer i of the first, signing
 * another way.
 */
function buildStorm(standIn: SlackStandIn, letters: readonly BenchLetter[]): Submission[] {
  const random = mulberry32(20_261_129);
  const storm: Submission[] = [];
  for (const [l, letter] of letters.entries()) {
    for (let i = 0; i < letter.signers; i++) {
      const user = `U0SIGN${String(i + 1).padStart(5, '0')}`;
      storm.push(signedSubmission(standIn, letter.id, user, kindOf(i + l * 3)));
      if (random() < duplicateShare) {
        storm.push(signedSubmission(standIn, letter.id, user, kindOf(i + l * 3), true));
      }
    }
  }
  for (let i = storm.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [storm[i], storm[j]] = [storm[j] as Submission, storm[i] as Submission];
  }
  return storm;
}

function answerOf(text: string): Answer {
  try {
    const view = (JSON.parse(text) as { view?: { title?: { text?: string } } }).view;
    if (view?.title?.text === 'Signed') return 'signed';
    if (view?.title?.text === 'You already signed') return 'already-signed';
  } catch {
    // not JSON: counted as other
  }
  return 'other';
}

async function send(url: string, agent: Agent, submission: Submission): Promise<Outcome> {
  const { status, text, ms, endedAt } = await post(url, agent, submission);
  return { submission, status, answer: answerOf(text), ms, endedAt };
}

/**
 * A fixed pool of `concurrency` senders taking the next submission from one shared list. Not autocannon:
 * its connections each cycle through the whole `requests` list and it re-sends after timeouts, so it cannot
 * promise that each signer's body is sent exactly once (or exactly twice for duplicates), which is what
 * the exact tally below depends on. Latency is measured per request, from sending to the answer read.
 * Plain `node:http` with keep-alive: with `fetch` (Node 20) the generator, which shares the machine's cores
 * with Rally and Redis, drove only about 60% of the rate.
 */
async function fire(url: string, agent: Agent, storm: Submission[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(storm.length);
  let next = 0;
  const sender = async () => {
    while (next < storm.length) {
      const index = next++;
      outcomes[index] = await send(url, agent, storm[index] as Submission);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, storm.length) }, sender));
  return outcomes;
}

/** The text of the letter's `letter_signatures` context block in a list of blocks. */
function signatureText(blocks: unknown): string | undefined {
  if (!Array.isArray(blocks)) return undefined;
  const block = (blocks as Block[]).find((b) => b.block_id === letterBlocks.signatures);
  if (!block) return undefined;
  const elements = Array.isArray(block.elements) ? (block.elements as Block[]) : [];
  return elements.map((e) => String(e.text ?? '')).join('');
}

/** What one letter's signers sent, and the tally and line its copies must end up showing. */
function expectationOf(storm: readonly Submission[], letterId: string) {
  const firsts = storm.filter((s) => s.letterId === letterId && !s.duplicate);
  const counted = (kind: SignatureKind) => firsts.filter((s) => s.kind === kind).length;
  const named = counted('named');
  const conditional = counted('conditional');
  const anonymous = counted('anonymous');
  const revealed = revealedSigners(
    named,
    Array.from({ length: conditional }, (_, id) => ({ id, threshold: conditionalThreshold })),
  ).length;
  const tally: SignatureTally = { named: named + revealed, anonymous, waiting: conditional - revealed };
  return { named, conditional, anonymous, line: signatureLine(tally, { minAnonymous }) };
}

/** The second letter, written in the letter form as an organizer does; gives its ID once saved. */
async function writeSecondLetter(slack: SlackRequests, client: Redis): Promise<string> {
  const text = (value: string) => plainTextValue(value);
  const res = await slack.viewSubmission({
    callbackId: letterViews.form,
    privateMetadata: '',
    values: {
      [letterFormBlocks.title]: { [letterFormBlocks.title]: text(secondTitle) },
      [letterFormBlocks.addressee]: { [letterFormBlocks.addressee]: text('The chief operating officer') },
      [bodyBoxId(0)]: {
        [bodyBoxId(0)]: text('We ask for two weeks notice of shifts.\n\nOur families need it.'),
      },
      [letterFormBlocks.ways]: {
        [letterFormBlocks.ways]: {
          type: 'checkboxes',
          selected_options: ['anonymous', 'conditional'].map((value) => ({
            text: { type: 'plain_text', text: value },
            value,
          })),
        },
      },
    },
  });
  if (res.status !== 200 || res.text !== '')
    throw new Error(`letter form answered ${res.status}: ${res.text}`);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const id = await client.get(`{rally}:letter-slug:${slugFrom(secondTitle, 'letter')}`);
    if (id) return id;
    if (Date.now() > deadline) throw new Error('the second letter was not saved');
    await sleep(pollMs);
  }
}

/** Posts a letter with `/rally post letter <name> #a #b` and gives its copies once both are posted. */
async function postLetter(
  slack: SlackRequests,
  standIn: SlackStandIn,
  name: string,
  channels: readonly string[],
): Promise<{ channel: string; ts: string }[]> {
  const mentions = channels.map((c) => `<#${c}|${standIn.workspace.channels.find((x) => x.id === c)?.name}>`);
  const posted = await slack.command(`post letter ${name} ${mentions.join(' ')}`);
  if (posted.status !== 200) throw new Error(`/rally post answered ${posted.status}: ${posted.text}`);
  return Promise.all(
    channels.map(async (channel) => {
      await standIn.waitForCall(
        'chat.postMessage',
        (c) => c.args.channel === channel && c.status === 200,
        15_000,
      );
      const ts = standIn.messages(channel).find((m) => signatureText(m.blocks) !== undefined)?.ts;
      if (!ts) throw new Error(`no letter in ${channel}`);
      return { channel, ts };
    }),
  );
}

export async function run(): Promise<void> {
  const redis = await startRedis({ private: true });
  const standIn = await SlackStandIn.start({ signingSecret: testSigningSecret });
  // Per channel is per copy here: each letter has one copy in each of its channels.
  standIn.enforceRateLimit('chat.update', { perChannelPerSecond: 1, perMinute: updatesPerMinute });
  const rally = spawnBenchRally(standIn, redis, {
    RALLY_MIN_ANONYMOUS_VOTES: String(minAnonymous),
    RALLY_MAX_UPDATES_PER_MINUTE: String(updatesPerMinute),
  });
  const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  // Shared by the warm-up and the storm, so the storm starts on open connections.
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    const url = await slackEventsUrl(rally);
    const slack = new SlackRequests({ appUrl: url, standIn });
    await client.connect();

    // Two letters open at once, each posted to two channels the bot is in or joins.
    const secondId = await writeSecondLetter(slack, client);
    const letters: BenchLetter[] = [
      { id: campaignLetterId, channels: [CHANNELS.general, CHANNELS.organizing], signers },
      { id: secondId, channels: [CHANNELS.random, CHANNELS.coreTeam], signers: Math.floor(signers / 2) },
    ];
    const copiesOf = new Map<string, { channel: string; ts: string }[]>();
    copiesOf.set(
      campaignLetterId,
      await postLetter(slack, standIn, 'end-microsofts-contract-with-ice', letters[0]?.channels ?? []),
    );
    await rally.waitForLog('campaign post done', 15_000);
    copiesOf.set(
      secondId,
      await postLetter(slack, standIn, slugFrom(secondTitle, 'letter'), letters[1]?.channels ?? []),
    );
    const deadlinePosts = Date.now() + 15_000;
    while (
      rally.logs().filter((e) => e.msg === 'campaign post done').length < 2 &&
      Date.now() < deadlinePosts
    ) {
      await sleep(pollMs);
    }

    // Warm-up: forms with no choice made are answered with an error and store nothing.
    const warmUp = Array.from({ length: 100 }, (_, i) =>
      signedSubmission(standIn, campaignLetterId, `U0WARM${String(i).padStart(5, '0')}`, undefined),
    );
    await fire(url, agent, warmUp);
    await sleep(200);

    const storm = buildStorm(standIn, letters);
    const duplicates = storm.filter((s) => s.duplicate).length;
    const expected = new Map(letters.map((l) => [l.id, expectationOf(storm, l.id)]));

    const stormStart = performance.now();
    const outcomes = await fire(url, agent, storm);
    const stormMs = performance.now() - stormStart;

    const accepted = outcomes.filter((o) => o.status === 200 && o.answer === 'signed');
    const refused = outcomes.filter((o) => o.status === 200 && o.answer === 'already-signed');
    const non2xx = outcomes.filter((o) => o.status < 200 || o.status >= 300).length;
    const other = outcomes.length - accepted.length - refused.length - non2xx;
    const lastSignatureAt = accepted.reduce((last, o) => Math.max(last, o.endedAt), 0);
    const latencies = outcomes.map((o) => o.ms).sort((a, b) => a - b);

    // Wait until every copy shows its letter's final count.
    const copies = letters.flatMap((l) =>
      (copiesOf.get(l.id) ?? []).map((copy) => ({ ...copy, letterId: l.id })),
    );
    const shows = (copy: { channel: string; ts: string; letterId: string }) =>
      signatureText(standIn.message(copy.channel, copy.ts)?.blocks) === expected.get(copy.letterId)?.line;
    const deadline = Date.now() + convergeTimeoutMs;
    while (!copies.every(shows) && Date.now() < deadline) await sleep(pollMs);
    const converged = copies.every(shows);
    // Then until the updates stop, so that the trailing refresh is counted too.
    const quietDeadline = Date.now() + 10_000;
    for (;;) {
      const last = standIn.calls('chat.update').at(-1)?.at ?? 0;
      if (Date.now() - last >= quietMs || Date.now() > quietDeadline) break;
      await sleep(pollMs);
    }

    const updatesOf = (copy: { channel: string; ts: string }): ApiCall[] =>
      standIn.calls('chat.update').filter((c) => c.args.channel === copy.channel && c.args.ts === copy.ts);
    const perCopy = copies.map((copy) => {
      const calls = updatesOf(copy);
      const ok = calls.filter((c) => c.status === 200);
      const finalAt = ok.find((c) => signatureText(c.args.blocks) === expected.get(copy.letterId)?.line)?.at;
      return {
        copy,
        attempts: calls.length,
        ok: ok.length,
        limited: calls.filter((c) => c.status === 429).length,
        maxAttemptsPerSecond: maxPerSecond(calls.map((c) => c.at)),
        maxOkPerSecond: maxPerSecond(ok.map((c) => c.at)),
        minGap: minGap(ok.map((c) => c.at)),
        finalAt,
      };
    });
    const finalAts = perCopy.map((c) => c.finalAt);
    const lastToFinal =
      converged && finalAts.every((t) => t !== undefined)
        ? Math.max(...(finalAts as number[])) - lastSignatureAt
        : undefined;

    const stored = new Map<string, { named: number; conditional: number; anonymous: number }>();
    for (const letter of letters) {
      const [named, conditional, anonymous] = await Promise.all(
        ['named', 'conditional', 'anonymous'].map((kind) =>
          client.hlen(`{rally}:letter:${letter.id}:${kind}`),
        ),
      );
      stored.set(letter.id, { named: named ?? 0, conditional: conditional ?? 0, anonymous: anonymous ?? 0 });
    }
    const storedAsExpected = letters.every((l) => {
      const e = expected.get(l.id);
      const r = stored.get(l.id);
      return e && r && e.named === r.named && e.conditional === r.conditional && e.anonymous === r.anonymous;
    });
    const totalSigners = letters.reduce((sum, l) => sum + l.signers, 0);
    const delayedJobs = rally.logs().filter((e) => e.msg === 'slack rate limit: job delayed').length;
    const failedJobs = rally.logs().filter((e) => e.msg === 'job failed for good').length;
    const exact =
      accepted.length === totalSigners &&
      refused.length === duplicates &&
      non2xx === 0 &&
      other === 0 &&
      storedAsExpected &&
      converged;

    const fmt = (ms: number) => ms.toFixed(1);
    console.log(
      `\nsign benchmark: two letters open, ${letters.map((l) => l.signers).join(' + ')} signatures ` +
        `(50% named, 40% anonymous, 10% conditional with threshold ${conditionalThreshold}) + ${duplicates} ` +
        `duplicate submissions, ${concurrency} at a time, each letter in 2 channels; chat.update limited to ` +
        `1/s per copy and ${updatesPerMinute}/min\n`,
    );
    console.log(
      '| signatures | duplicates sent | signatures/s | ack p50 ms | ack p99 ms | ack max ms | non-2xx | storm s | last signature → final update ms |',
    );
    console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    console.log(
      `| ${totalSigners} | ${duplicates} | ${(accepted.length / (stormMs / 1000)).toFixed(0)} | ` +
        `${fmt(percentile(latencies, 0.5))} | ${fmt(percentile(latencies, 0.99))} | ${fmt(latencies.at(-1) ?? 0)} | ` +
        `${non2xx} | ${(stormMs / 1000).toFixed(2)} | ${lastToFinal ?? 'not converged'} |`,
    );
    console.log(
      '\n| letter | copy | chat.update calls | answered 200 | answered 429 | max calls in 1 s | max 200s in 1 s | min gap ms |',
    );
    console.log('|---|---|---:|---:|---:|---:|---:|---:|');
    for (const c of perCopy) {
      console.log(
        `| ${c.copy.letterId} | ${c.copy.channel} | ${c.attempts} | ${c.ok} | ${c.limited} | ${c.maxAttemptsPerSecond} | ` +
          `${c.maxOkPerSecond} | ${c.minGap ?? '-'} |`,
      );
    }
    console.log(
      `\nanswers: ${accepted.length} signed, ${refused.length} already signed, ${other} other; ` +
        `jobs delayed by a rate limit: ${delayedJobs}, failed for good: ${failedJobs}`,
    );
    for (const letter of letters) {
      const e = expected.get(letter.id);
      const r = stored.get(letter.id);
      console.log(
        `letter ${letter.id}: redis ${r?.named} named, ${r?.conditional} conditional, ${r?.anonymous} anonymous ` +
          `(expected ${e?.named}, ${e?.conditional}, ${e?.anonymous}); final line: ${e?.line}`,
      );
    }
    console.log(`converged: ${converged ? 'yes' : 'no'}; exact: ${exact ? 'yes' : 'no'}`);
  } finally {
    await stopRun({ agent, client, rally, standIn, redis });
  }
}
