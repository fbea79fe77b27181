import type { Button } from '@slack/types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { prepareArticles } from '../src/articles/prepare-articles.js';
import { loadCampaign } from '../src/campaign/load.js';
import { requestPost } from '../src/posting/request-post.js';
import { jobSchemas } from '../src/queues/contracts.js';
import { articleActions, articleFormBlocks, articleViews } from '../src/slack/ids.js';
import { type Harness, startHarness } from './support/rally.js';
import {
  type ApiCall,
  CHANNELS,
  dmChannelId,
  plainTextValue,
  TEAM_ID,
  USERS,
  type ViewStateValues,
} from './support/slack/index.js';

let h: Harness;
const campaign = await loadCampaign();
const fileSlug = 'over-100-microsoft-employees-call-on-ceo';

type Ack = { response_action?: string; errors?: Record<string, string>; view?: { blocks: unknown[] } };
type ViewArg = {
  callback_id: string;
  private_metadata: string;
  blocks: { block_id?: string; element?: Record<string, unknown> }[];
};

/** Form values as a person fills the article form in. */
function articleValues(fields: Partial<Record<keyof typeof articleFormBlocks, string>>, date?: string) {
  const values: ViewStateValues = {};
  for (const [field, value] of Object.entries(fields)) {
    const id = articleFormBlocks[field as keyof typeof articleFormBlocks];
    values[id] = { [id]: plainTextValue(value) };
  }
  const dateId = articleFormBlocks.published;
  values[dateId] = { [dateId]: { type: 'datepicker', selected_date: date ?? null } };
  return values;
}

const walkout = {
  headline: 'Cloud engineers walk out over the border contract',
  source: 'The Example Times',
  url: 'https://example.org/2026/03/06/walkout',
  summary: 'Hundreds of engineers walked out on Friday.\n\nThe company said it would answer by Monday.',
  quotes:
    '"We build it, so we have a say." — A platform engineer\n“It is a standard contract” – A spokesperson',
  framing: 'We are next: come to the meeting on Tuesday.',
  prompt: 'Would you walk out with them?',
};
const walkoutSlug = 'cloud-engineers-walk-out-over-the-border';

/** Runs `/rally <text>` as Alice and returns the modal Rally opened with the command's trigger. */
async function openForm(text: string): Promise<{ id: string; view: ViewArg }> {
  const res = await h.slack.command(text, { user: USERS.alice });
  expect(res.status).toBe(200);
  expect(res.text).toBe('');
  const call = await h.standIn.waitForCall(
    'views.open',
    (c) => c.args.trigger_id === res.sent.trigger_id && c.status === 200,
  );
  const view = call.args.view as ViewArg;
  const stored = h.standIn.views().findLast((v) => v.view.callback_id === view.callback_id);
  return { id: stored?.id ?? '', view };
}

const elementOf = (view: ViewArg, blockId: string) =>
  view.blocks.find((b) => b.block_id === blockId)?.element;

/** The preview Rally sent Alice privately, once it is there. */
async function previewFor(headline: string): Promise<ApiCall> {
  return h.standIn.waitForCall(
    'chat.postMessage',
    (c) => c.args.channel === USERS.alice && String(c.args.text).includes(headline) && c.status === 200,
    10_000,
  );
}

const buttonsIn = (blocks: unknown): Button[] =>
  (blocks as { type: string; elements?: Button[] }[]).flatMap((b) =>
    b.type === 'actions' ? (b.elements ?? []) : [],
  );

const posts = (channel: string) => h.standIn.messages(channel).filter((m) => m.thread_ts === undefined);
const replies = (channel: string, ts: string) =>
  h.standIn.messages(channel).filter((m) => m.thread_ts === ts);

async function summaryFor(responseUrl: string): Promise<string> {
  const id = responseUrl.split('/').pop();
  const response = await h.standIn.waitForResponse((r) => r.id === id, 15_000);
  return String((response.body as { text: string }).text);
}

beforeAll(async () => {
  h = await startHarness({ env: { RALLY_ORGANIZERS: USERS.alice } });
});

afterAll(async () => {
  await h.stop();
});

beforeEach(() => {
  h.standIn.reset();
});

describe('writing an article', () => {
  it("/rally article new opens the form with the command's trigger, each box limited", async () => {
    const { view } = await openForm('article new');
    expect(view.callback_id).toBe(articleViews.form);
    expect(view.private_metadata).toBe('');
    expect(elementOf(view, articleFormBlocks.headline)).toMatchObject({
      type: 'plain_text_input',
      max_length: 150,
    });
    expect(elementOf(view, articleFormBlocks.summary)).toMatchObject({ multiline: true, max_length: 3000 });
    expect(elementOf(view, articleFormBlocks.published)).toMatchObject({ type: 'datepicker' });
  });

  it('/rally article <link> opens it with the link filled in and the source guessed from the host alone', async () => {
    const { view } = await openForm('article https://www.theguardian.com/us-news/2018/jun/20/microsoft-ice');
    expect(elementOf(view, articleFormBlocks.url)?.initial_value).toBe(
      'https://www.theguardian.com/us-news/2018/jun/20/microsoft-ice',
    );
    expect(elementOf(view, articleFormBlocks.source)?.initial_value).toBe('The Guardian');
    expect(h.standIn.calls().map((c) => c.method)).toEqual(['views.open']);
  });

  it('answers a link that is not https, or a stray word, privately with the right form, and opens nothing', async () => {
    for (const [text, problem] of [
      ['article http://insecure.example.org/page', 'Rally links only to https:// pages'],
      ['article poem', '"poem" is not a link.'],
      ['article', 'Type `new` to write an article, or give its https:// link.'],
    ]) {
      const res = await h.slack.command(text ?? '', { user: USERS.alice });
      const body = res.json as { response_type: string; text: string };
      expect(body.response_type).toBe('ephemeral');
      expect(body.text).toContain(problem);
      expect(body.text).toContain(
        'The right form is: `/rally article new | /rally article &lt;https link&gt;`',
      );
    }
    expect(h.standIn.calls('views.open')).toEqual([]);
  });

  it('puts each problem on its field and saves nothing; saved, it answers privately with a preview', async () => {
    const { id } = await openForm('article new');
    const before = (await h.rally.ctx.articles.list()).length;

    const bad = await h.slack.viewSubmission({
      viewId: id,
      values: articleValues({
        headline: '',
        source: walkout.source,
        url: 'http://example.org/not-secure',
        summary: '   ',
        quotes: 'Words and nobody who said them',
      }),
    });
    expect(bad.json as Ack).toEqual({
      response_action: 'errors',
      errors: {
        [articleFormBlocks.headline]: 'Give the article its headline.',
        [articleFormBlocks.url]: 'The link must be an https:// URL, such as https://example.org/page.',
        [articleFormBlocks.summary]:
          'Write the summary: the reported facts, a blank line between paragraphs.',
        [articleFormBlocks.quotes]:
          'Line 1 needs a dash and who said it, as in: "We refuse to be complicit." — Microsoft workers',
      },
    });
    expect(await h.rally.ctx.articles.list()).toHaveLength(before);

    const good = await h.slack.viewSubmission({ viewId: id, values: articleValues(walkout, '2026-03-06') });
    expect(good.status).toBe(200);
    expect(good.text).toBe('');
    const [saved] = await h.rally.ctx.articles.list();
    expect(saved).toMatchObject({
      slug: walkoutSlug,
      origin: 'slack',
      text: {
        headline: walkout.headline,
        published: '2026-03-06',
        summary: [
          'Hundreds of engineers walked out on Friday.',
          'The company said it would answer by Monday.',
        ],
        quotes: [
          { text: 'We build it, so we have a say.', speaker: 'A platform engineer' },
          { text: 'It is a standard contract', speaker: 'A spokesperson' },
        ],
        framing: walkout.framing,
        discussionPrompt: walkout.prompt,
      },
    });

    const preview = await previewFor(walkout.headline);
    const blocks = JSON.stringify(preview.args.blocks);
    expect(blocks).toContain(`\`${walkoutSlug}\``);
    expect(blocks).toContain(':mega: *From the organizers:* We are next');
    expect(blocks).toContain('Its thread starts with: Would you walk out with them?');
    expect(buttonsIn(preview.args.blocks).map((b) => [b.action_id, b.value])).toEqual([
      [articleActions.open, undefined],
      [articleActions.post, saved?.id],
      [articleActions.edit, saved?.id],
      [articleActions.delete, saved?.id],
    ]);
    // Nothing went to a channel.
    expect(h.standIn.calls('chat.postMessage').filter((c) => c.args.channel !== USERS.alice)).toEqual([]);
  });

  it('two articles with the same headline get different short names', async () => {
    const { id } = await openForm('article new');
    await h.slack.viewSubmission({ viewId: id, values: articleValues({ ...walkout, prompt: 'Second?' }) });
    await previewFor(walkout.headline);
    const slugs = (await h.rally.ctx.articles.list()).map((a) => a.slug);
    expect(slugs.slice(0, 2)).toEqual([`${walkoutSlug}-2`, walkoutSlug]);
    const second = await h.rally.ctx.articles.idBySlug(`${walkoutSlug}-2`);
    expect(await h.rally.ctx.articles.delete(second ?? '')).toBe(true);
  });
});

describe('posting an article', () => {
  it('/rally post article <name> posts it to two channels, each with its thread, the job naming the article', async () => {
    const id = await h.rally.ctx.articles.idBySlug(walkoutSlug);
    const res = await h.slack.command(`post article ${walkoutSlug} #general #core-team`, {
      user: USERS.alice,
    });
    expect((res.json as { text: string }).text).toBe(
      `Posting the article "${walkout.headline}" (\`${walkoutSlug}\`) to <#${CHANNELS.general}>, <#${CHANNELS.coreTeam}>, each copy with its discussion thread. I'll tell you here how it went in each channel.`,
    );
    const summary = await summaryFor(res.sent.response_url as string);
    expect(summary).toContain('Posting the article: 2 of 2 channels done.');
    for (const channel of [CHANNELS.general, CHANNELS.coreTeam]) {
      const [copy] = posts(channel);
      expect(copy?.blocks[0]).toMatchObject({ type: 'header', text: { text: walkout.headline } });
      expect(JSON.stringify(copy?.blocks)).toContain(
        '> “We build it, so we have a say.”\\n> — A platform engineer',
      );
      const [thread] = replies(channel, copy?.ts ?? '');
      expect(thread?.text).toBe('Would you walk out with them?');
    }
    // The summary is sent from inside the job, which completes just after.
    const queue = h.rally.ctx.queues.queue('campaign-post');
    await expect.poll(() => queue.getJobCountByTypes('completed'), { timeout: 10_000 }).toBe(1);
    const [job] = await queue.getJobs(['completed']);
    expect(jobSchemas['campaign-post'].parse(job?.data)).toMatchObject({ kind: 'article', articleId: id });
    const children = await h.rally.ctx.queues.queue('post-channel').getJobs(['completed']);
    const ofThisPost = children.filter((c) => c.data.postId === job?.data.postId);
    expect(ofThisPost.map((c) => c.data.articleId)).toEqual([id, id]);
    expect((await h.rally.ctx.articles.get(id ?? ''))?.postedAt).toBeGreaterThan(0);
  });

  it('/rally post article with no name posts the newest', async () => {
    const res = await h.slack.command('post article #general', { user: USERS.alice });
    expect((res.json as { text: string }).text).toContain(`(\`${walkoutSlug}\`)`);
    await summaryFor(res.sent.response_url as string);
    expect(posts(CHANNELS.general)[0]?.blocks[0]).toMatchObject({ text: { text: walkout.headline } });
  });

  it('Post to channels… on the preview opens a channel picker, and posting from it opens each thread', async () => {
    const id = (await h.rally.ctx.articles.idBySlug(walkoutSlug)) ?? '';
    await h.rally.ctx.queues.enqueue('article-preview', { articleId: id, requestedBy: USERS.alice });
    await previewFor(walkout.headline);
    const [preview] = h.standIn.messages(dmChannelId(USERS.alice));
    const click = await h.slack.action({
      actionId: articleActions.post,
      user: USERS.alice,
      channel: dmChannelId(USERS.alice),
      messageTs: preview?.ts ?? '',
    });
    expect(click.status).toBe(200);
    const opened = await h.standIn.waitForCall('views.open', (c) => c.status === 200);
    const view = opened.args.view as ViewArg;
    expect([view.callback_id, view.private_metadata]).toEqual([articleViews.post, id]);
    const form = h.standIn.views().find((v) => v.view.callback_id === articleViews.post);

    const none = await h.slack.viewSubmission({ viewId: form?.id ?? '', values: {} });
    expect((none.json as Ack).errors).toEqual({ [articleFormBlocks.channels]: 'Pick at least one channel.' });

    const picked = await h.slack.viewSubmission({
      viewId: form?.id ?? '',
      values: {
        [articleFormBlocks.channels]: {
          [articleFormBlocks.channels]: {
            type: 'multi_conversations_select',
            selected_conversations: [CHANNELS.organizing, CHANNELS.random],
          },
        },
      },
    });
    expect(picked.status).toBe(200);
    for (const channel of [CHANNELS.organizing, CHANNELS.random]) {
      await h.standIn.waitForCall(
        'chat.postMessage',
        (c) => c.args.channel === channel && c.args.thread_ts !== undefined,
        10_000,
      );
      const [copy] = posts(channel);
      expect(copy?.blocks[0]).toMatchObject({ text: { text: walkout.headline } });
      expect(replies(channel, copy?.ts ?? '').map((r) => r.text)).toEqual(['Would you walk out with them?']);
    }
  });

  it('"Post anyway" to a shared channel posts the article that was named, not the newest', async () => {
    const fileId = await h.rally.ctx.articles.idBySlug(fileSlug);
    const res = await h.slack.command(`post article ${fileSlug} #partners`, { user: USERS.alice });
    const id = String(res.sent.response_url).split('/').pop();
    const summary = (await h.standIn.waitForResponse((r) => r.id === id, 15_000)).body as {
      text: string;
      blocks: unknown[];
    };
    expect(summary.text).toContain('shared with another organization');
    const [button] = buttonsIn(summary.blocks);
    expect(button?.value).toBe(`article:${CHANNELS.partners}:${fileId}`);
    const click = await h.slack.action({
      actionId: button?.action_id ?? '',
      value: button?.value ?? '',
      user: USERS.alice,
      channel: CHANNELS.organizing,
    });
    expect(await summaryFor(click.sent.response_url as string)).toContain('1 of 1 channel done');
    expect(posts(CHANNELS.partners)[0]?.blocks[0]).toMatchObject({
      text: { text: campaign.article.headline },
    });
  });

  it('tells the organizer when the article was deleted before its copy was posted', async () => {
    await requestPost(h.rally.ctx, {
      kind: 'article',
      articleId: 'aDELETED1',
      teamId: TEAM_ID,
      requestedBy: USERS.alice,
      channels: [CHANNELS.general],
      responseUrl: h.standIn.newResponseUrl({ channel: CHANNELS.organizing, user: USERS.alice }),
    });
    const response = await h.standIn.waitForResponse(undefined, 15_000);
    expect((response.body as { text: string }).text).toBe(
      `Posting the article: 0 of 1 channel done.\n:x: <#${CHANNELS.general}>: not posted. That article no longer exists.`,
    );
    expect(h.standIn.calls('chat.postMessage')).toEqual([]);
  });

  it('refuses a name no article has, with the right form', async () => {
    const res = await h.slack.command('post article no-such-article #general', { user: USERS.alice });
    const body = res.json as { text: string };
    expect(body.text).toContain(
      'There is no article called "no-such-article". `/rally articles` lists them.',
    );
    expect(body.text).toContain('The right form is: `/rally post article|letter [name] [#channel ...]`');
    expect(h.standIn.calls('chat.postMessage')).toEqual([]);
  });
});

describe('managing articles', () => {
  it('/rally articles lists them newest first, with their short names and actions', async () => {
    const res = await h.slack.command('articles', { user: USERS.alice });
    const body = res.json as { response_type: string; text: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toBe('2 articles');
    const texts = JSON.stringify(body.blocks);
    expect(texts.indexOf(walkoutSlug)).toBeLessThan(texts.indexOf(fileSlug));
    expect(texts).toContain('from the campaign file');
    const ids = (await h.rally.ctx.articles.list()).map((a) => a.id);
    expect(buttonsIn(body.blocks).map((b) => `${b.action_id}:${b.value}`)).toEqual(
      ids.flatMap((id) => [
        `${articleActions.post}:${id}`,
        `${articleActions.edit}:${id}`,
        `${articleActions.delete}:${id}`,
      ]),
    );
  });

  it('Edit opens the form filled in; saving changes the words, keeps the name, and sends a new preview', async () => {
    const id = (await h.rally.ctx.articles.idBySlug(walkoutSlug)) ?? '';
    const click = await h.slack.action({ actionId: articleActions.edit, value: id, user: USERS.alice });
    expect(click.status).toBe(200);
    const opened = await h.standIn.waitForCall('views.open', (c) => c.status === 200);
    const view = opened.args.view as ViewArg;
    expect(view.private_metadata).toBe(id);
    expect(elementOf(view, articleFormBlocks.headline)?.initial_value).toBe(walkout.headline);
    expect(elementOf(view, articleFormBlocks.published)?.initial_date).toBe('2026-03-06');
    expect(elementOf(view, articleFormBlocks.quotes)?.initial_value).toBe(
      '“We build it, so we have a say.” — A platform engineer\n“It is a standard contract” — A spokesperson',
    );
    const form = h.standIn.views().find((v) => v.view.private_metadata === id);
    const edited = {
      ...walkout,
      headline: 'Engineers walk out, and the company answers',
      url: '',
      framing: '',
    };
    const saved = await h.slack.viewSubmission({
      viewId: form?.id ?? '',
      values: articleValues(edited, '2026-03-07'),
    });
    expect(saved.text).toBe('');
    await previewFor(edited.headline);
    const article = await h.rally.ctx.articles.get(id);
    expect(article?.slug).toBe(walkoutSlug);
    expect(article?.text.headline).toBe(edited.headline);
    expect(article?.text.url).toBeUndefined();
    expect(article?.text.framing).toBeUndefined();
    expect(article?.text.published).toBe('2026-03-07');
  });

  it('Delete removes it and frees its name; posting it by name is then refused', async () => {
    const id = (await h.rally.ctx.articles.idBySlug(walkoutSlug)) ?? '';
    const click = await h.slack.action({ actionId: articleActions.delete, value: id, user: USERS.alice });
    const response = await h.standIn.waitForResponse(
      (r) => r.id === String(click.sent.response_url).split('/').pop(),
    );
    expect((response.body as { text: string }).text).toBe(
      `The article \`${walkoutSlug}\` was deleted. Copies already posted stay in their channels.`,
    );
    expect(await h.rally.ctx.articles.get(id)).toBeUndefined();
    expect(await h.rally.ctx.articles.idBySlug(walkoutSlug)).toBeUndefined();
    const res = await h.slack.command(`post article ${walkoutSlug}`, { user: USERS.alice });
    expect((res.json as { text: string }).text).toContain(`There is no article called "${walkoutSlug}".`);
    // A copy whose posting finishes after the deletion does not bring it back.
    await h.rally.ctx.articles.markPosted(id);
    expect(await h.rally.ctx.articles.get(id)).toBeUndefined();
    expect(await h.rally.ctx.articles.replaceText(id, campaign.article)).toBe(false);
    expect(await h.rally.ctx.articles.get(id)).toBeUndefined();
  });
});

describe('participants', () => {
  it('are refused the commands, the form and the buttons, privately, and nothing changes', async () => {
    const before = await h.rally.ctx.articles.list();
    for (const text of ['article new', 'article https://example.org/a', 'articles']) {
      const res = await h.slack.command(text, { user: USERS.bob });
      const body = res.json as { response_type: string; text: string };
      expect(body.response_type).toBe('ephemeral');
      expect(body.text).toMatch(/Only organizers can (write|manage) articles/);
    }
    const submitted = await h.slack.viewSubmission({
      user: USERS.bob,
      callbackId: articleViews.form,
      values: articleValues(walkout),
    });
    expect((submitted.json as Ack).response_action).toBe('update');
    expect(JSON.stringify((submitted.json as Ack).view)).toContain('Only organizers can write articles');
    const id = before[0]?.id ?? '';
    const click = await h.slack.action({ actionId: articleActions.delete, value: id, user: USERS.bob });
    const refusal = await h.standIn.waitForResponse(
      (r) => r.id === String(click.sent.response_url).split('/').pop(),
    );
    expect((refusal.body as { text: string }).text).toContain('Only organizers can delete articles');
    expect(h.standIn.calls('views.open')).toEqual([]);
    expect(await h.rally.ctx.articles.list()).toEqual(before);
  });
});

describe('the campaign file', () => {
  it('its article was imported at start-up, and is never rewritten or brought back', async () => {
    const [file] = (await h.rally.ctx.articles.list()).filter((a) => a.origin === 'file');
    expect(file).toMatchObject({ slug: fileSlug, text: campaign.article });
    expect(h.logs.find('article of the campaign file imported')).toBeDefined();

    // Edited in Slack, it stays as edited when Rally starts again with the same file.
    const edited = { ...campaign.article, framing: 'Our own words now.' };
    expect(await h.rally.ctx.articles.replaceText(file?.id ?? '', edited)).toBe(true);
    await prepareArticles(h.rally.ctx, campaign.article);
    expect((await h.rally.ctx.articles.get(file?.id ?? ''))?.text.framing).toBe('Our own words now.');
    expect(await h.rally.ctx.articles.list()).toHaveLength(1);

    // Deleted, it does not come back.
    await h.rally.ctx.articles.delete(file?.id ?? '');
    await prepareArticles(h.rally.ctx, campaign.article);
    expect(await h.rally.ctx.articles.list()).toEqual([]);
    const res = await h.slack.command('post article', { user: USERS.alice });
    expect((res.json as { text: string }).text).toContain(
      'There is no article yet. Write one with `/rally article new`.',
    );

    // A different article in the file is imported, once.
    const next = { ...campaign.article, headline: 'A new article in the campaign file' };
    await prepareArticles(h.rally.ctx, next);
    await prepareArticles(h.rally.ctx, next);
    expect((await h.rally.ctx.articles.list()).map((a) => [a.slug, a.origin])).toEqual([
      ['a-new-article-in-the-campaign-file', 'file'],
    ]);
  });
});
