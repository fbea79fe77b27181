import { describe, expect, it } from 'vitest';
import { buildRequestFailedNotice } from '../../src/failed-requests/blocks/failure-notice.js';
import { requesterOf } from '../../src/failed-requests/requester.js';
import { queueNames, requestQueues } from '../../src/queues/contracts.js';

const responseUrl = 'https://hooks.slack.com/commands/T0RALLY01/1/abc';
const poll = {
  pollId: 'poll-123456',
  teamId: 'T0RALLY01',
  channel: 'C0GENERAL1',
  creatorId: 'U0BOB0001',
  question: 'Strike?',
  options: ['Yes', 'No'],
  multiple: false,
  hidden: false,
};

describe('who is told that a request failed', () => {
  it('tells the creator of a public poll through the response_url, or a direct message', () => {
    expect(requesterOf('poll-create', { ...poll, anonymous: false, responseUrl })).toEqual({
      userId: 'U0BOB0001',
      responseUrl,
      directMessage: true,
    });
  });

  it('keeps the creator of an anonymous poll out of the notice: its response_url only, never a direct message', () => {
    expect(requesterOf('poll-create', { ...poll, anonymous: true, responseUrl })).toEqual({
      responseUrl,
      directMessage: false,
    });
    expect(requesterOf('poll-create', { ...poll, anonymous: true })).toBeUndefined();
    expect(requesterOf('poll-nudge', { pollId: 'poll-123456', responseUrl })).toEqual({
      responseUrl,
      directMessage: false,
    });
  });

  it('answers forget-me in its modal or through its response_url, never in a direct message', () => {
    const forget = { teamId: 'T0RALLY01', userId: 'U0BOB0001' };
    expect(requesterOf('forget', { ...forget, viewId: 'V0MODAL01' })).toEqual({
      viewId: 'V0MODAL01',
      directMessage: false,
    });
    expect(requesterOf('forget', { ...forget, responseUrl })).toEqual({ responseUrl, directMessage: false });
  });

  it('tells an organizer by direct message when there is no response_url', () => {
    expect(requesterOf('letter-preview', { letterId: 'ice-contract', requestedBy: 'U0ALICE01' })).toEqual({
      userId: 'U0ALICE01',
      directMessage: true,
    });
  });

  it('tells the creator of a reminder, read from its record since its job carries only its ID', () => {
    expect(requesterOf('reminder-fire', { reminderId: 'reminder-1' })).toEqual({
      reminderId: 'reminder-1',
      directMessage: true,
    });
  });

  it('tells nobody of what nobody asked for', () => {
    expect(requesterOf('letter-close', { letterId: 'ice-contract' })).toBeUndefined();
    expect(requesterOf('digest-post', { channel: 'C0GENERAL1', teamId: 'T0RALLY01' })).toBeUndefined();
    expect(requesterOf('post-channel', { postId: 'post-12345678', channel: 'C0GENERAL1' })).toBeUndefined();
    const asked = queueNames.filter((q) => requesterOf(q, { requestedBy: 'U0ALICE01', responseUrl }));
    expect(asked.every((q) => (requestQueues as readonly string[]).includes(q))).toBe(true);
  });
});

describe('the notice of a failed request', () => {
  it('says what could not be done, why, and what to look at, for every kind of request', () => {
    for (const queue of requestQueues) {
      const { text } = buildRequestFailedNotice(queue);
      expect(text).toMatch(
        /^:warning: Rally could not [^.]+\. It kept failing .+ and has stopped trying\. .+/,
      );
    }
  });

  it('gives Slack’s refusal in words', () => {
    expect(buildRequestFailedNotice('signatures-export', 'missing_scope').text).toBe(
      ':warning: Rally could not send you the delivery package. Slack refused it. The Slack app lacks a permission it needs; reinstall it from manifest.yml. Ask again with `/rally signatures`.',
    );
  });
});
