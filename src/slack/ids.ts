/**
 * Every action, view and block ID Rally puts in Slack, spelled once. Values reach Slack and come back
 * in payloads: changing one breaks buttons on messages already posted.
 */

/** Buttons on the posted letter. */
export const letterActions = { sign: 'letter_sign', read: 'letter_read', unsign: 'letter_unsign' } as const;

/** Blocks of the posted letter that are found by ID. */
export const letterBlocks = { actions: 'letter_actions', signatures: 'letter_signatures' } as const;

/** The full letter, opened from **Read the full letter**. */
export const letterViews = { read: 'letter_read_view' } as const;

/** The signing form and its follow-up. */
export const signViews = { sign: 'letter_sign_view', unsign: 'letter_unsign_view' } as const;

/** The link button on the posted article (a URL button: Slack still sends its click). */
export const articleActions = { open: 'article_open' } as const;

/** Buttons in the posting summary an organizer receives. */
export const postActions = { confirmShared: 'post_confirm_shared' } as const;
