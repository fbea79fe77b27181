import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrub, serializeError, toBoltLogger } from '../../src/logger.js';
import { createAnonymousIds } from '../../src/privacy/anonymous-id.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).trim().split('\n'));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'debug', destination }) };
}

describe('logger', () => {
  it('redacts tokens, secrets, user IDs and message text by field', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        token: 'xoxb-1',
        headers: { authorization: 'Bearer xoxb-1' },
        userId: 'U0ALICE01',
        body: { user_id: 'U0ALICE01', text: 'I will walk out' },
        queue: 'home-publish',
      },
      'handled',
    );
    const entry = JSON.parse(lines[0] ?? '{}');
    expect(entry.token).toBe('[redacted]');
    expect(entry.headers.authorization).toBe('[redacted]');
    expect(entry.userId).toBe('[redacted]');
    expect(entry.body).toEqual({ user_id: '[redacted]', text: '[redacted]' });
    expect(entry.queue).toBe('home-publish');
  });

  it('scrubs user IDs and tokens out of free text, such as what Bolt logs', () => {
    expect(scrub('user U0ALICE01 in W0123456789 with xoxb-123-abc and xapp-1-A1-xyz')).toBe(
      'user [user] in [user] with [token] and [token]',
    );
    const { lines, logger } = capture();
    toBoltLogger(logger).warn('An incoming event was not acknowledged for U0ALICE01', { token: 'xoxb-9' });
    expect(lines.join('\n')).not.toMatch(/U0ALICE01|xoxb-9/);
    expect(JSON.parse(lines[0] ?? '{}').msg).toBe(
      'An incoming event was not acknowledged for [user] {"token":"[token]"}',
    );
  });

  it('keeps channel IDs and ordinary words', () => {
    expect(scrub('posted to C0GENERAL1 UPDATE')).toBe('posted to C0GENERAL1 UPDATE');
  });

  it('scrubs keyed hashes (43 base64url characters) but not shorter IDs', () => {
    const hash = createAnonymousIds('a-secret-of-some-length-0123456789').of(
      'letter',
      'T0RALLY01',
      'U0ALICE01',
    );
    expect(hash).toHaveLength(43);
    expect(scrub(`HSET rally:letter:anonymous ${hash} 2026-05-01`)).toBe(
      'HSET rally:letter:anonymous [hash] 2026-05-01',
    );
    expect(scrub(`vote-${hash}`)).toBe('[hash]');
    expect(scrub('poll LlCHnmNu__1p job 2hgX6vGAALQGK0I5')).toBe('poll LlCHnmNu__1p job 2hgX6vGAALQGK0I5');
  });
});

/** An error shaped like the one ioredis rejects with when Redis refuses a write. */
function redisRefusal(userId: string, hash: string): Error {
  const error = new Error("OOM command not allowed when used memory > 'maxmemory'.");
  error.name = 'ReplyError';
  Object.assign(error, {
    command: {
      name: 'eval',
      args: ['-- sign script', '3', 'named', 'anonymous', userId, hash, '2026-05-01'],
    },
    previousErrors: [new Error(`failed for ${userId}`)],
    data: { user: userId, text: 'I sign' },
  });
  return error;
}

describe('errors in logs', () => {
  const hash = createAnonymousIds('a-secret-of-some-length-0123456789').of(
    'letter',
    'T0RALLY01',
    'U0BOB0001',
  );

  it('keep only type, name, message, code, stack and cause, scrubbed: never the command ioredis attached', () => {
    const { lines, logger } = capture();
    const err = redisRefusal('U0BOB0001', hash);
    logger.error({ err, queue: 'letter' }, 'listener failed');
    logger.warn({ error: err }, 'also under error');
    const [entry, second] = lines.map((l) => JSON.parse(l));
    expect(Object.keys(entry.err).sort()).toEqual(['message', 'name', 'stack', 'type']);
    expect(entry.err).toMatchObject({
      type: 'Error',
      name: 'ReplyError',
      message: expect.stringContaining('OOM'),
    });
    expect(entry.queue).toBe('letter');
    expect(Object.keys(second.error).sort()).toEqual(['message', 'name', 'stack', 'type']);
    expect(lines.join('\n')).not.toMatch(/U0BOB0001|previousErrors|\\?"command|sign script|I sign/);
    expect(lines.join('\n')).not.toContain(hash);
  });

  it('follows causes, and the original error Bolt wraps, only so deep', () => {
    const inner = redisRefusal('U0BOB0001', hash);
    const wrapped = Object.assign(new Error(`An unhandled error occurred for U0BOB0001 (${hash})`), {
      code: 'slack_bolt_unknown_error',
      original: inner,
    });
    const logged = serializeError(wrapped);
    expect(logged.code).toBe('slack_bolt_unknown_error');
    expect(logged.message).toBe('An unhandled error occurred for [user] ([hash])');
    expect(logged.cause?.message).toContain('OOM');
    expect(JSON.stringify(logged)).not.toMatch(/U0BOB0001|\\?"command|sign script/);

    let deep: Error = new Error('root');
    for (let i = 0; i < 10; i++) deep = new Error(`level ${i}`, { cause: deep });
    let depth = 0;
    for (let e = serializeError(deep).cause; e; e = e.cause) depth++;
    expect(depth).toBe(3);
  });

  it('takes values that are not errors without their fields', () => {
    expect(serializeError('failed for U0BOB0001')).toEqual({ type: 'string', message: 'failed for [user]' });
    expect(serializeError({ message: 'no', code: 'E1', user: 'U0BOB0001' })).toEqual({
      type: 'Object',
      message: 'no',
      code: 'E1',
    });
  });

  it('scrubs the message pino takes from an error given without one', () => {
    const { lines, logger } = capture();
    logger.error(new Error(`refused for U0BOB0001 ${hash}`));
    logger.error({ err: new Error(`refused for U0BOB0001 ${hash}`) });
    for (const line of lines) expect(JSON.parse(line).msg).toBe('refused for [user] [hash]');
  });
});

describe('the logger given to Bolt and the Slack SDKs', () => {
  it('serializes an error wherever it is among the arguments', () => {
    const { lines, logger } = capture();
    const bolt = toBoltLogger(logger);
    const hash = 'x'.repeat(43);
    bolt.error('Slack API error: channel_not_found', redisRefusal('U0BOB0001', hash));
    bolt.error(redisRefusal('U0BOB0001', hash));
    bolt.warn('details', { nested: redisRefusal('U0BOB0001', hash) });
    const [first, second, third] = lines.map((l) => JSON.parse(l));
    expect(first.msg).toBe('Slack API error: channel_not_found');
    expect(first.err.message).toContain('OOM');
    expect(second.err.name).toBe('ReplyError');
    expect(third.msg).toContain('OOM');
    expect(lines.join('\n')).not.toMatch(/U0BOB0001|\\?"command|sign script|previousErrors|x{43}/);
  });

  it('drops the lines that carry request and response payloads, at every level', () => {
    const { lines, logger } = capture();
    const bolt = toBoltLogger(logger);
    const payloads = [
      'http request body: {"channel":"C0GENERAL1","text":"Walk out on Friday"}',
      'http request result: {"ok":true,"message":{"text":"Walk out on Friday"}}',
      'http request headers: {"Authorization":"[[REDACTED]]"}',
      'Received a message on the WebSocket: {"payload":{"user":{"username":"bob"}}}',
      'Sending a WebSocket message: {"envelope_id":"1","payload":{"text":"Walk out on Friday"}}',
      'Calling ack() - type: slash_commands, envelope_id: 1, data: {"text":"Walk out on Friday"}',
    ];
    for (const line of payloads) {
      bolt.debug(line);
      bolt.info(line);
      bolt.warn(line);
      bolt.error(line);
    }
    bolt.debug("apiCall('chat.postMessage') start");
    bolt.warn('The top-level `text` argument is missing in the request payload for a chat.postMessage call');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual([
      "apiCall('chat.postMessage') start",
      'The top-level `text` argument is missing in the request payload for a chat.postMessage call',
    ]);
  });
});
