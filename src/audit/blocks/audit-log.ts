import type { KnownBlock } from '@slack/types';
import type { MessageContent } from '../../slack/blocks/messages.js';
import { escapeMrkdwn } from '../../slack/blocks/mrkdwn.js';
import { slackDate } from '../../slack/blocks/slack-date.js';
import { auditActions } from '../../slack/ids.js';
import { truncate } from '../../text/cut.js';
import { type AuditAction, type AuditEntry, type AuditPage, forgottenActor } from '../model.js';

/** Entries a page of the audit shows. */
export const auditPageSize = 20;

const verbs: Record<AuditAction, string> = {
  posted: 'posted',
  'exported-signatures': 'exported the signatures of',
  'wrote-letter': 'wrote the letter',
  'edited-letter': 'edited the letter',
  'discarded-letter': 'discarded the draft',
  'revised-letter': 'revised the letter',
  'closed-letter': 'closed signing of',
  'saved-article': 'saved the article',
  'deleted-article': 'deleted the article',
  'added-nonprofit': 'added the nonprofit',
  'removed-nonprofit': 'removed the nonprofit',
  'set-donation-schedule': 'set donation prompts',
  'stopped-donation-schedule': 'stopped donation prompts',
  'ended-donation-prompt': 'ended a donation prompt',
  'set-digest': 'set the digest',
  'stopped-digest': 'stopped the digest',
  'stopped-reminder': 'stopped a reminder',
  'closed-poll': 'closed the poll',
  'edited-event': 'edited the event',
  'cancelled-event': 'cancelled the event',
  'added-organizer': 'made an organizer:',
  'removed-organizer': 'removed an organizer:',
};

/** One line of the audit: when, who, what, on what, where. */
export function auditLine(entry: AuditEntry): string {
  const person = entry.person && /^[UW][A-Z0-9]+$/.test(entry.person) ? ` <@${entry.person}>` : '';
  const subject = entry.subject ? ` ${escapeMrkdwn(truncate(entry.subject, 120))}` : '';
  const where = entry.channels?.length
    ? ` in ${entry.channels
        .slice(0, 5)
        .map((c) => `<#${c}>`)
        .join(', ')}${entry.channels.length > 5 ? ` and ${entry.channels.length - 5} more` : ''}`
    : '';
  const who = entry.actor === forgottenActor ? 'An organizer who asked to be forgotten' : `<@${entry.actor}>`;
  return `${slackDate(entry.at)}: ${who} ${verbs[entry.action]}${person}${subject}${where}`;
}

const pageButton = (text: string, offset: number) => ({
  type: 'button' as const,
  action_id: auditActions.page,
  text: { type: 'plain_text' as const, text },
  value: String(offset),
});

/**
 * A page of the audit, newest first, for organizers: what organizers did (never what participants did),
 * with Newer and Older to page through what is kept.
 */
export function buildAuditLog(page: AuditPage, retentionDays: number): MessageContent {
  const { entries, offset, total } = page;
  if (entries.length === 0) {
    const text =
      offset === 0 ? 'Nothing in the audit yet: it lists what organizers do in Rally.' : 'No older entries.';
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  const range = `${offset + 1}–${offset + entries.length} of ${total}`;
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*What organizers did*, newest first (${range})` } },
    { type: 'section', text: { type: 'mrkdwn', text: entries.map(auditLine).join('\n') } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Kept ${retentionDays} days. Only organizers' actions are kept: never who signed, voted, pledged or set a reminder.`,
        },
      ],
    },
  ];
  const buttons = [
    ...(offset > 0 ? [pageButton('Newer', Math.max(0, offset - auditPageSize))] : []),
    ...(offset + entries.length < total ? [pageButton('Older', offset + entries.length)] : []),
  ];
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
  return { text: `What organizers did (${range})`, blocks };
}
