import { describe, expect, it } from 'vitest';
import { csvField, signersCsv } from '../../src/letters/blocks/signatures-export.js';

/*
 * Finding 13 of the privacy audit: a cell of the signatures export that a spreadsheet would run as a
 * formula. OWASP's list: cells starting with =, +, -, @, a tab or a carriage return.
 * https://owasp.org/www-community/attacks/CSV_Injection
 */
describe('csvField', () => {
  it.each([
    ['=', '=HYPERLINK("https://evil.example","click")', `"'=HYPERLINK(""https://evil.example"",""click"")"`],
    ['=', '=1+2', "'=1+2"],
    ['+', '+1 for the walkout', "'+1 for the walkout"],
    ['-', '-2+3', "'-2+3"],
    ['@', '@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['a tab', '\t=1+2', "'\t=1+2"],
    ['a carriage return', '\r=1+2', `"'\r=1+2"`],
  ])(
    'leads a cell starting with %s by an apostrophe, quoting it when it needs quotes',
    (_lead, value, cell) => {
      expect(csvField(value)).toBe(cell);
      expect(csvField(value).replace(/^"/, '')).toMatch(/^'/);
    },
  );

  it('leaves every other cell as it is, the same characters later in the cell included', () => {
    for (const value of [
      'Bob Baptiste',
      'Platform team',
      'A=B',
      'x+1',
      'Jean-Luc',
      'bob@example.com',
      '',
      ' =1',
    ])
      expect(csvField(value)).toBe(value);
  });

  it('quotes cells with a comma, a quote or a line break, doubling the quotes', () => {
    expect(csvField('Azure, infra')).toBe('"Azure, infra"');
    expect(csvField('the "core" team')).toBe('"the ""core"" team"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
  });

  it('neutralizes names and roles alike in the export', () => {
    expect(signersCsv([{ name: '@everyone', role: '=cmd|" /C calc"!A0' }, { name: '-Nina' }])).toEqual([
      'name,team or role',
      `'@everyone,"'=cmd|"" /C calc""!A0"`,
      "'-Nina,",
    ]);
  });
});
