import { describe, expect, it } from 'vitest';
import { buildScheduleList } from '../../src/schedules/blocks/schedule-list.js';
import { scheduleActions } from '../../src/slack/ids.js';

describe('/rally reminders list', () => {
  it('lists reminders, the donation schedule and the digest, each with a button carrying no user ID', () => {
    const { blocks } = buildScheduleList(
      [
        {
          id: 'rem123',
          teamId: 'T1',
          creator: 'U0ALICE01',
          target: 'C0GENERAL1',
          text: 'Walkout <at> noon',
          when: 'tomorrow at 11:30',
          at: 1,
          description: 'Mon 30 Nov, 11:30 (America/Los_Angeles)',
        },
      ],
      [{ channel: 'C0GENERAL1', description: 'every Friday at 12:00 (America/Los_Angeles)' }],
      { channel: 'C0GENERAL1', description: 'every day at 09:00 (Europe/Berlin)' },
    );
    const sections = blocks as { text: { text: string }; accessory: { action_id: string; value: string } }[];
    expect(sections.map((b) => b.accessory.action_id)).toEqual([
      scheduleActions.cancelReminder,
      scheduleActions.stopDonation,
      scheduleActions.stopDigest,
    ]);
    expect(sections.map((b) => b.accessory.value)).toEqual(['rem123', 'C0GENERAL1', 'C0GENERAL1']);
    expect(sections[0]?.text.text).toBe(
      ':alarm_clock: *Walkout &lt;at&gt; noon*\nMon 30 Nov, 11:30 (America/Los_Angeles), in <#C0GENERAL1>',
    );
  });

  it('says how to set one when there is nothing', () => {
    expect(buildScheduleList([], []).text).toContain('No reminders or scheduled posts here.');
  });
});
