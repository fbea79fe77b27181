/**
 * The `text` Slack sends for a slash command, from what the person typed, for a command with
 * `should_escape: true` (as Rally's is).
 * https://docs.slack.dev/interactivity/implementing-slash-commands#app_command_handling
 * https://docs.slack.dev/messaging/formatting-message-text#escaping
 */
import type { Workspace } from './workspace.js';

// Text already in Slack's form, kept as it is: mentions, special mentions, dates and links.
const slackToken =
  /^<(?:[@#][UWCGD][A-Z0-9]+(?:\|[^<>]*)?|![a-z][^<>]*|(?:https?|mailto):[^<>\s|]+(?:\|[^<>]*)?)>/;
const url = /^https?:\/\/[^\s<>"'“”‘’]+/;
const specialMentions = new Set(['here', 'channel', 'everyone']);

const escapeText = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The longest of `names` that `text` starts with, when what follows cannot continue a name. */
function nameAt(text: string, names: readonly string[]): string | undefined {
  const ends = (after: string) => !/^[\w-]/.test(after) && !/^\.\w/.test(after);
  return names
    .filter((name) => text.startsWith(name) && ends(text.slice(name.length)))
    .sort((a, b) => b.length - a.length)[0];
}

/**
 * What Slack sends for `typed`: `&`, `<` and `>` escaped as `&amp;`, `&lt;`, `&gt;`; `@name` of a person
 * and `#name` of a channel in the workspace as `<@U…|name>` and `<#C…|name>`; `@here`, `@channel` and
 * `@everyone` as `<!here>`, `<!channel>`, `<!everyone>`; `http(s)://` addresses as `<https://…>`. Text
 * that is already a Slack token (`<#C123|general>`, `<@U123>`, `<!here>`, `<https://x|text>`) is sent
 * as written, so tests can also write those by hand.
 */
export function slackCommandText(workspace: Workspace, typed: string): string {
  const people = workspace.users.filter((u) => !u.deleted);
  const userNames = people.map((u) => u.name);
  const channelNames = workspace.channels.filter((c) => !c.is_im).map((c) => c.name);
  let out = '';
  let i = 0;
  while (i < typed.length) {
    const rest = typed.slice(i);
    const startsWord = i === 0 || /[\s("'“‘[]/.test(typed[i - 1] as string);
    const token = slackToken.exec(rest);
    if (token) {
      out += token[0];
      i += token[0].length;
      continue;
    }
    const link = startsWord ? url.exec(rest) : null;
    if (link) {
      // Punctuation that ends a sentence is not part of the address.
      const address = link[0].replace(/[.,;:!?)\]]+$/, '');
      out += `<${escapeText(address)}>`;
      i += address.length;
      continue;
    }
    const sigil = rest[0];
    if (startsWord && sigil === '@') {
      const special = nameAt(rest.slice(1), [...specialMentions]);
      if (special) {
        out += `<!${special}>`;
        i += 1 + special.length;
        continue;
      }
      const name = nameAt(rest.slice(1), userNames);
      const person = people.find((u) => u.name === name);
      if (name && person) {
        out += `<@${person.id}|${name}>`;
        i += 1 + name.length;
        continue;
      }
    }
    if (startsWord && sigil === '#') {
      const name = nameAt(rest.slice(1), channelNames);
      const channel = workspace.channels.find((c) => c.name === name);
      if (name && channel) {
        out += `<#${channel.id}|${name}>`;
        i += 1 + name.length;
        continue;
      }
    }
    out += escapeText(rest[0] as string);
    i += 1;
  }
  return out;
}
