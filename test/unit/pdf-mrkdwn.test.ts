import { describe, expect, it } from 'vitest';
import { inlineRuns, mrkdwnBlocks, type Run } from '../../src/pdf/mrkdwn.js';

/** Runs as `text` with its style in brackets, for short assertions: `[b]bold`, `[i]it`, `[link:url]x`. */
const show = (runs: Run[]): string[] =>
  runs.map((r) => {
    const marks = [
      r.style.bold ? 'b' : '',
      r.style.italic ? 'i' : '',
      r.style.mono ? 'm' : '',
      r.strike ? 's' : '',
      r.link ? `link:${r.link}` : '',
    ].filter(Boolean);
    return `${marks.length ? `[${marks.join(',')}]` : ''}${r.text}`;
  });

describe('inlineRuns', () => {
  it('reads *bold*, _italic_, ~strike~ and `code` as Slack does, nested too', () => {
    expect(show(inlineRuns('We *strongly* _object_ to ~this~ `plan`'))).toEqual([
      'We ',
      '[b]strongly',
      ' ',
      '[i]object',
      ' to ',
      '[s]this',
      ' ',
      '[m]plan',
    ]);
    expect(show(inlineRuns('*bold _and italic_*'))).toEqual(['[b]bold ', '[b,i]and italic']);
    expect(show(inlineRuns('**double**, as Markdown writers mean it'))).toEqual([
      '[b]double',
      ', as Markdown writers mean it',
    ]);
  });

  it('leaves markers that open or close nothing, inside words, or around spaces as written', () => {
    for (const text of ['snake_case_name', '2*3*4', 'a lone * star', '* not bold*', '~5 people', 'x_']) {
      expect(show(inlineRuns(text))).toEqual([text]);
    }
  });

  it('shows a link as its text followed by its address, and mentions by their label, never an ID', () => {
    expect(show(inlineRuns('See <https://example.org/a|the report> now'))).toEqual([
      'See ',
      'the report (',
      '[link:https://example.org/a]https://example.org/a',
      ')',
      ' now',
    ]);
    expect(show(inlineRuns('<https://example.org> and <mailto:a@example.org|write>'))).toEqual([
      '[link:https://example.org]https://example.org',
      ' and ',
      'write (',
      '[link:mailto:a@example.org]a@example.org',
      ')',
    ]);
    expect(show(inlineRuns('[the memo](https://example.org/m)'))).toEqual([
      'the memo (',
      '[link:https://example.org/m]https://example.org/m',
      ')',
    ]);
    expect(show(inlineRuns('<@U0SECRET01> <#C0GENERAL1|general> <!here> <@U0SECRET02|ana>'))).toEqual([
      '@someone',
      ' ',
      '#general',
      ' ',
      '@here',
      ' ',
      '@ana',
    ]);
    expect(show(inlineRuns('_<https://x.example/a_b_c|see>_'))).toEqual([
      '[i]see (',
      '[i,link:https://x.example/a_b_c]https://x.example/a_b_c',
      '[i])',
    ]);
  });

  it('keeps <, > and & that make no token as written', () => {
    expect(show(inlineRuns('a < b & c > d <not a link>'))).toEqual(['a < b & c > d <not a link>']);
  });
});

describe('mrkdwnBlocks', () => {
  it('makes list items with their bullet or number, quotes, code and lines of text', () => {
    const blocks = mrkdwnBlocks(
      'We ask:\n- end the *contract*\n• publish it\n2) answer us\n> a quote\n```\nconst x = *1*;\n```\nThanks.',
    );
    expect(blocks.map((b) => [b.kind, b.marker ?? '', show(b.runs).join('|')])).toEqual([
      ['text', '', 'We ask:'],
      ['item', '•', 'end the |[b]contract'],
      ['item', '•', 'publish it'],
      ['item', '2.', 'answer us'],
      ['quote', '', 'a quote'],
      ['code', '', '[m]const x = *1*;'],
      ['text', '', 'Thanks.'],
    ]);
  });

  it('keeps the line breaks of a paragraph, and shows a fence left open as written', () => {
    expect(mrkdwnBlocks('one\ntwo').map((b) => show(b.runs))).toEqual([['one', '\n', 'two']]);
    expect(mrkdwnBlocks('a ``` b').map((b) => show(b.runs).join(''))).toEqual(['a ``` b']);
  });
});
