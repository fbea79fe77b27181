import { describe, expect, it } from 'vitest';
import { buildHelpMessage, buildUnknownCommandMessage } from '../../src/commands/blocks/help.js';
import { subcommands } from '../../src/commands/catalog.js';

const sectionTexts = (blocks: { type: string; text?: { text: string } }[]) =>
  blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));

describe('help message', () => {
  const message = buildHelpMessage(subcommands);

  it('lists every subcommand with its usage, summary and an example', () => {
    const texts = sectionTexts(message.blocks as never);
    for (const sub of subcommands) {
      const line = texts.find((t) => t.startsWith(`*\`/rally ${sub.name}`));
      expect(line, sub.name).toBeDefined();
      expect(line).toContain('Example: `');
    }
    expect(message.text).toContain('/rally poll');
  });

  it('escapes angle brackets so Slack does not read them as links', () => {
    const remind = sectionTexts(message.blocks as never).find((t) => t.startsWith('*`/rally remind'));
    expect(remind).toContain('&lt;when&gt;');
    expect(remind).not.toContain('<when>');
  });

  it('stays inside Block Kit limits', () => {
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const text of sectionTexts(message.blocks as never)) expect(text.length).toBeLessThanOrEqual(3000);
  });

  it('names an unknown word, escaped, before the list', () => {
    const unknown = buildUnknownCommandMessage('<@U0ALICE01|alice>', subcommands);
    const [first] = sectionTexts(unknown.blocks as never);
    expect(first).toBe(
      ":warning: I don't know the command `&lt;@U0ALICE01|alice&gt;`. Here is what Rally understands:",
    );
  });
});
