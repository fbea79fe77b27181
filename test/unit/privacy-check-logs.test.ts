import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scrub } from '../../src/logger.js';
import { readLogLines } from '../../src/privacy/check/log-file.js';
import { hasKeyedHash, hasUserId, redact } from '../../src/privacy/check/patterns.js';
import { checkLogLines } from '../../src/privacy/check/rule-logs.js';

const lines = (...texts: string[]) => texts.map((text, i) => ({ line: i + 1, text }));
const hash = 'Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5';

describe('rule e: the log file holds no user ID and no keyed hash', () => {
  it("passes on lines as Rally's logger writes them", async () => {
    const result = await checkLogLines(
      lines(
        '{"level":30,"time":1,"service":"rally","queue":"poll-close","jobId":"close-now-HKmPuUtqorzB","msg":"job done"}',
        '{"level":30,"msg":"handled [user] in [hash]","userId":"[redacted]"}',
      ),
      'rally.log',
    );
    expect(result).toMatchObject({ status: 'pass', checked: '2 lines' });
  });

  it('fails on each line with a user ID or a keyed hash, by file and line, without repeating them', async () => {
    const result = await checkLogLines(
      lines(
        '{"msg":"fine"}',
        `{"requestedBy":"U0SECRET01"}`,
        `{"dedup":"home-${hash}"}`,
        `{"a":"W0SECRET02 ${hash}"}`,
      ),
      'rally.log',
    );
    expect(result.findings).toEqual([
      { where: 'rally.log:2', what: 'a Slack user ID' },
      { where: 'rally.log:3', what: 'a 43-character keyed hash (or key)' },
      { where: 'rally.log:4', what: 'a Slack user ID and a 43-character keyed hash (or key)' },
    ]);
  });

  it('reads a file line by line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'privacy-check-'));
    try {
      await writeFile(join(dir, 'rally.log'), '{"a":1}\n{"user":"U0SECRET01"}\n');
      const result = await checkLogLines(readLogLines(join(dir, 'rally.log')), 'rally.log');
      expect(result.findings).toEqual([{ where: 'rally.log:2', what: 'a Slack user ID' }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("looks for what Rally's logger scrubs: nothing it lets through is found, and what it scrubs is", () => {
    const texts = [
      'user U0ALICE01 and W0123456789',
      `hash ${hash} and home-${hash}`,
      'U0SHORT C0GENERAL1 T0RALLY01',
    ];
    for (const text of texts) {
      expect(hasUserId(scrub(text)) || hasKeyedHash(scrub(text)), text).toBe(false);
      expect(redact(text)).toBe(scrub(text).replaceAll('[user]', '[user ID]'));
    }
    expect(hasUserId(texts[0] ?? '')).toBe(true);
    expect(hasKeyedHash(texts[1] ?? '')).toBe(true);
    expect(hasUserId(texts[2] ?? '') || hasKeyedHash(texts[2] ?? '')).toBe(false);
  });
});
