/**
 * Every action, view and block ID Rally puts in Slack, spelled once. Values reach Slack and come back
 * in payloads: changing one breaks buttons on messages already posted.
 */

/**
 * Buttons on a posted letter (Sign and Read carry the letter's ID) and in the organizers' views of a letter
 * (its preview, `/rally letters`, the export): each carries the letter's ID, never who pressed it.
 */
export const letterActions = {
  sign: 'letter_sign',
  read: 'letter_read',
  close: 'letter_close',
  post: 'letter_post',
  edit: 'letter_edit',
  discard: 'letter_discard',
  revise: 'letter_revise',
  export: 'letter_export',
} as const;

/** Blocks of the posted letter that are found by ID. */
export const letterBlocks = { actions: 'letter_actions', signatures: 'letter_signatures' } as const;

/**
 * The full letter (**Read the full letter**), the form organizers write one in, where they post it, and
 * the choice of a letter to sign (the **Sign a letter** shortcut, when several are open).
 */
export const letterViews = {
  read: 'letter_read_view',
  form: 'letter_form_view',
  post: 'letter_post_view',
  choose: 'letter_choose_view',
} as const;

/** Inputs of the letter form and of the post form (each input's action ID is its block ID). */
export const letterFormBlocks = {
  title: 'letter_title',
  addressee: 'letter_addressee',
  /** The first box of the letter's text; the next ones are `letter_body_2`, `letter_body_3`... */
  body: 'letter_body',
  goal: 'letter_goal',
  closes: 'letter_closes',
  ways: 'letter_ways',
  channels: 'letter_channels',
} as const;

/** The signing form and its follow-up. */
export const signViews = { sign: 'letter_sign_view', unsign: 'letter_unsign_view' } as const;

/**
 * The link button on the posted article (a URL button: Slack still sends its click), and the buttons in
 * the organizers' views of an article (its preview, `/rally articles`): each carries the article's ID.
 */
export const articleActions = {
  open: 'article_open',
  post: 'article_post',
  edit: 'article_edit',
  delete: 'article_delete',
} as const;

/** The form organizers write an article in, and where they post it. */
export const articleViews = { form: 'article_form_view', post: 'article_post_view' } as const;

/** Inputs of the article form and of its post form (each input's action ID is its block ID). */
export const articleFormBlocks = {
  headline: 'article_headline',
  source: 'article_source',
  url: 'article_url',
  published: 'article_published',
  summary: 'article_summary',
  quotes: 'article_quotes',
  framing: 'article_framing',
  prompt: 'article_prompt',
  channels: 'article_channels',
} as const;

/** Buttons in the posting summary an organizer receives. */
export const postActions = { confirmShared: 'post_confirm_shared' } as const;

/** The action ID of "Post anyway" for a channel shared with another organization. */
export const postConfirmSharedActionId = (channel: string): string =>
  `${postActions.confirmShared}_${channel}`;

/** Matches every "Post anyway" button's action ID. */
export const postConfirmSharedActionPattern = /^post_confirm_shared_/;

/**
 * The private list `/rally organizers` shows an owner: the person picker that adds an organizer (its block
 * has the same ID), and a Remove button per organizer whose value is that organizer's user ID (the list
 * names them anyway; it is shown only to organizers and owners).
 */
export const organizerActions = { add: 'organizers_add', remove: 'organizers_remove' } as const;

/**
 * Buttons on a poll message. Each vote button has its own action ID, `poll_vote_0` to `poll_vote_9`
 * (see {@link pollVoteActionId}), and the value `<poll id>:<option index>`, never anyone's user ID.
 * Close and nudge carry the poll ID alone; their handlers check who clicked.
 */
export const pollActions = { vote: 'poll_vote', close: 'poll_close', nudge: 'poll_nudge' } as const;

/** The action ID of the vote button for the option at `index` (0-based). */
export const pollVoteActionId = (index: number): string => `${pollActions.vote}_${index}`;

/** Matches every vote button's action ID; the first group is the option index. */
export const pollVoteActionPattern = /^poll_vote_(\d+)$/;

/**
 * Blocks of the poll message (`votes`, `manage`) and the inputs of the poll form (the other four;
 * each input's action ID is its block ID).
 */
export const pollBlocks = {
  votes: 'poll_votes',
  manage: 'poll_manage',
  question: 'poll_question',
  options: 'poll_options',
  settings: 'poll_settings',
  closes: 'poll_closes',
  /** Where to post: only in the form a global shortcut opens, which has no channel of its own. */
  channel: 'poll_channel',
} as const;

/** The form `/rally poll` alone opens. */
export const pollViews = { create: 'poll_create_view' } as const;

/**
 * Buttons on a donation prompt. Each link button has its own action ID `donation_link_<index>` and the
 * value `<prompt id>:<index>`; **I gave** carries the prompt ID. Never anyone's user ID.
 */
export const donationActions = { link: 'donation_link', gave: 'donation_gave', end: 'donation_end' } as const;
export const donationLinkActionId = (index: number): string => `${donationActions.link}_${index}`;
export const donationLinkActionPattern = /^donation_link_(\d+)$/;

/** Blocks of the donation prompt and inputs of the pledge form. */
export const donationBlocks = {
  counts: 'donation_counts',
  nonprofit: 'pledge_nonprofit',
  band: 'pledge_band',
  withdraw: 'pledge_withdraw',
} as const;

/** The pledge form opened by **I gave**. */
export const donationViews = { pledge: 'donation_pledge_view' } as const;

/** The form the **Remind…** shortcut opens, and its inputs (each input's action ID is its block ID). */
export const reminderViews = { create: 'reminder_create_view' } as const;
export const reminderFormBlocks = {
  who: 'reminder_who',
  channel: 'reminder_channel',
  text: 'reminder_text',
  when: 'reminder_when',
} as const;

/** The choice of a letter in the **Sign a letter** shortcut's form. */
export const letterChoiceBlock = 'letter_choice';

/**
 * Shortcuts, by `callback_id`, as `manifest.yml` declares them: for people who never type a command.
 * Global ones run from the shortcuts menu; the message one from a message's menu.
 */
export const shortcuts = {
  signLetter: 'rally_sign_letter',
  newPoll: 'rally_new_poll',
  remind: 'rally_remind',
  pollFromMessage: 'rally_poll_from_message',
} as const;

/** Buttons of the private `/rally reminders` list: each carries what it stops, never who asked. */
export const scheduleActions = {
  cancelReminder: 'reminder_cancel',
  stopDonation: 'donation_schedule_stop',
  stopDigest: 'digest_stop',
} as const;

/**
 * Buttons on a posted event: the answers, **Add to calendar**, **Who's going** (named events), and the
 * organizers' **Edit** and **Cancel event**. Each carries the event's ID, never who pressed it. The
 * reminder switch in the private confirmation carries `<event id>:on` or `<event id>:off`.
 */
export const eventActions = {
  going: 'event_going',
  maybe: 'event_maybe',
  cant: 'event_cant',
  calendar: 'event_calendar',
  attendees: 'event_attendees',
  reminders: 'event_reminders',
  edit: 'event_edit',
  cancel: 'event_cancel',
} as const;

/** Matches the three answer buttons' action IDs. */
export const eventAnswerActionPattern = /^event_(going|maybe|cant)$/;

/** The form `/rally event` opens (and **Edit** opens, filled in), and its inputs (action ID = block ID). */
export const eventViews = { create: 'event_create_view', edit: 'event_edit_view' } as const;
export const eventFormBlocks = {
  title: 'event_title',
  description: 'event_description',
  starts: 'event_starts',
  ends: 'event_ends',
  place: 'event_place',
  placeFor: 'event_place_for',
  capacity: 'event_capacity',
  answers: 'event_answers',
  channels: 'event_channels',
} as const;
/** Buttons of the organizers' private `/rally nonprofits` list: **Remove** carries the nonprofit's ID. */
export const nonprofitActions = { add: 'nonprofit_add', remove: 'nonprofit_remove' } as const;

/** The form that adds a nonprofit. */
export const nonprofitViews = { form: 'nonprofit_form_view' } as const;

/** Inputs of the nonprofit form (each input's action ID is its block ID). */
export const nonprofitFormBlocks = {
  name: 'nonprofit_name',
  url: 'nonprofit_url',
  description: 'nonprofit_description',
} as const;

/** The audit's paging buttons (`/rally audit`): each carries the offset of the page it shows. */
export const auditActions = { page: 'audit_page' } as const;

/**
 * Buttons on the Home tab: **What Rally holds about me** and **Forget me**. They carry nothing: each acts for
 * whoever presses it.
 */
export const homeActions = { holdings: 'home_holdings', forget: 'home_forget' } as const;

/** The modal asking to confirm **Forget me** (submitting it forgets the person). */
export const homeViews = { forget: 'home_forget_view' } as const;
