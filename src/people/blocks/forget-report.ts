import { buildNotice, type MessageContent } from '../../slack/blocks/messages.js';
import type { ForgetReport } from '../forget-person.js';

/** The private answer to `/rally forget me`: what went, in plain words. */
export function buildForgetReport(report: ForgetReport): MessageContent {
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const removed = [
    report.signatures.length === 1
      ? `your ${report.signatures[0] === 'anonymous' ? 'anonymous ' : ''}signature on the letter`
      : report.signatures.length > 1
        ? `your signatures on ${report.signatures.length} letters`
        : '',
    report.votes
      ? `your ${count(report.votes, 'vote record', 'vote records')} (votes in open polls withdrawn)`
      : '',
    report.pledges ? `${count(report.pledges, 'pledge', 'pledges')} that you gave` : '',
    report.reminders
      ? `${count(report.reminders, 'reminder', 'reminders')} you set, with ${report.reminders === 1 ? 'its' : 'their'} text`
      : '',
    report.eventAnswers
      ? `your ${count(report.eventAnswers, 'answer', 'answers')} to events, with any reminders you asked for (answers to open events withdrawn)`
      : '',
    report.pollsStarted ? `your name as the starter of ${count(report.pollsStarted, 'poll', 'polls')}` : '',
    report.homeTab ? 'the record that you opened the Home tab' : '',
    report.organizerRole ? 'your place on the list of organizers (an owner can add you again)' : '',
    report.auditEntries
      ? `your name in ${count(report.auditEntries, 'entry', 'entries')} of the organizers' audit (the actions stay, without your name)`
      : '',
    report.jobRecords ? `${count(report.jobRecords, 'record', 'records')} of your requests` : '',
  ].filter(Boolean);
  const text =
    removed.length === 0
      ? 'Rally holds nothing under your name: there was nothing to remove.'
      : `Removed: ${removed.join('; ')}. Counts already announced in closed polls stay as they were, without you in them.`;
  const reactions =
    report.reactionPolls > 0
      ? ' If you voted in an open poll by reacting with an emoji, your reaction stays visible in Slack (only you can remove it), but Rally no longer counts it.'
      : '';
  return buildNotice(`${text}${reactions}`);
}
