import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign } from '../../src/letters/sign.js';
import { letterSigner } from '../../src/letters/signer.js';
import { unsign } from '../../src/letters/unsign.js';
import { dedupIds } from '../../src/queues/job-ids.js';
import { type ContextHarness, startContext } from '../support/context.js';
import { dumpRedis } from '../support/redis-dump.js';
import { TEAM_ID, USERS } from '../support/slack/index.js';

let h: ContextHarness;

beforeAll(async () => {
  h = await startContext();
});
afterAll(async () => {
  await h.stop();
});

const actor = (userId: string) => ({ teamId: TEAM_ID, userId });

describe('sign', () => {
  it('signs with a name, refuses a second signature of any kind, and asks for the copies to be redrawn', async () => {
    const first = await sign(h.ctx, actor(USERS.alice), { kind: 'named', name: 'Alice A.', threshold: 5 });
    expect(first).toEqual({ ok: true });
    const again = await sign(h.ctx, actor(USERS.alice), { kind: 'anonymous', threshold: 5 });
    expect(again).toMatchObject({ ok: false, existing: { kind: 'named' } });
    expect(await h.ctx.signatures.tally()).toMatchObject({ named: 1 });
    const redraw = await h.ctx.queues.queue('message-refresh').getDeduplicationJobId(dedupIds.letterRedraw);
    expect(redraw).not.toBeNull();
  });

  it('keeps only a keyed hash and the day for an anonymous signature', async () => {
    expect(await sign(h.ctx, actor(USERS.bob), { kind: 'anonymous', threshold: 5 })).toEqual({ ok: true });
    const dump = (await dumpRedis(h.ctx.redis)).join('\n');
    expect(dump).not.toContain(USERS.bob);
    expect(dump).toContain(letterSigner(h.ctx, TEAM_ID, USERS.bob).anonymousId);
    expect(await h.ctx.signatures.tally()).toMatchObject({ anonymous: 1 });
  });

  it('counts a conditional signer as waiting until enough others sign with their names', async () => {
    await sign(h.ctx, actor(USERS.carla), { kind: 'conditional', name: 'Carla', threshold: 3 });
    expect(await h.ctx.signatures.tally()).toMatchObject({ named: 1, waiting: 1 });
    await sign(h.ctx, actor(USERS.deepa), { kind: 'named', name: 'Deepa', threshold: 5 });
    await sign(h.ctx, actor(USERS.emeka), { kind: 'named', name: 'Emeka', threshold: 5 });
    expect(await h.ctx.signatures.tally()).toMatchObject({ named: 4, waiting: 0 });
  });
});

describe('unsign', () => {
  it('removes a signature of whatever kind and says which, and nothing when there is none', async () => {
    expect(await unsign(h.ctx, actor(USERS.bob))).toBe('anonymous');
    expect(await unsign(h.ctx, actor(USERS.alice))).toBe('named');
    expect(await unsign(h.ctx, actor(USERS.alice))).toBeUndefined();
  });
});
