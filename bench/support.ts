/** What the benchmarks that send Slack interactions over HTTP share: signed bodies, one request, the maths. */
import { type Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { testSigningSecret } from '../test/support/rally.js';
import {
  FORM_CONTENT_TYPE,
  type PayloadSource,
  signRequest,
  slashCommandBody,
} from '../test/support/slack/index.js';

/** An interaction payload as Slack posts it: `payload=<json>`, form-encoded and signed. */
export interface SignedBody {
  body: string;
  headers: Record<string, string>;
}

/** Signed once up front: a signature stays valid for five minutes, longer than any run. */
export function signedPayload(payload: Record<string, unknown>): SignedBody {
  return signedForm(new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
}

/** A slash command as Slack posts it, form-encoded and signed. */
export function signedCommand(
  standIn: PayloadSource,
  text: string,
  user: string,
  channel: string,
): SignedBody {
  return signedForm(new URLSearchParams(slashCommandBody(standIn, { text, user, channel })).toString());
}

/** A form-encoded body with the headers Slack sends with it. */
function signedForm(body: string): SignedBody {
  const { timestamp, signature } = signRequest(testSigningSecret, body);
  return {
    body,
    headers: {
      // Exactly this: Bolt reads a body with any `; charset=…` as JSON and answers 400.
      'content-type': FORM_CONTENT_TYPE,
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': signature,
    },
  };
}

export interface HttpAnswer {
  /** 0 when the request failed without an answer. */
  status: number;
  text: string;
  /** From sending to the answer read. */
  ms: number;
  /** `Date.now()` when the answer was read, comparable with the stand-in's call times. */
  endedAt: number;
  /** Why there was no answer (e.g. `ECONNRESET`), when `status` is 0. */
  error?: string;
}

/**
 * One POST on a keep-alive `node:http` agent. Plain `node:http` rather than `fetch`: with `fetch` (Node 20)
 * the generator, which shares the machine's cores with Rally and Redis, drove only about 60% of the rate.
 */
export function post(url: string, agent: Agent, signed: SignedBody): Promise<HttpAnswer> {
  const started = performance.now();
  const done = (status: number, text: string, error?: Error): HttpAnswer => ({
    status,
    text,
    ms: performance.now() - started,
    endedAt: Date.now(),
    ...(error ? { error: (error as NodeJS.ErrnoException).code ?? error.message } : {}),
  });
  return new Promise((resolve) => {
    const headers = { ...signed.headers, 'content-length': String(Buffer.byteLength(signed.body)) };
    const req = request(url, { method: 'POST', headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve(done(res.statusCode ?? 0, text)));
      res.on('error', (err) => resolve(done(0, '', err)));
    });
    req.on('error', (err) => resolve(done(0, '', err)));
    req.end(signed.body);
  });
}

/** Deterministic, so every run sends the same mix in the same order. */
export function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The nearest-rank percentile of an ascending list (0 for an empty one). */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/** The most calls that fall within any 1-second window (times ascending, in ms). */
export function maxPerSecond(times: number[]): number {
  let max = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= 1_000) start++;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

/** The shortest gap between consecutive times (ascending, in ms); undefined with fewer than two. */
export function minGap(times: number[]): number | undefined {
  let min: number | undefined;
  for (let i = 1; i < times.length; i++) {
    const gap = (times[i] as number) - (times[i - 1] as number);
    min = min === undefined ? gap : Math.min(min, gap);
  }
  return min;
}
