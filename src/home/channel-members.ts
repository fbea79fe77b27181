import type { WebClient } from '@slack/web-api';
import { channelMembership } from '../slack/channel-membership.js';
import type { HomeStore, HomeViewer } from './store.js';

/** Channels whose membership one publication may ask Slack about (the answers are kept an hour). */
export const membershipChecksPerPublish = 20;

export type ChannelMembersDeps = { homes: HomeStore; slack: WebClient };

/**
 * Which channels a person is in, for one publication of their Home tab, shared by every list on it: what is
 * kept under their hash is read once, the rest is asked of Slack (`conversations.members`) within one budget
 * of {@link membershipChecksPerPublish} channels, and `keep` stores what was learned. Without a hash (after
 * `/rally forget me`) nothing is read or kept.
 */
export class ChannelMembers {
  readonly #deps: ChannelMembersDeps;
  readonly #userId: string;
  readonly #personHash: string | undefined;
  readonly #known: ReadonlyMap<string, boolean>;
  readonly #learned = new Map<string, boolean>();

  private constructor(
    deps: ChannelMembersDeps,
    userId: string,
    personHash: string | undefined,
    known: ReadonlyMap<string, boolean>,
  ) {
    this.#deps = deps;
    this.#userId = userId;
    this.#personHash = personHash;
    this.#known = known;
  }

  /** Reads what is kept about the person's membership of `channels`, the channels any list may ask about. */
  static async load(
    deps: ChannelMembersDeps,
    viewer: HomeViewer,
    personHash: string | undefined,
    channels: Iterable<string>,
  ): Promise<ChannelMembers> {
    const known = personHash
      ? await deps.homes.memberships(personHash, [...new Set(channels)])
      : new Map<string, boolean>();
    return new ChannelMembers(deps, viewer.userId, personHash, known);
  }

  /** What is known already, asking nobody. */
  known(channel: string): boolean | undefined {
    return this.#known.get(channel) ?? this.#learned.get(channel);
  }

  /** Whether the person is in `channel`; undefined when it is not known and the budget is spent. */
  async isMember(channel: string): Promise<boolean | undefined> {
    const known = this.known(channel);
    if (known !== undefined) return known;
    if (this.#learned.size >= membershipChecksPerPublish) return undefined;
    const member = (await channelMembership(this.#deps.slack, channel, this.#userId)) === 'member';
    this.#learned.set(channel, member);
    return member;
  }

  /** Keeps what Slack said, under the person's hash, for the next publications. */
  async keep(): Promise<void> {
    if (this.#personHash) await this.#deps.homes.keepMemberships(this.#personHash, this.#learned);
  }
}
