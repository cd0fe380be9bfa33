import type { HostResolver } from '../../src/git/host-addresses.js';

/**
 * A host resolver with fixed answers, so that no test ever sends a DNS
 * query. Names it does not know are rejected as unresolvable, and every
 * lookup is recorded.
 */
export class FakeHostResolver {
  readonly lookups: string[] = [];

  constructor(private readonly answers: ReadonlyMap<string, readonly string[]> = new Map()) {}

  readonly resolve: HostResolver = (hostname) => {
    this.lookups.push(hostname);
    const addresses = this.answers.get(hostname);
    if (addresses === undefined) {
      return Promise.reject(new Error(`The fake resolver has no addresses for ${hostname}.`));
    }
    return Promise.resolve([...addresses]);
  };
}
