import type { Campaign } from '../campaign/schema.js';
import type { Config } from '../config.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { donationCountsLine } from '../donations/blocks/donation-prompt.js';
import type { DonationStore } from '../donations/store.js';
import type { LetterCopies } from '../letters/copies-store.js';
import { campaignLetterId } from '../letters/model.js';
import type { SignatureStore } from '../letters/signature-store.js';
import type { PollStore } from '../polls/store.js';
import { pollViewOf } from '../polls/view.js';
import type { ReminderStore } from '../reminders/store.js';
import { slackDate } from '../slack/blocks/slack-date.js';
import { describeInstant } from '../time/instant-words.js';
import { type DigestData, type DigestPoll, digestPollResult } from './blocks/digest.js';
import type { DigestStore } from './store.js';

export type CollectDeps = Pick<DeliveryDeps, 'slack'> & {
  polls: PollStore;
  donations: DonationStore;
  reminders: ReminderStore;
  signatures: SignatureStore;
  letterCopies: LetterCopies;
  digests: DigestStore;
  campaign: Campaign;
  config: Pick<Config, 'minAnonymous'>;
};

/** What a digest reports, and what to remember for the next one. */
export interface CollectedDigest {
  data: DigestData;
  /** Clicks plus pledges per donation prompt now, remembered to tell what is new next time. */
  donationActivity: Record<string, number>;
}

async function permalink(
  deps: CollectDeps,
  channel: string,
  ts: string | undefined,
): Promise<string | undefined> {
  if (!ts) return undefined;
  const link = await deps.slack.chat.getPermalink({ channel, message_ts: ts }).catch(() => undefined);
  return link?.permalink;
}

/** Gathers what the digest reports for `channel` since `since`, from Rally's own records only. */
export async function collectDigest(
  deps: CollectDeps,
  channel: string,
  since: number | undefined,
): Promise<CollectedDigest> {
  const { polls, donations, reminders, signatures, letterCopies, campaign, config } = deps;
  const state = await deps.digests.get(channel);
  const letter = (await letterCopies.list(campaignLetterId)).find((c) => c.channel === channel);
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
      summary: donationCountsLine(campaign.donations, tally, config).replace(/\*/g, ''),
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
            now: await signatures.tally(campaignLetterId),
            ...(state.lastSignatures ? { previous: state.lastSignatures } : {}),
            rule: config,
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
