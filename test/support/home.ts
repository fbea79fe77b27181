import { expect } from 'vitest';
import type { Harness } from './rally.js';

/** A Block Kit block or element, as the stand-in keeps it. */
export type Block = Record<string, unknown>;

/** Every piece of text a view shows: headers, sections, context, buttons. */
export function textsOf(blocks: readonly Block[]): string[] {
  const texts: string[] = [];
  const add = (t: unknown) => {
    if (t && typeof t === 'object' && typeof (t as { text?: unknown }).text === 'string')
      texts.push((t as { text: string }).text);
  };
  for (const b of blocks) {
    add(b.text);
    for (const e of (b.elements as Block[] | undefined) ?? []) add(e.type === 'button' ? e.text : e);
    if (b.accessory) add((b.accessory as Block).text);
  }
  return texts;
}

/** The blocks of `user`'s published Home tab. */
export const homeBlocks = (h: Harness, user: string): Block[] =>
  ((h.standIn.homeView(user)?.view.blocks as Block[] | undefined) ?? []) as Block[];

/** What `user`'s published Home tab shows, as text. */
export const homeText = (h: Harness, user: string): string => textsOf(homeBlocks(h, user)).join('\n');

/** How many times Rally published `user`'s Home tab. */
export const publishes = (h: Harness, user: string): number =>
  h.standIn.calls('views.publish').filter((c) => c.args.user_id === user).length;

/** Opens the Home tab as `user` until Rally publishes it anew (it skips one published within a second). */
export async function openHome(h: Harness, user: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = publishes(h, user);
    await h.slack.appHomeOpened(user);
    try {
      await expect.poll(() => publishes(h, user), { timeout: 2_500 }).toBeGreaterThan(before);
      return;
    } catch {
      // Published within the last second: open it again once that is over.
    }
  }
  throw new Error(`the Home tab of ${user} was not published`);
}
