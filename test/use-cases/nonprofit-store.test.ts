import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { importCampaignNonprofits } from '../../src/nonprofits/import-campaign.js';
import { nonprofitLimits } from '../../src/nonprofits/model.js';
import { NonprofitStore } from '../../src/nonprofits/store.js';
import { createKeys } from '../../src/redis/keys.js';
import { type ContextHarness, startContext } from '../support/context.js';

let h: ContextHarness;
/** A store of its own per test, in a namespace of its own on the same Redis. */
let store: NonprofitStore;
let namespaces = 0;

const fund = (name: string, url = `https://${name.toLowerCase().replace(/\W+/g, '-')}.example.org/give`) => ({
  name,
  url,
  description: `${name} helps families.`,
});
const names = async () => (await store.list()).map((n) => n.name);

beforeAll(async () => {
  h = await startContext();
});
afterAll(async () => {
  await h.stop();
});
beforeEach(() => {
  namespaces++;
  store = new NonprofitStore(h.ctx.redis, createKeys(`nonprofits-${namespaces}`), nonprofitLimits.listed);
});

describe('at start-up', () => {
  it("the campaign file's nonprofits are listed, in the file's order", async () => {
    const listed = await h.ctx.nonprofits.list();
    expect(listed.map(({ name, url, description }) => ({ name, url, description }))).toEqual(
      h.ctx.campaign.donations,
    );
    expect(new Set(listed.map((n) => n.id)).size).toBe(listed.length);
  });
});

describe('importCampaignNonprofits', () => {
  it('never rewrites a listed nonprofit, and never brings back one organizers removed', async () => {
    const logger = h.ctx.logger;
    const file = [fund('Fund A'), fund('Fund B'), fund('Fund C')];
    await store.add({ ...fund('FUND b'), url: 'https://other.example.org/b' });
    expect(await importCampaignNonprofits({ nonprofits: store, logger }, file)).toEqual({
      created: 2,
      exists: 1,
      'imported-before': 0,
      full: 0,
    });
    // Fund B was already there under another spelling: kept as it was, in its place.
    expect(await names()).toEqual(['FUND b', 'Fund A', 'Fund C']);
    expect((await store.list())[0]?.url).toBe('https://other.example.org/b');

    const fundA = (await store.list()).find((n) => n.name === 'Fund A');
    expect(await store.remove(fundA?.id ?? '')).toMatchObject({ name: 'Fund A' });
    // The next start (here, two processes starting at once) adds nothing back.
    const again = await Promise.all([
      importCampaignNonprofits({ nonprofits: store, logger }, file),
      importCampaignNonprofits({ nonprofits: store, logger }, file),
    ]);
    for (const counts of again) expect(counts.created).toBe(0);
    expect(await names()).toEqual(['FUND b', 'Fund C']);

    // A nonprofit new to the file is added at the next start, at the end.
    await importCampaignNonprofits({ nonprofits: store, logger }, [...file, fund('Fund D')]);
    expect(await names()).toEqual(['FUND b', 'Fund C', 'Fund D']);
  });

  it('leaves out what does not fit and adds it at a later start once there is room', async () => {
    const logger = h.ctx.logger;
    for (let i = 0; i < nonprofitLimits.listed; i++) await store.add(fund(`Listed ${i}`));
    const counts = await importCampaignNonprofits({ nonprofits: store, logger }, [fund('Late Fund')]);
    expect(counts.full).toBe(1);
    expect(await store.count()).toBe(nonprofitLimits.listed);
    const first = (await store.list())[0];
    await store.remove(first?.id ?? '');
    expect((await importCampaignNonprofits({ nonprofits: store, logger }, [fund('Late Fund')])).created).toBe(
      1,
    );
    expect((await names()).at(-1)).toBe('Late Fund');
  });
});

describe('NonprofitStore', () => {
  it('keeps the order nonprofits were added in, and refuses a second one of the same name', async () => {
    await store.add(fund('Zeta'));
    await store.add(fund('Alpha'));
    expect(await store.add({ ...fund(' alpha'), name: 'ALPHA' })).toEqual({ ok: false, reason: 'duplicate' });
    expect(await names()).toEqual(['Zeta', 'Alpha']);
  });

  it('never lists more than the most, even when many are added at once', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: nonprofitLimits.listed + 5 }, (_, i) => store.add(fund(`Fund ${i}`))),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(nonprofitLimits.listed);
    expect(outcomes.filter((o) => !o.ok)).toEqual(Array(5).fill({ ok: false, reason: 'full' }));
    expect(await store.count()).toBe(nonprofitLimits.listed);
  });

  it('removes once, and frees the name', async () => {
    const added = await store.add(fund('Gone Fund'));
    if (!added.ok) throw new Error('not added');
    expect(await store.remove(added.nonprofit.id)).toEqual(added.nonprofit);
    expect(await store.remove(added.nonprofit.id)).toBeUndefined();
    expect(await store.list()).toEqual([]);
    expect((await store.add(fund('Gone Fund'))).ok).toBe(true);
  });
});
