import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrub, toBoltLogger } from '../../src/logger.js';

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
});
