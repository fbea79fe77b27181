import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { CampaignError, defaultCampaignPath, loadCampaign, parseCampaign } from '../../src/campaign/load.js';
import { defaultDiscussionPrompt } from '../../src/campaign/schema.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A small valid campaign, as plain data to be changed and written as YAML. */
const validCampaign = () => ({
  article: {
    headline: 'Workers ask their company to drop a contract',
    source: 'The Daily Example',
    url: 'https://news.example.org/2024/01/02/contract',
    published: '2024-01-02',
    summary: ['More than 50 workers signed a letter.', 'The company answered in a memo.'],
    quotes: [{ text: 'We refuse to be complicit.', speaker: 'The letter' }],
    framing: 'We share this because it matters to us.',
  },
  letter: {
    title: 'Drop the contract',
    addressee: 'The chief executive',
    opening: 'We, the undersigned, write to you.',
    body: ['First paragraph.', 'Second paragraph.'],
    ask: 'End the contract.',
  },
  donations: [
    { name: 'Fund A', url: 'https://a.example.org/donate', description: 'Helps families.' },
    { name: 'Fund B', url: 'https://b.example.org/give', description: 'Gives legal help.' },
  ],
});

/** The problems a campaign is rejected with; fails the test when it is accepted. */
function problemsOf(yamlText: string): string[] {
  try {
    parseCampaign(yamlText, 'campaign.yml');
  } catch (err) {
    expect(err).toBeInstanceOf(CampaignError);
    const error = err as CampaignError;
    for (const problem of error.problems) expect(error.message).toContain(`  ${problem}`);
    return [...error.problems];
  }
  throw new Error('expected the campaign to be rejected');
}

const problemsOfData = (data: unknown) => problemsOf(stringify(data));

describe('the default campaign', () => {
  it('loads and validates', async () => {
    const campaign = await loadCampaign();
    expect(campaign.article.source).toBe('The Source');
    expect(campaign.article.url).toMatch(/^https:\/\//);
    expect(campaign.article.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(campaign.letter.addressee).toContain('Satya Nadella');
    expect(campaign.donations.length).toBeGreaterThan(0);
    for (const donation of campaign.donations) expect(donation.url).toMatch(/^https:\/\/[^/]+\.[^/]+\//);
  });

  it('reports the facts of the article: the letter, the contract, the memo and the other companies', async () => {
    const { article } = await loadCampaign();
    const summary = article.summary.join('\n');
    for (const fact of ['Over 100 Microsoft employees', '$19.4 million', '2,000 children', 'internal memo']) {
      expect(summary).toContain(fact);
    }
    expect(summary).toMatch(/Google, Apple and Facebook/);
    expect(summary).toContain('San Francisco and Washington');
    expect(article.quotes.map((quote) => quote.speaker)).toContain(
      'Satya Nadella, in an internal memo to all employees',
    );
  });

  it('leaves out the advertisement that sat inside the source page', async () => {
    const text = await readFile(defaultCampaignPath(), 'utf8');
    expect(text).not.toContain('streaming.thesource.com');
    expect(JSON.stringify(await loadCampaign())).not.toContain('streaming');
  });

  it('keeps the organizers framing apart and marks the letter body as reported excerpts', async () => {
    const campaign = await loadCampaign();
    expect(campaign.article.framing).toBeDefined();
    expect(campaign.article.summary.join(' ')).not.toContain(campaign.article.framing);
    expect(campaign.letter.body[0]).toMatch(/Excerpts of the employees' letter, as reported by The Source/);
    expect(campaign.letter.ask).toContain('end');
  });

  it('is found beside the module, and from the compiled dist/ folder in the sources', () => {
    expect(defaultCampaignPath()).toBe(join(repoRoot, 'src', 'campaign', 'default-campaign.yml'));
    const compiled = pathToFileURL(join(repoRoot, 'dist', 'src', 'campaign', 'load.js'));
    // tsc copies no YAML, so nothing is beside the compiled module.
    const fromDist = defaultCampaignPath(compiled, () => false);
    expect(fromDist).toBe(join(repoRoot, 'src', 'campaign', 'default-campaign.yml'));
    expect(existsSync(fromDist)).toBe(true);
  });
});

describe('parseCampaign', () => {
  it('accepts a valid campaign, trims text and fills the defaults', () => {
    const data = validCampaign();
    data.article.headline = `  ${data.article.headline}  `;
    const { donations: _, ...withoutDonations } = data;
    const campaign = parseCampaign(stringify(withoutDonations), 'campaign.yml');
    expect(campaign.article.headline).toBe('Workers ask their company to drop a contract');
    expect(campaign.article.discussionPrompt).toBe(defaultDiscussionPrompt);
    expect(campaign.donations).toEqual([]);
    expect(campaign.letter.closing).toBeUndefined();
  });

  it('treats an empty optional field as absent', () => {
    const yamlText = stringify(validCampaign()).replace(/^ {2}framing: .*$/m, '  framing:');
    expect(parseCampaign(yamlText, 'campaign.yml').article.framing).toBeUndefined();
  });

  it('names a missing field', () => {
    const data = validCampaign();
    const { addressee: _, ...letter } = data.letter;
    expect(problemsOfData({ ...data, letter })).toEqual(['letter.addressee: is required']);
  });

  it('rejects a 10,000-character headline, saying how long it is', () => {
    const data = validCampaign();
    data.article.headline = 'x'.repeat(10_000);
    expect(problemsOfData(data)).toEqual(['article.headline: must be at most 150 characters (got 10000)']);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['http:', 'http://b.example.org/give'],
    ['a bare host', 'b.example.org/give'],
    ['a host without a dot', 'https://localhost/give'],
  ])('rejects a donation URL that is %s, naming the entry', (_kind, url) => {
    const data = validCampaign();
    const second = data.donations[1];
    if (!second) throw new Error('the fixture has two donations');
    second.url = url;
    expect(problemsOfData(data)).toEqual([
      'donations[1].url: must be an https:// URL, such as https://example.org/page',
    ]);
  });

  it('rejects a donation without a name, and an article URL that is not https', () => {
    const data = validCampaign();
    const { name: _, ...nameless } = data.donations[0] ?? {};
    data.article.url = 'http://news.example.org/';
    expect(problemsOfData({ ...data, donations: [nameless, data.donations[1]] })).toEqual([
      'article.url: must be an https:// URL, such as https://example.org/page',
      'donations[0].name: is required',
    ]);
  });

  it('lists every problem at once: empty text, wrong types, bad dates, unknown fields', () => {
    const data = validCampaign();
    expect(
      problemsOfData({
        ...data,
        article: { ...data.article, source: '   ', published: '2024-13-40', summary: 'one paragraph' },
        letter: { ...data.letter, body: [], adressee: 'typo' },
        donations: [{ ...data.donations[0], description: 'two\nlines' }],
      }),
    ).toEqual([
      'article.source: must not be empty',
      'article.published: must be a date written YYYY-MM-DD, such as 2018-06-20 (put it in quotes)',
      'article.summary: must be a list of paragraphs',
      'letter.body: must have at least one paragraph',
      'letter.adressee: is not a field Rally knows (check the spelling)',
      'donations[0].description: must be a single line',
    ]);
  });

  it('says what is wrong with an empty file or a file that is not a mapping', () => {
    expect(problemsOf('')).toEqual(['campaign: is required']);
    expect(problemsOf('- just\n- a list\n')).toEqual([
      'campaign: must be a mapping with article, letter and donations',
    ]);
  });

  it('gives the line of a YAML syntax error', () => {
    const problems = problemsOf('article:\n  headline: fine\n  summary: [one, two\nletter: {}\n');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/^line 4, column \d+: /);
    expect(() => parseCampaign('a: 1\na: 2\n', 'dup.yml')).toThrow(
      /dup\.yml is not valid YAML:\n {2}line 2, column 1: Map keys must be unique/,
    );
  });
});

describe('loadCampaign', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('reads a campaign file from a path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rally-campaign-'));
    dirs.push(dir);
    const path = join(dir, 'campaign.yml');
    await writeFile(path, stringify(validCampaign()));
    expect((await loadCampaign(path)).letter.title).toBe('Drop the contract');
  });

  it('names a file that is not there', async () => {
    const error = await loadCampaign('/nonexistent/campaign.yml').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(CampaignError);
    expect((error as Error).message).toBe(
      'Rally cannot read the campaign file /nonexistent/campaign.yml: no such file',
    );
  });
});
