import { deliver } from '../src/delivery/deliver.js';
import {
  buildDigest,
  type DigestData,
  type DigestPoll,
  digestHasNews,
  digestPollResult,
} from '../src/digests/blocks/digest.js';
import { stopDigest } from '../src/digests/stop-digest.js';
import { donationCountsLine } from '../src/donations/blocks/donation-prompt.js';
import { pollViewOf } from '../src/polls/view.js';
import type { JobData } from '../src/queues/queues.js';
import { describeInstant } from '../src/time/instant-words.js';
import { slackDate } from '../src/time/slack-date.js';
import type { JobDeps } from './processor.js';

/** Slack errors that mean the channel is gone for Rally: its digest is turned off. */
const goneChannel = new Set(['channel_not_found', 'is_archived', 'not_in_channel', 'account_inactive']);

async function permalink(
  deps: JobDeps,
  channel: string,
  ts: string | undefined,
): Promise<string | undefined> {
  if (!ts) return undefined;
  const link = await deps.slack.chat.getPermalink({ channel, message_ts: ts }).catch(() => undefined);
  return link?.permalink;
}

interface Collected {
  data: DigestData;
  /** Clicks plus pledges per donation prompt now, remembered to tell what is new next time. */
  donationActivity: Record<string, number>;
}

/** Gathers what the digest reports for `channel`, from Rally's own records only. */
async function collect(channel: string, since: number | undefined, deps: JobDeps): Promise<Collected> {
  const { polls, donations, reminders, signatures, letterCopies, campaign, config } = deps;
  const state = await deps.digests.get(channel);
  const letter = (await letterCopies.list()).find((c) => c.channel === channel);
  const now = Date.now();

  const pollEntries: DigestPoll[] = [];
  const upcoming: { what: string; when: string; at: number }[] = [];
  for (const id of await polls.idsInChannel(channel, 0)) {
    const poll = await polls.get(id);
    if (!poll) continue;
    const isNew = since === undefined || poll.createdAt >= since;
    const closedSince = poll.closed && (since === undefined || (poll.closedAt ?? 0) >= since);
    if (!poll.closed && poll.closesAt) {
      upcoming.push({
        what: `Poll closes: ${poll.question}`,
        when: slackDate(poll.closesAt),
        at: poll.closesAt,
      });
    }
    if (!isNew && !closedSince) continue;
    const view = pollViewOf(poll, await polls.tally(id, poll.options.length), config);
    const link = await permalink(deps, channel, poll.ts);
    pollEntries.push({
      question: poll.question,
      state: poll.closed ? 'closed' : isNew ? 'opened' : 'open',
      result: digestPollResult(view),
      ...(link ? { link } : {}),
    });
  }

  const donationEntries = [];
  const donationActivity: Record<string, number> = {};
  for (const promptId of await donations.idsInChannel(channel)) {
    const message = await donations.message(promptId);
    const tally = await donations.tally(promptId, campaign.donations.length);
    const activity = tally.pledges + tally.clicks.reduce((sum, c) => sum + c, 0);
    donationActivity[promptId] = activity;
    if (activity === (state.lastDonationActivity[promptId] ?? 0)) continue;
    const link = await permalink(deps, channel, message?.ts);
    donationEntries.push({
      summary: donationCountsLine(campaign.donations, tally, config.minAnonymous).replace(/\*/g, ''),
      ...(link ? { link } : {}),
    });
  }

  for (const reminder of await reminders.listFor('', channel)) {
    if (reminder.target !== channel) continue;
    if (reminder.at && reminder.at > now)
      upcoming.push({ what: reminder.text, when: slackDate(reminder.at), at: reminder.at });
    else if (reminder.pattern)
      upcoming.push({ what: reminder.text, when: reminder.description ?? '', at: now });
  }
  upcoming.sort((a, b) => a.at - b.at);

  const letterLink = letter ? await permalink(deps, channel, letter.ts) : undefined;
  const data: DigestData = {
    channel,
    ...(since ? { since: `since ${describeInstant(new Date(since), 'UTC')}` } : {}),
    ...(letter
      ? {
          signatures: {
            now: await signatures.tally(),
            ...(state.lastSignatures ? { previous: state.lastSignatures } : {}),
            minAnonymous: config.minAnonymous,
            ...(letterLink ? { link: letterLink } : {}),
          },
        }
      : {}),
    polls: pollEntries,
    donations: donationEntries,
    upcoming: upcoming.map(({ what, when }) => ({ what, when })),
  };
  return { data, donationActivity };
}

/**
 * Posts a channel's digest through the delivery path, named by this run's job, so a retried run that
 * already posted does not post again. A quiet channel gets nothing when nothing is new. A channel Slack
 * says is gone has its digest turned off.
 */
export async function processDigestPost(job: JobData<'digest-post'>, deps: JobDeps): Promise<void> {
  const state = await deps.digests.get(job.channel);
  const { data, donationActivity } = await collect(job.channel, state.lastAt, deps);
  const runId = String(deps.job.id).replace(/[^A-Za-z0-9_-]/g, '-');
  if (!digestHasNews(data) && state.quiet) return;
  const content = buildDigest(data);
  const sent = await deliver(
    { id: `digest-${job.channel}-${runId}`, channel: job.channel, ...content },
    deps,
  );
  if (!sent.ok) {
    if (goneChannel.has(sent.reason)) {
      await stopDigest(deps, job.channel);
      deps.logger.warn({ channel: job.channel, reason: sent.reason }, 'digest turned off: channel gone');
    }
    return;
  }
  if (!sent.repeated) {
    await deps.digests.markSent(job.channel, Date.now(), await deps.signatures.tally(), donationActivity);
  }
}
