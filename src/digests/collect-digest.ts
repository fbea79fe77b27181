import type { Campaign } from '../campaign/schema.js';
import type { Config } from '../config.js';
import type { DeliveryDeps } from '../delivery/deps.js';
import { donationCountsLine } from '../donations/blocks/donation-prompt.js';
import { nonprofitsOfPrompt } from '../donations/prompt-nonprofits.js';
import type { DonationStore } from '../donations/store.js';
import { countsLine } from '../events/blocks/event-message.js';
import { drawnCounts } from '../events/redraw.js';
import type { EventStore } from '../events/store.js';
import type { LetterCopies } from '../letters/copies-store.js';
import type { LetterStore } from '../letters/letter-store.js';
import type { SignatureTally } from '../letters/model.js';
import type { SignatureStore } from '../letters/signature-store.js';
import type { PollStore } from '../polls/store.js';
import { pollViewOf } from '../polls/view.js';
import type { ReminderStore } from '../reminders/store.js';
import { slackDate } from '../slack/blocks/slack-date.js';
import { describeInstant } from '../time/instant-words.js';
import {
  type DigestData,
  type DigestEvent,
  type DigestLetter,
  type DigestPoll,
  digestPollResult,
} from './blocks/digest.js';
import type { DigestStore } from './store.js';

export type CollectDeps = Pick<DeliveryDeps, 'slack'> & {
  polls: PollStore;
  donations: DonationStore;
  reminders: ReminderStore;
  signatures: SignatureStore;
  letterCopies: LetterCopies;
  letters: LetterStore;
  digests: DigestStore;
  events: EventStore;
  campaign: Campaign;
  config: Pick<Config, 'minAnonymous'>;
};

/** What a digest reports, and what to remember for the next one. */
export interface CollectedDigest {
  data: DigestData;
  /** Clicks plus pledges per donation prompt now, remembered to tell what is new next time. */
  donationActivity: Record<string, number>;
  /** Each reported letter's tally now, by letter ID, remembered for the same reason. */
  signatures: Record<string, SignatureTally>;
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
  const { polls, donations, reminders, signatures, letterCopies, config } = deps;
  const state = await deps.digests.get(channel);
  const now = Date.now();

  const letterEntries: DigestLetter[] = [];
  const letterTallies: Record<string, SignatureTally> = {};
  for (const letter of await deps.letters.list()) {
    if (letter.status === 'draft') continue;
    const closedSince =
      letter.status === 'closed' && (since === undefined || (letter.closedAt ?? 0) >= since);
    if (letter.status === 'closed' && !closedSince) continue;
    const copy = (await letterCopies.list(letter.id)).find((c) => c.channel === channel);
    if (!copy) continue;
    const tally = await signatures.tally(letter.id);
    letterTallies[letter.id] = tally;
    const previous = state.lastSignatures[letter.id];
    const link = await permalink(deps, channel, copy.ts);
    letterEntries.push({
      title: letter.text.title,
      now: tally,
      ...(previous ? { previous } : {}),
      rule: config,
      closed: letter.status === 'closed',
      ...(link ? { link } : {}),
    });
  }

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
    const nonprofits = await nonprofitsOfPrompt(deps, promptId);
    const tally = await donations.tally(promptId, nonprofits.length);
    const activity = tally.pledges + tally.clicks.reduce((sum, c) => sum + c, 0);
    donationActivity[promptId] = activity;
    if (activity === (state.lastDonationActivity[promptId] ?? 0)) continue;
    const link = await permalink(deps, channel, message?.ts);
    donationEntries.push({
      summary: donationCountsLine(nonprofits, tally, config).replace(/\*/g, ''),
      ...(link ? { link } : {}),
    });
  }

  // Upcoming events with their counts as last drawn on their messages (a counts-only event's within the
  // small-numbers rule, and never ahead of the redraw clock).
  const eventEntries: DigestEvent[] = [];
  for (const id of await deps.events.idsInChannel(channel)) {
    const event = await deps.events.get(id);
    if (event?.status !== 'open' || event.endsAt <= now) continue;
    const copy = (await deps.events.copies(id)).find((c) => c.channel === channel);
    const link = await permalink(deps, channel, copy?.ts);
    eventEntries.push({
      title: event.title,
      when: slackDate(event.startsAt),
      counts: countsLine(event, await drawnCounts(deps, event), config).replace(/\*/g, ''),
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

  const data: DigestData = {
    channel,
    ...(since ? { since: `since ${describeInstant(new Date(since), 'UTC')}` } : {}),
    letters: letterEntries,
    polls: pollEntries,
    donations: donationEntries,
    events: eventEntries,
    upcoming: upcoming.map(({ what, when }) => ({ what, when })),
  };
  return { data, donationActivity, signatures: letterTallies };
}
