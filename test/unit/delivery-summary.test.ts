import { describe, expect, it } from 'vitest';
import {
  buildDeliverySummary,
  filesFailure,
  signersCsvFile,
  unnamedSignersLine,
} from '../../src/letters/blocks/signatures-export.js';
import { letterActions } from '../../src/slack/ids.js';

const rule = { minAnonymous: 5 };
const letter = { letterId: 'L0001', closed: false };
const signers = [{ name: 'Ada', role: '=1+1' }, { name: '王芳' }];

describe('the line about signers without names on the delivered letter', () => {
  it('gives their number only from RALLY_MIN_ANONYMOUS_VOTES, anonymous and waiting together', () => {
    expect(unnamedSignersLine({ named: 3, anonymous: 0, waiting: 0 }, rule)).toBeUndefined();
    expect(unnamedSignersLine({ named: 3, anonymous: 2, waiting: 2 }, rule)).toBe(
      'A few more people signed without their names.',
    );
    expect(unnamedSignersLine({ named: 3, anonymous: 3, waiting: 2 }, rule)).toBe(
      '5 more people signed without their names.',
    );
    expect(unnamedSignersLine({ named: 0, anonymous: 1_200, waiting: 34 }, rule)).toBe(
      '1,234 more people signed without their names.',
    );
    expect(unnamedSignersLine({ named: 0, anonymous: 1, waiting: 0 }, { minAnonymous: 1 })).toBe(
      '1 more person signed without their names.',
    );
  });
});

describe('the CSV file', () => {
  it('is UTF-8 with a byte order mark and CRLF lines, cells that would run as formulas neutralised', () => {
    expect(signersCsvFile(signers).toString('utf8')).toBe(
      "\uFEFFname,team or role\r\nAda,'=1+1\r\n王芳,\r\n",
    );
  });
});

describe('the private summary', () => {
  it('says where the files went, with Close signing, and no list', () => {
    const content = buildDeliverySummary(signers, { named: 2, anonymous: 5, waiting: 0 }, rule, letter, {
      ok: true,
      pages: 3,
    });
    expect(content.text).toBe(
      'Signatures for delivery: 2 named. Also 5 signed anonymously; 0 signed with their name once enough others do, and are counted as anonymous until then.\n' +
        'The letter as it will be delivered (PDF, 3 pages) and the named signers (CSV) are in your direct messages with Rally.',
    );
    expect(JSON.stringify(content.blocks)).toContain(letterActions.close);
    expect(JSON.stringify(content.blocks)).not.toContain('Ada');
  });

  it('says so when the PDF could not be made and the CSV went alone', () => {
    const content = buildDeliverySummary(signers, { named: 2, anonymous: 0, waiting: 0 }, rule, letter, {
      ok: true,
    });
    expect(content.text).toContain(
      'The named signers (CSV) are in your direct messages with Rally. Rally could not make the PDF of the letter: its logs say why.',
    );
  });

  it('gives the list as CSV text when the files could not be sent, saying why', () => {
    const content = buildDeliverySummary(
      signers,
      { named: 2, anonymous: 1, waiting: 0 },
      rule,
      { ...letter, closed: true },
      { ok: false, reason: 'missing_scope', explanation: filesFailure('missing_scope') },
    );
    expect(content.text).toContain('fewer than 5 signed anonymously or are waiting to show their names');
    expect(content.text).toContain('reinstall the Slack app from manifest.yml');
    expect(content.text).toContain("name,team or role\nAda,'=1+1\n王芳,");
    const blocks = JSON.stringify(content.blocks);
    expect(blocks).toContain('```name,team or role');
    expect(blocks).toContain('Signing is closed');
    expect(blocks).not.toContain(letterActions.close);
  });
});
