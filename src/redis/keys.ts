/**
 * Every Redis key Rally writes starts with one hash-tagged prefix, so that all of them (BullMQ's
 * included) land in one Redis Cluster slot and multi-key scripts stay legal.
 */
export interface Keys {
  /** The prefix, e.g. `{rally}`, also given to BullMQ. */
  readonly prefix: string;
  /** A state key: `key('poll', id)` is `{rally}:poll:<id>`. */
  key(...parts: string[]): string;
}

export function createKeys(namespace = 'rally'): Keys {
  if (!/^[a-z0-9-]+$/i.test(namespace)) throw new Error(`invalid key namespace: ${namespace}`);
  const prefix = `{${namespace}}`;
  return { prefix, key: (...parts) => [prefix, ...parts].join(':') };
}
