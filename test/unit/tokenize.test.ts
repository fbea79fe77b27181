import { describe, expect, it } from 'vitest';
import { routeCommand } from '../../src/commands/route.js';
import { tokenize } from '../../src/commands/tokenize.js';

const texts = (input: string) => {
  const result = tokenize(input);
  if (!result.ok) throw new Error(result.error);
  return result.tokens.map((t) => t.text);
};

describe('tokenize', () => {
  it('splits words and keeps straight-quoted phrases together', () => {
    expect(texts('poll "Do we walk out?" "Yes" "No" anonymous')).toEqual([
      'poll',
      'Do we walk out?',
      'Yes',
      'No',
      'anonymous',
    ]);
  });

  it('reads curly double quotes as straight ones', () => {
    expect(texts('poll \u201CDo we walk out?\u201D \u201CYes\u201D \u201CNo\u201D')).toEqual([
      'poll',
      'Do we walk out?',
      'Yes',
      'No',
    ]);
  });

  it('reads curly single quotes as quotes at the start of a word, and as apostrophes inside one', () => {
    expect(texts('remind me \u2018Sign the letter\u2019 in 2 hours')).toEqual([
      'remind',
      'me',
      'Sign the letter',
      'in',
      '2',
      'hours',
    ]);
    expect(texts('poll "We don\u2019t agree" yes')).toEqual(['poll', "We don't agree", 'yes']);
    expect(texts("don't stop")).toEqual(["don't", 'stop']);
  });

  it('marks quoted tokens so a quoted flag word stays text', () => {
    const result = tokenize('"anonymous" anonymous');
    expect(result).toEqual({
      ok: true,
      tokens: [
        { text: 'anonymous', quoted: true },
        { text: 'anonymous', quoted: false },
      ],
    });
  });

  it('reports an unclosed quote with where it starts', () => {
    const unclosed = tokenize('poll "Do we walk out');
    expect(unclosed).toEqual({ ok: false, error: 'A quote is never closed: "Do we walk out' });
  });

  it('returns no tokens for blank text', () => {
    expect(texts('   ')).toEqual([]);
  });
});

describe('routeCommand', () => {
  it('treats empty text and help as help', () => {
    expect(routeCommand('')).toEqual({ kind: 'help' });
    expect(routeCommand('  HELP ')).toEqual({ kind: 'help' });
  });

  it('names an unknown subcommand', () => {
    expect(routeCommand('dance now')).toEqual({ kind: 'unknown', word: 'dance' });
    expect(routeCommand('"poll" a b')).toEqual({ kind: 'unknown', word: 'poll' });
  });

  it('hands a known subcommand its arguments', () => {
    const route = routeCommand('poll \u201CQ?\u201D A B');
    expect(route.kind).toBe('subcommand');
    if (route.kind !== 'subcommand') return;
    expect(route.subcommand.name).toBe('poll');
    expect(route.args.map((a) => a.text)).toEqual(['Q?', 'A', 'B']);
  });

  it('reports unreadable text', () => {
    expect(routeCommand('poll "Q')).toMatchObject({
      kind: 'unreadable',
      problem: 'A quote is never closed: "Q',
      subcommand: { name: 'poll' },
    });
    expect(routeCommand('"Q')).toEqual({ kind: 'unreadable', problem: 'A quote is never closed: "Q' });
  });
});
