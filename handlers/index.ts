import type {
  App,
  BlockAction,
  ButtonAction,
  GlobalShortcut,
  MessageShortcut,
  ViewSubmitAction,
} from '@slack/bolt';
import type { RallyContext } from '../src/context.js';
import {
  articleActions,
  articleViews,
  auditActions,
  donationActions,
  donationLinkActionPattern,
  donationViews,
  eventActions,
  eventAnswerActionPattern,
  eventViews,
  homeActions,
  homeViews,
  letterActions,
  letterViews,
  nonprofitActions,
  nonprofitViews,
  organizerActions,
  pollActions,
  pollViews,
  pollVoteActionPattern,
  postConfirmSharedActionPattern,
  reminderViews,
  scheduleActions,
  shortcuts,
  signViews,
} from '../src/slack/ids.js';
import {
  createArticleDeleteAction,
  createArticleEditAction,
  createArticlePostAction,
} from './actions/article-manage.js';
import { createArticleOpenAction } from './actions/article-open.js';
import { createAuditPageAction } from './actions/audit-page.js';
import { createDonationEndAction } from './actions/donation-end.js';
import { createDonationGaveAction } from './actions/donation-gave.js';
import { createDonationLinkAction } from './actions/donation-link.js';
import { createEventAnswerAction } from './actions/event-answer.js';
import { createEventCalendarAction } from './actions/event-calendar.js';
import {
  createEventAttendeesAction,
  createEventCancelAction,
  createEventEditAction,
} from './actions/event-manage.js';
import { createEventRemindersAction } from './actions/event-reminders.js';
import { createHomeForgetAction, createHomeHoldingsAction } from './actions/home.js';
import { createLetterCloseAction } from './actions/letter-close.js';
import {
  createLetterDiscardAction,
  createLetterEditAction,
  createLetterExportAction,
  createLetterPostAction,
  createLetterReviseAction,
} from './actions/letter-manage.js';
import { createLetterReadAction } from './actions/letter-read.js';
import { createLetterSignAction } from './actions/letter-sign.js';
import { createNonprofitAddAction, createNonprofitRemoveAction } from './actions/nonprofit-manage.js';
import { createOrganizerAddAction, createOrganizerRemoveAction } from './actions/organizer-manage.js';
import { createPollCloseAction, createPollNudgeAction } from './actions/poll-manage.js';
import { createPollVoteAction } from './actions/poll-vote.js';
import { createPostConfirmSharedAction } from './actions/post-confirm-shared.js';
import {
  createDigestStopAction,
  createDonationStopAction,
  createReminderCancelAction,
} from './actions/schedule-cancel.js';
import { createRallyCommandHandler } from './commands/rally.js';
import { createAppHomeOpenedHandler } from './events/app-home-opened.js';
import { createReactionHandler } from './events/reaction.js';
import { answeringFailures } from './middleware/answer-failures.js';
import { createDedupeEventsMiddleware } from './middleware/dedupe-events.js';
import { requireOrganizer, requireOrganizerView, requireOwner } from './middleware/require-organizer.js';
import { createNewPollShortcut } from './shortcuts/new-poll.js';
import { createPollFromMessageShortcut } from './shortcuts/poll-from-message.js';
import { createRemindShortcut } from './shortcuts/remind.js';
import { createSignLetterShortcut } from './shortcuts/sign-letter.js';
import { createArticleFormSubmit } from './views/article-form-submit.js';
import { createArticlePostSubmit } from './views/article-post-submit.js';
import { createEventCreateSubmit } from './views/event-create-submit.js';
import { createEventEditSubmit } from './views/event-edit-submit.js';
import { createHomeForgetSubmit } from './views/home-forget-submit.js';
import { createLetterChooseSubmit } from './views/letter-choose-submit.js';
import { createLetterFormSubmit } from './views/letter-form-submit.js';
import { createLetterPostSubmit } from './views/letter-post-submit.js';
import { createLetterSignSubmit } from './views/letter-sign-submit.js';
import { createLetterUnsignSubmit } from './views/letter-unsign-submit.js';
import { createNonprofitFormSubmit } from './views/nonprofit-form-submit.js';
import { createPledgeSubmit } from './views/pledge-submit.js';
import { createPollCreateSubmit } from './views/poll-create-submit.js';
import { createReminderCreateSubmit } from './views/reminder-create-submit.js';

/** Every slash command Rally answers; `manifest.yml` must declare each (a test checks). */
export const commandHandlers = {
  '/rally': createRallyCommandHandler,
} as const;

/** Every Events API event Rally listens to; `manifest.yml` must subscribe to each (a test checks). */
export const eventHandlers = {
  app_home_opened: createAppHomeOpenedHandler,
  reaction_added: createReactionHandler,
  reaction_removed: createReactionHandler,
} as const;

/** Buttons anyone may press, by action ID (or an ID pattern, for buttons that carry their target in the ID). */
const actionHandlers = [
  [letterActions.sign, createLetterSignAction],
  [letterActions.read, createLetterReadAction],
  [articleActions.open, createArticleOpenAction],
  [pollVoteActionPattern, createPollVoteAction],
  [pollActions.close, createPollCloseAction],
  [pollActions.nudge, createPollNudgeAction],
  [donationLinkActionPattern, createDonationLinkAction],
  [donationActions.gave, createDonationGaveAction],
  [scheduleActions.cancelReminder, createReminderCancelAction],
  [homeActions.holdings, createHomeHoldingsAction],
  [homeActions.forget, createHomeForgetAction],
  [eventAnswerActionPattern, createEventAnswerAction],
  [eventActions.reminders, createEventRemindersAction],
  [eventActions.calendar, createEventCalendarAction],
  [eventActions.attendees, createEventAttendeesAction],
] as const;

/**
 * Buttons only organizers may press, with what a participant is told they cannot do ("Only organizers can
 * <what>"). The guard in front of them is the one role check; a test presses each as a participant.
 */
export const organizerActionHandlers = [
  [auditActions.page, createAuditPageAction, 'see the audit'],
  [postConfirmSharedActionPattern, createPostConfirmSharedAction, 'post the campaign'],
  [scheduleActions.stopDonation, createDonationStopAction, 'stop donation prompts'],
  [scheduleActions.stopDigest, createDigestStopAction, 'stop the digest'],
  [letterActions.close, createLetterCloseAction, 'close the letter'],
  [donationActions.end, createDonationEndAction, 'end a donation prompt'],
  [articleActions.post, createArticlePostAction, 'post articles'],
  [articleActions.edit, createArticleEditAction, 'edit articles'],
  [articleActions.delete, createArticleDeleteAction, 'delete articles'],
  [letterActions.post, createLetterPostAction, 'post letters'],
  [letterActions.edit, createLetterEditAction, 'edit letters'],
  [letterActions.discard, createLetterDiscardAction, 'discard letters'],
  [letterActions.revise, createLetterReviseAction, 'revise letters'],
  [letterActions.export, createLetterExportAction, 'export the signatures'],
  [eventActions.edit, createEventEditAction, 'edit events'],
  [eventActions.cancel, createEventCancelAction, 'cancel events'],
  [nonprofitActions.add, createNonprofitAddAction, 'manage the nonprofits'],
  [nonprofitActions.remove, createNonprofitRemoveAction, 'manage the nonprofits'],
] as const;

/** Buttons and pickers only owners may use, with what others are told they cannot do. */
export const ownerActionHandlers = [
  [organizerActions.add, createOrganizerAddAction, 'add organizers'],
  [organizerActions.remove, createOrganizerRemoveAction, 'remove organizers'],
] as const;

/** Global shortcuts (the shortcuts menu), by callback ID, as `manifest.yml` declares them. */
export const globalShortcutHandlers = [
  [shortcuts.signLetter, createSignLetterShortcut],
  [shortcuts.newPoll, createNewPollShortcut],
  [shortcuts.remind, createRemindShortcut],
] as const;

/** Message shortcuts (a message's menu), by callback ID. */
export const messageShortcutHandlers = [[shortcuts.pollFromMessage, createPollFromMessageShortcut]] as const;

/** Modal submissions, by callback ID. */
const viewHandlers = [
  [letterViews.choose, createLetterChooseSubmit],
  [reminderViews.create, createReminderCreateSubmit],
  [signViews.sign, createLetterSignSubmit],
  [signViews.unsign, createLetterUnsignSubmit],
  [pollViews.create, createPollCreateSubmit],
  [donationViews.pledge, createPledgeSubmit],
  [homeViews.forget, createHomeForgetSubmit],
] as const;

/** Forms only organizers may submit, with what a participant is told they cannot do. */
export const organizerViewHandlers = [
  [articleViews.form, createArticleFormSubmit, 'write articles'],
  [articleViews.post, createArticlePostSubmit, 'post articles'],
  [letterViews.form, createLetterFormSubmit, 'write letters'],
  [letterViews.post, createLetterPostSubmit, 'post letters'],
  [eventViews.create, createEventCreateSubmit, 'create events'],
  [eventViews.edit, createEventEditSubmit, 'edit events'],
  [nonprofitViews.form, createNonprofitFormSubmit, 'manage the nonprofits'],
] as const;

/**
 * The one place listeners are attached to the app. Every button, shortcut and form runs inside
 * `answering`, so one whose listener fails with no answer of its own is still acknowledged and answered.
 */
export function registerHandlers(app: App, ctx: RallyContext): void {
  const answering = answeringFailures(ctx.logger);
  app.use(createDedupeEventsMiddleware(ctx));
  for (const [name, create] of Object.entries(commandHandlers)) app.command(name, create(ctx));
  app.event('app_home_opened', eventHandlers.app_home_opened(ctx));
  const onReaction = createReactionHandler(ctx);
  app.event('reaction_added', onReaction);
  app.event('reaction_removed', onReaction);
  for (const [id, create] of actionHandlers)
    app.action<BlockAction<ButtonAction>>(id, answering(id, create(ctx)));
  for (const [id, create, what] of organizerActionHandlers)
    app.action<BlockAction<ButtonAction>>(id, answering(id, requireOrganizer(ctx, what), create(ctx)));
  for (const [id, create, what] of ownerActionHandlers)
    app.action<BlockAction>(id, answering(id, requireOwner(ctx, what), create(ctx)));
  for (const [id, create] of globalShortcutHandlers)
    app.shortcut<GlobalShortcut>(id, answering(id, create(ctx)));
  for (const [id, create] of messageShortcutHandlers)
    app.shortcut<MessageShortcut>(id, answering(id, create(ctx)));
  for (const [id, create] of viewHandlers) app.view<ViewSubmitAction>(id, answering(id, create(ctx)));
  for (const [id, create, what] of organizerViewHandlers)
    app.view<ViewSubmitAction>(id, answering(id, requireOrganizerView(ctx, what), create(ctx)));
}
