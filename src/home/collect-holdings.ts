import type { AuditLog } from '../audit/store.js';
import type { Campaign } from '../campaign/schema.js';
import type { Config } from '../config.js';
import { bandLabels } from '../donations/blocks/donation-prompt.js';
import { pledgerOnPrompt } from '../donations/pledger.js';
import { nonprofitsOfPrompt } from '../donations/prompt-nonprofits.js';
import type { DonationStore } from '../donations/store.js';
import { eventPerson } from '../events/person.js';
import type { EventStore } from '../events/store.js';
import type { LetterDeps } from '../letters/deps.js';
import type { OwnSignature } from '../letters/model.js';
import { letterSigner } from '../letters/signer.js';
import { isPollCreator } from '../polls/manage.js';
import type { PollStore } from '../polls/store.js';
import { voterId } from '../polls/voter.js';
import { finishedJobsNaming } from '../queues/job-records.js';
import type { ReminderDeps } from '../reminders/cancel-reminder.js';
import type { OrganizerStore } from '../roles/organizer-store.js';
import type { HeldEventAnswer, HeldPledge, HeldPoll, HeldSignature, Holdings } from './model.js';
import type { HomeStore, HomeViewer } from './store.js';

export type CollectHoldingsDeps = Pick<LetterDeps, 'letters' | 'signatures' | 'anonymousIds'> &
  ReminderDeps & {
    polls: PollStore;
    donations: DonationStore;
    homes: HomeStore;
    organizers: OrganizerStore;
    audit: AuditLog;
    events: EventStore;
    campaign: Pick<Campaign, 'donations'>;
    config: Pick<Config, 'homeViewersMs'>;
  };

/** A person's signature on a letter: by their keyed hash while it is open, by user ID when named. */
async function ownSignature(
  deps: CollectHoldingsDeps,
  letterId: string,
  viewer: HomeViewer,
): Promise<OwnSignature | undefined> {
  const signer = await letterSigner(deps, letterId, viewer);
  const byHash = signer ? await deps.signatures.findByHash(letterId, signer) : undefined;
  if (byHash && byHash !== 'claim') return byHash;
  return deps.signatures.named(letterId, viewer.userId);
}

async function heldSignatures(deps: CollectHoldingsDeps, viewer: HomeViewer): Promise<HeldSignature[]> {
  const held: HeldSignature[] = [];
  for (const letter of await deps.letters.list()) {
    if (letter.status === 'draft') continue;
    const own = await ownSignature(deps, letter.id, viewer);
    if (own) held.push({ title: letter.text.title, slug: letter.slug, open: letter.status === 'open', own });
  }
  return held;
}

/** Votes and polls started, found in every poll Rally holds as `forgetInPolls` finds them. */
async function heldInPolls(
  deps: CollectHoldingsDeps,
  viewer: HomeViewer,
): Promise<{ votes: HeldPoll[]; started: HeldPoll[] }> {
  const votes: HeldPoll[] = [];
  const started: HeldPoll[] = [];
  for (const id of await deps.polls.allIds()) {
    const poll = await deps.polls.get(id);
    if (!poll || poll.teamId !== viewer.teamId) continue;
    const about = {
      question: poll.question,
      channel: poll.channel,
      anonymous: poll.anonymous,
      closed: poll.closed,
    };
    const key = poll.anonymous ? await deps.polls.anonymityKey(id) : undefined;
    const voter = voterId(deps.anonymousIds, poll, viewer.userId, key);
    const selection = voter ? await deps.polls.selection(id, voter, poll.options.length) : [];
    if (selection.length > 0) {
      votes.push({ ...about, options: selection.map((i) => poll.options[i] ?? `option ${i + 1}`) });
    }
    if (await isPollCreator(deps, poll, viewer.userId)) started.push(about);
  }
  return { votes, started };
}

async function heldPledges(deps: CollectHoldingsDeps, viewer: HomeViewer): Promise<HeldPledge[]> {
  const held: HeldPledge[] = [];
  for (const promptId of await deps.donations.allIds()) {
    const pledger = await pledgerOnPrompt(deps, promptId, viewer);
    const pledge = pledger ? await deps.donations.pledgeOf(promptId, pledger) : undefined;
    if (!pledge) continue;
    const nonprofits = await nonprofitsOfPrompt(deps, promptId);
    const nonprofit = pledge.nonprofit !== undefined ? nonprofits[pledge.nonprofit]?.name : undefined;
    const channel = (await deps.donations.message(promptId))?.channel;
    held.push({
      ...(channel ? { channel } : {}),
      ...(nonprofit ? { nonprofit } : {}),
      ...(pledge.band ? { band: bandLabels[pledge.band] } : {}),
    });
  }
  return held;
}

/** Answers to events, found as `forgetInEvents` finds them: by user ID, or by their code while one is open. */
async function heldEventAnswers(deps: CollectHoldingsDeps, viewer: HomeViewer): Promise<HeldEventAnswer[]> {
  const held: HeldEventAnswer[] = [];
  for (const id of await deps.events.allIds()) {
    const event = await deps.events.get(id);
    if (!event || event.teamId !== viewer.teamId) continue;
    const person = await eventPerson(deps, event, viewer.userId);
    const answer = person ? await deps.events.answerOf(id, person) : undefined;
    if (!person || !answer) continue;
    const reminders = await deps.events.reminderOf(id, person);
    held.push({
      title: event.title,
      answer,
      countsOnly: event.mode === 'counts',
      open: event.status === 'open',
      reminders: reminders !== undefined && reminders !== '0',
    });
  }
  return held;
}

/**
 * What Rally holds about a person right now: a read-only counterpart of `/rally forget me`, finding what it
 * would remove the same way (by user ID, or by their keyed hash in each open letter, poll and prompt) and
 * changing nothing. Its answer goes only to that person, in a modal they asked for.
 */
export async function collectHoldings(deps: CollectHoldingsDeps, viewer: HomeViewer): Promise<Holdings> {
  const { votes, started } = await heldInPolls(deps, viewer);
  const openedAt = await deps.homes.openedAt(viewer, Date.now() - deps.config.homeViewersMs);
  return {
    signatures: await heldSignatures(deps, viewer),
    votes,
    pollsStarted: started,
    pledges: await heldPledges(deps, viewer),
    eventAnswers: await heldEventAnswers(deps, viewer),
    reminders: (await deps.reminders.listFor(viewer.userId, '')).filter((r) => r.creator === viewer.userId),
    ...(openedAt !== undefined ? { homeOpenedAt: openedAt } : {}),
    jobRecords: (await finishedJobsNaming(deps.queues, viewer.userId)).length,
    organizerRole: await deps.organizers.has(viewer.userId),
    auditEntries: await deps.audit.entriesNaming(viewer.userId),
  };
}
