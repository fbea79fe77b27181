import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignLetterText } from '../src/campaign/letter-text.js';
import { loadCampaign } from '../src/campaign/load.js';
import { buildHelpMessage } from '../src/commands/blocks/help.js';
import { subcommands } from '../src/commands/catalog.js';
import { buildEventMessage } from '../src/events/blocks/event-message.js';
import type { StoredEvent } from '../src/events/model.js';
import { buildLetterMessage } from '../src/letters/blocks/letter-message.js';
import { buildPollMessage } from '../src/polls/blocks/poll-message.js';
import { buildPollModal } from '../src/polls/blocks/poll-modal.js';
import type { PollView } from '../src/polls/model.js';
import { pollBlocks } from '../src/slack/ids.js';
import { renderBlocks, renderMessageBody, renderModal, renderMrkdwn } from './playground/blocks.js';
import { buildStateValues, type Playground, startPlayground } from './playground/server.js';
import { startRedis, type TestRedis } from './support/redis-server.js';
import { USERS } from './support/slack/index.js';

const ctx = {
  userName: (id: string) => ({ U0ALICE01: 'alice' })[id],
  channelName: (id: string) => ({ C0GENERAL1: 'general' })[id],
};

const poll: PollView = {
  id: 'p1',
  question: 'Lunch <today>?',
  options: ['Pizza & salad', 'Tacos'],
  emojis: ['one', 'two'],
  anonymous: false,
  multiple: false,
  hidden: false,
  creatorId: USERS.alice,
  closesAt: Date.UTC(2026, 11, 1, 17, 0),
  closed: false,
  counts: [2, 1],
  voters: 3,
  minAnonymous: 3,
  reactionsEnabled: true,
};

describe('the Block Kit renderer', () => {
  it('renders a poll as Rally posts it: header, mentions, emoji, bold, date fallback and vote buttons', () => {
    const html = renderMessageBody(buildPollMessage(poll), ctx);
    expect(html).toContain('<div class="bk-header">Lunch &lt;today&gt;?</div>');
    expect(html).toContain('Created by <span class="mention" data-user="U0ALICE01">@alice</span>');
    expect(html).toContain('1️⃣ <b>Pizza &amp; salad</b>');
    expect(html).toContain('Closes <span class="date">Tue 1 Dec, 17:00 (UTC)</span>');
    expect(html).toContain('data-action-id="poll_vote_1"');
    expect(html).toContain('data-value="p1:1"');
    expect(html).toContain('data-confirm="Close this poll?');
    expect(html).not.toContain('<today>');
  });

  it('renders the letter with its primary button and signature line', async () => {
    const campaign = await loadCampaign();
    const html = renderMessageBody(
      buildLetterMessage(
        {
          id: 'campaign',
          slug: 'the-letter',
          status: 'open',
          text: campaignLetterText(campaign),
          allowAnonymous: true,
          allowConditional: true,
          createdAt: 0,
          origin: 'file',
          textVersion: 1,
        },
        { named: 2, anonymous: 3, waiting: 0 },
        { minAnonymous: 1 },
      ),
      ctx,
    );
    expect(html).toContain('bk-button primary');
    expect(html).toContain('Sign the letter');
    expect(html).toContain('<b>5 signatures</b>: 2 named, 3 anonymous');
  });

  it('renders an event as Rally posts it: title, date, place, counts and its buttons', () => {
    const event: StoredEvent = {
      id: 'ev1ev1',
      teamId: 'T1',
      title: 'Walkout for families',
      description: 'Bring signs & water.',
      place: 'Building 92 lobby',
      placeFor: 'everyone',
      mode: 'named',
      capacity: 40,
      startsAt: Date.UTC(2026, 11, 4, 20, 0),
      endsAt: Date.UTC(2026, 11, 4, 21, 30),
      endGiven: true,
      zone: 'America/Los_Angeles',
      status: 'open',
      revision: 0,
      createdAt: 0,
    };
    const html = renderMessageBody(
      buildEventMessage(event, { going: 12, maybe: 3, cant: 2, waitlist: 0 }, { minAnonymous: 5 }),
      ctx,
    );
    expect(html).toContain('<div class="bk-header">Walkout for families</div>');
    expect(html).toContain('<span class="date">Fri 4 Dec, 12:00 (America/Los_Angeles)</span>');
    expect(html).toContain('Building 92 lobby');
    expect(html).toContain('Bring signs &amp; water.');
    expect(html).toContain('<b>12 going</b> · 3 maybe · 2 can’t go · 28 places left');
    expect(html).toContain('data-action-id="event_going"');
    expect(html).toContain('bk-button danger');
    expect(html).toContain('data-confirm="Cancel this event?');
  });

  it('renders the help message: code spans, italics, divider and context', () => {
    const html = renderBlocks(buildHelpMessage(subcommands, ':warning: oops').blocks, ctx);
    expect(html).toContain('⚠️ oops');
    expect(html).toContain('<hr class="bk-divider">');
    expect(html).toMatch(/<b><code>\/rally poll [^<]*<\/code><\/b>/);
    expect(html).toContain('<i>Organizers.</i>');
    expect(html).toContain('class="bk-context"');
  });

  it('renders the poll form as inputs, and builds state.values the way Slack does', () => {
    const modal = buildPollModal('meta');
    const html = renderModal(modal as unknown as Record<string, unknown>, 'V1', {
      timeZone: 'Europe/Berlin',
    });
    expect(html).toContain('<form class="modal" data-view-id="V1">');
    expect(html).toContain(`data-block-id="${pollBlocks.question}"`);
    expect(html).toContain('<textarea');
    expect(html).toContain('type="checkbox"');
    const values = buildStateValues(
      modal.blocks,
      {
        [pollBlocks.question]: { [pollBlocks.question]: { value: 'Lunch?' } },
        [pollBlocks.settings]: { [pollBlocks.settings]: { values: ['multiple'] } },
      },
      'Europe/Berlin',
    );
    expect(values[pollBlocks.question]?.[pollBlocks.question]).toEqual({
      type: 'plain_text_input',
      value: 'Lunch?',
    });
    const settings = values[pollBlocks.settings]?.[pollBlocks.settings] as { selected_options: unknown[] };
    expect(settings.selected_options).toHaveLength(1);
    expect(settings.selected_options[0]).toMatchObject({ value: 'multiple' });
  });

  it('handles the rest of mrkdwn and escapes everything', () => {
    expect(
      renderMrkdwn('~gone~ _it_ *b* `x<y` <https://example.org/?a=1&amp;b=2|site> <#C0GENERAL1>', ctx),
    ).toBe(
      '<s>gone</s> <i>it</i> <b>b</b> <code>x&lt;y</code> <a href="https://example.org/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">site</a> <span class="mention channel">#general</span>',
    );
    expect(renderMrkdwn('&gt; quoted\n```a *b*```', ctx)).toBe(
      '<blockquote>quoted</blockquote><pre class="code-block">a *b*</pre>',
    );
    expect(
      renderMrkdwn('<javascript:alert(1)|click> &lt;img src=x onerror="alert(1)"&gt; :tada: :nope:'),
    ).toBe('click &lt;img src=x onerror=&quot;alert(1)&quot;&gt; 🎉 :nope:');
    expect(renderBlocks([{ type: 'mystery' }, 'junk'])).toBe(
      '<div class="bk-unsupported">[mystery block]</div>',
    );
  });
});

/**
 * The README's picture of the playground (#general with a poll and the letter), 1200×800. Written only when
 * PLAYGROUND_README_SCREENSHOT=1, so ordinary test runs leave the committed file alone.
 */
async function saveReadmeScreenshot(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1200, height: 800 });
  const poll = page.locator('.msg', { has: page.locator('.bk-header', { hasText: 'Lunch?' }) });
  await poll.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: 'test/playground/page/screenshot.png' });
  await page.setViewportSize({ width: 1200, height: 900 });
}

const chromiumPath = '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
const shots = 'test-artifacts/playground';

describe.skipIf(!haveChromium)(
  haveChromium
    ? 'the playground in a browser'
    : 'the playground in a browser (skipped: Debian chromium is not installed)',
  () => {
    let redis: TestRedis;
    let playground: Playground;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      await mkdir(shots, { recursive: true });
      redis = await startRedis({ private: true });
      playground = await startPlayground({ redisUrl: redis.url, port: 0, namespace: 'playground-test' });
      browser = await chromium.launch({
        executablePath: chromiumPath,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    });

    afterAll(async () => {
      await browser?.close();
      await playground?.stop();
      await redis?.stop();
    });

    it('creates a poll from the composer, votes with a button and, as another coworker, with a reaction', async () => {
      await page.goto(playground.url);
      await expect.poll(() => page.locator('#channels .nav-item').count()).toBe(4);
      await page.locator('#channels .nav-item', { hasText: 'general' }).click();
      await page.fill('#composer-input', '/rally poll "Lunch?" "Pizza" "Tacos"');
      await page.press('#composer-input', 'Enter');
      const pollMessage = page.locator('.msg', { has: page.locator('.bk-header', { hasText: 'Lunch?' }) });
      await pollMessage.waitFor({ timeout: 10_000 });
      await page.screenshot({ path: `${shots}/1-poll-created.png` });

      await pollMessage.getByRole('button', { name: 'Pizza' }).click();
      await pollMessage.getByText('1 person voted.').waitFor({ timeout: 10_000 });
      await page.screenshot({ path: `${shots}/2-voted-with-button.png` });

      await page.selectOption('#user', USERS.bob);
      const tacos = pollMessage.locator('.reaction[data-name="two"]');
      await tacos.waitFor({ timeout: 10_000 });
      await tacos.click();
      await pollMessage.getByText('2 people voted.').waitFor({ timeout: 10_000 });
      await expect.poll(() => tacos.getAttribute('class')).toContain('mine');
      const body = await pollMessage.locator('.msg-body').textContent();
      expect(body).toMatch(/Pizza\s*█████░░░░░\s+1 vote \(50%\)/);
      expect(body).toMatch(/Tacos\s*█████░░░░░\s+1 vote \(50%\)/);
      await page.screenshot({ path: `${shots}/3-bob-voted-with-reaction.png` });
    });

    it('posts the letter and, as another coworker, signs it anonymously through the modal', async () => {
      await page.selectOption('#user', USERS.alice);
      await page.locator('#channels .nav-item', { hasText: 'general' }).click();
      await page.fill('#composer-input', '/rally post letter');
      await page.press('#composer-input', 'Enter');
      const letter = page.locator('.msg', { has: page.getByRole('button', { name: 'Sign the letter' }) });
      await letter.waitFor({ timeout: 10_000 });
      await letter.getByText('No signatures yet.').waitFor({ timeout: 10_000 });
      await page.screenshot({ path: `${shots}/4-letter-posted.png` });

      await page.selectOption('#user', USERS.carla);
      await expect.poll(() => page.locator('#user-zone').textContent()).toContain('Europe/Berlin');
      await letter.getByRole('button', { name: 'Sign the letter' }).click();
      const modal = page.locator('#modal-layer form.modal');
      await modal.locator('.modal-title', { hasText: 'Sign the letter' }).waitFor({ timeout: 10_000 });
      await modal.getByRole('radio', { name: 'Anonymously', exact: true }).check();
      await page.screenshot({ path: `${shots}/5-sign-modal-anonymously.png` });

      await modal.getByRole('button', { name: 'Sign', exact: true }).click();
      await modal.getByText('Thank you. Your signature is counted anonymously').waitFor({ timeout: 10_000 });
      await expect.poll(() => modal.getByRole('radio').count()).toBe(0);
      await page.screenshot({ path: `${shots}/6-signed-thank-you.png` });

      await modal.getByRole('button', { name: 'Close' }).click();
      await page.locator('#modal-layer').waitFor({ state: 'hidden', timeout: 10_000 });
      // One signature alone never moves the count (it would point at its signer): a second one signs too.
      await page.selectOption('#user', USERS.deepa);
      await letter.getByRole('button', { name: 'Sign the letter' }).click();
      await modal.getByRole('radio', { name: 'Anonymously', exact: true }).check();
      await modal.getByRole('button', { name: 'Sign', exact: true }).click();
      await modal.getByText('Thank you. Your signature is counted anonymously').waitFor({ timeout: 10_000 });
      await modal.getByRole('button', { name: 'Close' }).click();
      await page.locator('#modal-layer').waitFor({ state: 'hidden', timeout: 10_000 });
      await letter
        .getByText(
          'A few signatures so far, without names (their number shows once at least 5 people sign that way)',
        )
        .waitFor({ timeout: 15_000 });
      await expect.poll(() => letter.getByText('No signatures yet.').count()).toBe(0);
      await page.screenshot({ path: `${shots}/7-letter-count-changed.png` });
      if (process.env.PLAYGROUND_README_SCREENSHOT === '1') await saveReadmeScreenshot(page);
    });

    it('posts an event from the composer and, as another coworker, answers Going', async () => {
      await page.selectOption('#user', USERS.alice);
      await page.locator('#channels .nav-item', { hasText: 'general' }).click();
      await page.fill(
        '#composer-input',
        '/rally event "Walkout for families" friday 12:00 at "Building 92 lobby"',
      );
      await page.press('#composer-input', 'Enter');
      const event = page.locator('.msg', {
        has: page.locator('.bk-header', { hasText: 'Walkout for families' }),
      });
      await event.waitFor({ timeout: 15_000 });
      await event.getByText('No answers yet.').waitFor({ timeout: 10_000 });
      await page.selectOption('#user', USERS.bob);
      await event.getByRole('button', { name: 'Going', exact: true }).click();
      await event.getByText('1 going · 0 maybe · 0 can’t go').waitFor({ timeout: 10_000 });
      await page.locator('.msg.ephemeral', { hasText: 'You’re going to' }).waitFor({ timeout: 10_000 });
      await event.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/10-event-going.png` });
    });

    it('shows an ephemeral answer to its recipient only', async () => {
      await page.selectOption('#user', USERS.alice);
      await page.locator('#channels .nav-item', { hasText: 'general' }).click();
      await page.fill('#composer-input', '/rally help');
      await page.press('#composer-input', 'Enter');
      const help = page.locator('.msg.ephemeral', { hasText: 'these are the commands' });
      await help.waitFor({ timeout: 10_000 });
      expect(await help.locator('.only-you').textContent()).toBe('Only visible to you');
      await help.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/8-help-for-alice.png` });

      await page.selectOption('#user', USERS.bob);
      await expect.poll(() => page.locator('#user-zone').textContent()).toContain('America/New_York');
      await expect.poll(() => help.count()).toBe(0);
      await page.locator('.msg', { has: page.getByRole('button', { name: 'Sign the letter' }) }).waitFor();
      await page.screenshot({ path: `${shots}/9-not-shown-to-bob.png` });

      await page.selectOption('#user', USERS.alice);
      await help.waitFor({ timeout: 10_000 });
    });

    it('lets an owner make a coworker an organizer with the person picker, who can then post', async () => {
      await page.selectOption('#user', USERS.deepa);
      await page.locator('#channels .nav-item', { hasText: 'organizing' }).click();
      await page.fill('#composer-input', '/rally post article');
      await page.press('#composer-input', 'Enter');
      await page.getByText('Only organizers can post the campaign.').waitFor({ timeout: 10_000 });

      // Alice is the workspace's primary owner, and RALLY_ORGANIZERS is empty in the playground.
      await page.selectOption('#user', USERS.alice);
      await page.fill('#composer-input', '/rally organizers');
      await page.press('#composer-input', 'Enter');
      const picker = page.locator('.msg.ephemeral select[data-kind="users_select"]').last();
      await picker.waitFor({ timeout: 10_000 });
      await picker.selectOption(USERS.deepa);
      await page.getByText('@Deepa Iyer is now an organizer.').waitFor({ timeout: 10_000 });
      await page.screenshot({ path: `${shots}/10-organizer-added.png` });

      await page.selectOption('#user', USERS.deepa);
      await page.fill('#composer-input', '/rally post article');
      await page.press('#composer-input', 'Enter');
      await page.getByText(/^Posting the article ".+" \(.+\) to #organizing,/).waitFor({ timeout: 10_000 });
    });

    it('shows the Home tab dashboard: letters, polls with links, what Rally holds, and the organizers’ part', async () => {
      // Carla signed anonymously above: her Home tab shows her the letter as to anyone who did not sign.
      await page.selectOption('#user', USERS.carla);
      await expect.poll(() => page.locator('#user-zone').textContent()).toContain('Europe/Berlin');
      await page.locator('#home-link').click();
      const home = page.locator('#timeline');
      await home.getByText('Open letters').waitFor({ timeout: 10_000 });
      const letter = home.locator('.bk-section', {
        has: page.getByRole('button', { name: 'Sign', exact: true }),
      });
      await letter.getByText('A few signatures so far').waitFor();
      await home.getByText('Lunch?').waitFor();
      expect(await home.textContent()).not.toMatch(/anonymously,|you gave|Pizza|Tacos/);
      expect(await home.textContent()).not.toContain('For organizers');
      await page.screenshot({ path: `${shots}/11-home-tab.png`, fullPage: true });

      await home.getByRole('button', { name: 'What Rally holds about me' }).click();
      const modal = page.locator('#modal-layer form.modal');
      await modal.locator('.modal-title', { hasText: 'What Rally holds' }).waitFor({ timeout: 10_000 });
      await modal.getByText('anonymously, on').waitFor({ timeout: 10_000 });
      await page.screenshot({ path: `${shots}/12-what-rally-holds.png` });
      await modal.getByRole('button', { name: 'Close' }).click();
      await page.locator('#modal-layer').waitFor({ state: 'hidden', timeout: 10_000 });

      // A poll's link shows the poll in its channel, as in Slack.
      await home
        .locator('.bk-section', { hasText: 'Lunch?' })
        .getByRole('link', { name: 'Open the poll' })
        .click();
      await expect.poll(() => page.locator('#channel-title').textContent()).toBe('# general');
      await page.locator('.msg', { has: page.locator('.bk-header', { hasText: 'Lunch?' }) }).waitFor();

      // Alice, the workspace's owner, organizes: her tab adds every letter, the schedules and the audit.
      await page.selectOption('#user', USERS.alice);
      await page.locator('#home-link').click();
      await home.getByText('For organizers').waitFor({ timeout: 10_000 });
      await home.getByText('What organizers did lately').waitFor();
      expect(await home.textContent()).toContain('🟢 Open');
      await page.screenshot({ path: `${shots}/13-organizer-home-tab.png`, fullPage: true });
    });
  },
);
