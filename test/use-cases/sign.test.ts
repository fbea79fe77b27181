import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeLetter } from '../../src/letters/close-letter.js';
import { migrateV1Letter } from '../../src/letters/migrate-v1.js';
import { campaignLetterId } from '../../src/letters/model.js';
import { sign } from '../../src/letters/sign.js';
import { letterSigner } from '../../src/letters/signer.js';
import { unsign } from '../../src/letters/unsign.js';
import { lastErasureKey } from '../../src/privacy/compaction.js';
import { type ContextHarness, startContext } from '../support/context.js';
import { dumpRedis } from '../support/redis-dump.js';
import { TEAM_ID, USERS } from '../support/slack/index.js';

let h: ContextHarness;
const letter = campaignLetterId;
const actor = (userId: string) => ({ teamId: TEAM_ID, userId });
const dump = async () => (await dumpRedis(h.ctx.redis)).join('\n');
const pendingActs = async () =>
  Number(
    await h.ctx.redis.hget(
      h.ctx.keys.key('redraw', 'pending'),
      JSON.stringify({ target: 'letter', letterId: letter }),
    ),
  );

beforeAll(async () => {
  h = await startContext();
});
afterAll(async () => {
  await h.stop();
});

describe('sign', () => {
  it('refuses to sign past the closing time though the close job has not run', async () => {
    await h.ctx.letters.setClosing(letter, Date.now() - 1_000);
    try {
      expect(await sign(h.ctx, letter, actor(USERS.emeka), { kind: 'anonymous' })).toMatchObject({
        ok: false,
        reason: 'closed',
      });
      expect(await h.ctx.signatures.tally(letter)).toMatchObject({ named: 0, anonymous: 0 });
    } finally {
      await h.ctx.letters.setClosing(letter, undefined);
    }
  });

  it('signs with a name, refuses a second signature of any kind, and counts the act for the redraw clock', async () => {
    expect(await sign(h.ctx, letter, actor(USERS.alice), { kind: 'named', role: 'Azure' })).toEqual({
      ok: true,
    });
    const again = await sign(h.ctx, letter, actor(USERS.alice), { kind: 'anonymous' });
    expect(again).toMatchObject({ ok: false, existing: { kind: 'named' } });
    expect(await h.ctx.signatures.tally(letter)).toMatchObject({ named: 1 });
    expect(await pendingActs()).toBe(1);
  });

  it('keeps only a hash under the letter key and the day for an anonymous signature', async () => {
    expect(await sign(h.ctx, letter, actor(USERS.bob), { kind: 'anonymous' })).toEqual({ ok: true });
    const signer = await letterSigner(h.ctx, letter, actor(USERS.bob));
    const everything = await dump();
    expect(everything).not.toContain(USERS.bob);
    expect(everything).toContain(signer?.hash);
    expect(await h.ctx.signatures.tally(letter)).toMatchObject({ anonymous: 1 });
  });

  it('counts a conditional signer as waiting until enough others sign with their names, then names them', async () => {
    await sign(h.ctx, letter, actor(USERS.carla), { kind: 'conditional', threshold: 3, role: 'Design' });
    expect(await dump()).not.toContain(USERS.carla);
    expect(await h.ctx.signatures.tally(letter)).toMatchObject({ named: 1, waiting: 1 });
    await sign(h.ctx, letter, actor(USERS.deepa), { kind: 'named' });
    await sign(h.ctx, letter, actor(USERS.emeka), { kind: 'named' });
    expect(await h.ctx.signatures.tally(letter)).toMatchObject({ named: 4, waiting: 0 });
    expect(await h.ctx.signatures.namedSigners(letter)).toContainEqual({
      userId: USERS.carla,
      role: 'Design',
    });
  });
});

describe('unsign', () => {
  it('removes a signature of whatever kind and says which, and nothing when there is none', async () => {
    expect(await unsign(h.ctx, letter, actor(USERS.bob))).toBe('anonymous');
    expect(await unsign(h.ctx, letter, actor(USERS.alice))).toBe('named');
    expect(await unsign(h.ctx, letter, actor(USERS.alice))).toBeUndefined();
    expect(await sign(h.ctx, letter, actor(USERS.alice), { kind: 'anonymous' })).toEqual({ ok: true });
  });
});

describe('closing a letter', () => {
  it('keeps the final counts, names conditional signers whose condition holds, and erases its key and every hash', async () => {
    const text = { title: 'A second letter', addressee: 'The board', paragraphs: ['Please.'] };
    await h.ctx.letters.claimSlug('a-second-letter', 'second');
    await h.ctx.letters.createDraft(
      { slug: 'a-second-letter', text, allowAnonymous: true, allowConditional: true, origin: 'slack' },
      'second',
    );
    // A draft takes no signature until it is opened (at its first post).
    expect(await sign(h.ctx, 'second', actor('U0WAIT0001'), { kind: 'anonymous' })).toEqual({
      ok: false,
      reason: 'closed',
    });
    expect(await h.ctx.letters.open('second')).toBe(true);
    await sign(h.ctx, 'second', actor('U0WAIT0001'), { kind: 'conditional', threshold: 25 });
    await sign(h.ctx, 'second', actor('U0SOON0001'), { kind: 'conditional', threshold: 3 });
    for (const user of ['U0NAME0001', 'U0NAME0002', 'U0NAME0003'])
      await sign(h.ctx, 'second', actor(user), { kind: 'named' });
    for (const user of ['U0ANON0001', 'U0ANON0002'])
      await sign(h.ctx, 'second', actor(user), { kind: 'anonymous' });
    const key = await h.ctx.signatures.scopeKey('second');
    const hashes = await h.ctx.redis.smembers(h.ctx.keys.key('letter', 'second', 'signers'));
    expect(hashes).toHaveLength(7);

    await closeLetter(h.ctx, { letterId: 'second' }, 'run-1');

    expect(await h.ctx.signatures.status('second')).toBe('closed');
    expect(await h.ctx.signatures.tally('second')).toEqual({ named: 4, anonymous: 2, waiting: 1 });
    const after = await dump();
    expect(after).not.toContain(key);
    for (const hash of hashes) expect(after).not.toContain(hash);
    expect(after).not.toContain('U0WAIT0001');
    expect(after).toContain('U0SOON0001');
    expect(await sign(h.ctx, 'second', actor('U0LATE0001'), { kind: 'anonymous' })).toEqual({
      ok: false,
      reason: 'closed',
    });
  });
});

describe('the first version of the letter', () => {
  it('moves its signatures into the campaign letter without losing one', async () => {
    const old = (part: string) => h.ctx.keys.key('letter', part);
    await h.ctx.redis.del(
      ...['signers', 'named', 'anonymous', 'conditional', 'legacy-anonymous'].map((p) =>
        h.ctx.keys.key('letter', letter, p),
      ),
    );
    await h.ctx.redis.hset(
      old('named'),
      'U0OLDNAME1',
      JSON.stringify({ name: 'Typed Name', role: 'Ops', day: '2026-11-01' }),
    );
    await h.ctx.redis.hset(
      old('conditional'),
      'U0OLDCOND1',
      JSON.stringify({ name: 'X', day: '2026-11-02', threshold: 3 }),
    );
    const legacyHash = h.ctx.anonymousIds.of('letter', TEAM_ID, 'U0OLDANON1');
    await h.ctx.redis.hset(old('anonymous'), legacyHash, '2026-11-03');
    await h.ctx.redis.sadd(old('copies'), 'C0GENERAL1/1764400000.000100');

    const erasedBefore = Number(await h.ctx.redis.get(lastErasureKey(h.ctx.keys)));
    expect(await migrateV1Letter(h.ctx)).toBe(3);
    // The old keys it deleted named a conditional signer: Redis is asked to rewrite its files.
    const erasedAt = Number(await h.ctx.redis.get(lastErasureKey(h.ctx.keys)));
    expect(erasedAt).toBeGreaterThan(erasedBefore);
    const compaction = await h.ctx.queues.queue('redis-compact').getJobs(['delayed', 'waiting']);
    expect(compaction).toHaveLength(1);

    expect(await h.ctx.signatures.tally(letter)).toEqual({ named: 1, anonymous: 1, waiting: 1 });
    expect(await h.ctx.letterCopies.list(letter)).toEqual([
      { channel: 'C0GENERAL1', ts: '1764400000.000100' },
    ]);
    // Each keeps their place: signing again is refused with what they hold.
    expect(await sign(h.ctx, letter, actor('U0OLDANON1'), { kind: 'named' })).toMatchObject({
      existing: { kind: 'anonymous' },
    });
    expect(await sign(h.ctx, letter, actor('U0OLDNAME1'), { kind: 'anonymous' })).toMatchObject({
      existing: { kind: 'named' },
    });
    expect(await sign(h.ctx, letter, actor('U0OLDCOND1'), { kind: 'anonymous' })).toMatchObject({
      existing: { kind: 'conditional' },
    });
    const everything = await dump();
    expect(everything).not.toContain('Typed Name');
    expect(everything).not.toContain('U0OLDCOND1');
    expect(await migrateV1Letter(h.ctx)).toBe(0);
    // With nothing left to move, it erases nothing and asks for nothing.
    expect(Number(await h.ctx.redis.get(lastErasureKey(h.ctx.keys)))).toBe(erasedAt);
  });
});
