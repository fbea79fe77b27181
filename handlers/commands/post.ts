import { resolveArticle } from '../../src/articles/resolve-article.js';
import { subcommand } from '../../src/commands/catalog.js';
import type { Token } from '../../src/commands/tokenize.js';
import type { RallyContext } from '../../src/context.js';
import { resolveLetter } from '../../src/letters/resolve-letter.js';
import { postArticle } from '../../src/posting/post-article.js';
import { parsePostCommand } from '../../src/posting/post-command.js';
import { postLetter } from '../../src/posting/post-letter.js';
import { buildCommandErrorMessage } from '../../src/slack/blocks/messages.js';
import { escapeMrkdwn } from '../../src/slack/blocks/mrkdwn.js';
import { privately, type SubcommandHandler } from '../types.js';

/** `/rally post article|letter [name] [#channel ...]` (organizers): queues the posting and says where it is going. */
export function createPostSubcommand(ctx: RallyContext): SubcommandHandler {
  return async (args, { command, ack }) => {
    const parsed = parsePostCommand(args, command.channel_id);
    const refuse = (problem: string) => ack(privately(buildCommandErrorMessage(problem, subcommand('post'))));
    if (!parsed.ok) {
      await refuse(parsed.problem);
      return;
    }
    const request = {
      teamId: command.team_id,
      requestedBy: command.user_id,
      channels: parsed.channels,
      responseUrl: command.response_url,
    };
    const where = parsed.channels.map((c) => `<#${c}>`).join(', ');
    if (parsed.kind === 'article') {
      const resolved = await resolveArticle(ctx, parsed.name);
      const posted = resolved.ok
        ? await postArticle(ctx, { ...request, articleId: resolved.article.id })
        : resolved;
      if (!posted.ok) {
        await refuse(posted.problem);
        return;
      }
      const { slug, text } = posted.article;
      await ack(
        privately({
          text: `Posting the article "${escapeMrkdwn(text.headline)}" (\`${slug}\`) to ${where}, each copy with its discussion thread. I'll tell you here how it went in each channel.`,
        }),
      );
      return;
    }
    const name: Token[] = parsed.name ? [{ text: parsed.name, quoted: false }] : [];
    const resolved = await resolveLetter(ctx, name, 'open');
    if (!resolved.ok) {
      await refuse(resolved.problem);
      return;
    }
    const posted = await postLetter(ctx, { ...request, letterId: resolved.letter.id });
    if (!posted.ok) {
      await refuse(posted.problem);
      return;
    }
    const title = resolved.letter.text.title;
    await ack(
      privately({
        text: `Posting the letter "${escapeMrkdwn(title)}" to ${where}. I'll tell you here how it went in each channel.`,
      }),
    );
  };
}
