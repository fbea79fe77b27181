import { describe, expect, it } from 'vitest';
import { buildOrganizerList, organizersWithButtons } from '../../src/roles/blocks/organizer-list.js';
import { buildRoleRefusal } from '../../src/roles/blocks/refusal.js';
import { organizerActions } from '../../src/slack/ids.js';

type Block = {
  type: string;
  text?: { text: string };
  accessory?: { action_id: string; value: string };
  elements?: { type: string; action_id?: string }[];
};

const people = (n: number) => Array.from({ length: n }, (_, i) => `U0PERSON${String(i).padStart(3, '0')}`);
const blocksOf = (content: { blocks?: unknown[] }) => (content.blocks ?? []) as Block[];
const removeValues = (blocks: Block[]) =>
  blocks.filter((b) => b.accessory?.action_id === organizerActions.remove).map((b) => b.accessory?.value);
const picker = (blocks: Block[]) => blocks.find((b) => b.type === 'actions')?.elements?.[0];

describe('the organizer list', () => {
  it('gives an owner a Remove button per organizer, carrying their ID, and the person picker', () => {
    const blocks = blocksOf(
      buildOrganizerList({
        listedOwners: ['U0OWNER01'],
        organizers: ['U0BOB0001', 'U0CARLA01'],
        canChange: true,
      }),
    );
    expect(removeValues(blocks)).toEqual(['U0BOB0001', 'U0CARLA01']);
    expect(picker(blocks)).toEqual({
      type: 'users_select',
      action_id: organizerActions.add,
      placeholder: { type: 'plain_text', text: 'Add an organizer…' },
    });
    expect(blocks[0]?.text?.text).toContain('<@U0OWNER01>');
  });

  it('shows an organizer the list without the means to change it', () => {
    const content = buildOrganizerList({ listedOwners: [], organizers: ['U0BOB0001'], canChange: false });
    const blocks = blocksOf(content);
    expect(removeValues(blocks)).toEqual([]);
    expect(picker(blocks)).toBeUndefined();
    expect(content.text).toBe(
      'Owners of this Rally: the owners and admins of this workspace. Organizers added by owners: <@U0BOB0001>.',
    );
  });

  it('stays within 50 blocks and 3,000 characters a section however many organizers there are', () => {
    for (const n of [0, organizersWithButtons, organizersWithButtons + 1, 400]) {
      const content = buildOrganizerList({
        listedOwners: people(300),
        organizers: people(n),
        canChange: true,
        change: { outcome: 'added', userId: 'U0BOB0001' },
      });
      const blocks = blocksOf(content);
      expect(blocks.length).toBeLessThanOrEqual(50);
      for (const b of blocks) expect(b.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
      expect(removeValues(blocks)).toHaveLength(Math.min(n, organizersWithButtons));
      // Everyone is named, by a button or in the line after them.
      const named = blocks.map((b) => b.text?.text ?? '').join(' ');
      for (const id of people(Math.min(n, 150 + organizersWithButtons))) expect(named).toContain(`<@${id}>`);
    }
  });

  it('says first what the change did', () => {
    const blocks = blocksOf(
      buildOrganizerList({
        listedOwners: [],
        organizers: [],
        canChange: true,
        change: { outcome: 'other-organization', userId: 'U0PARTNR1' },
      }),
    );
    expect(blocks[0]?.text?.text).toBe(
      ':no_entry: <@U0PARTNR1> belongs to another organization (they reach this workspace through a shared channel): only members of this workspace can be organizers.',
    );
    expect(blocks[1]?.type).toBe('divider');
  });
});

describe('the refusal', () => {
  it('names at most five listed owners, and counts the rest', () => {
    expect(buildRoleRefusal('organizers', 'post the campaign', people(7)).text).toBe(
      'Only organizers can post the campaign. Ask an owner of this Rally (<@U0PERSON000>, <@U0PERSON001>, <@U0PERSON002>, <@U0PERSON003>, <@U0PERSON004> and 2 more) to add you with /rally organizers.',
    );
  });

  it('sends people to the workspace owners and admins when none is listed', () => {
    expect(buildRoleRefusal('organizers', 'post the campaign', []).text).toBe(
      'Only organizers can post the campaign. Ask an owner or admin of this workspace to add you with /rally organizers.',
    );
    expect(buildRoleRefusal('owners', 'add organizers', []).text).toBe(
      'Only owners of this Rally can add organizers: the owners and admins of this workspace.',
    );
  });
});
