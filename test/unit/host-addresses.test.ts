import { describe, expect, it } from 'vitest';
import {
  checkRepoHost,
  isInternalAddress,
  type HostResolver,
} from '../../src/git/host-addresses.js';

const fakeDns: Record<string, string[]> = {
  'git.internal.test': ['10.0.0.7'],
  'metadata.test': ['169.254.169.254'],
  'mixed.test': ['203.0.113.10', '192.168.1.5'],
  'public.test': ['203.0.113.10', '2001:db8::1'],
  'v6-local.test': ['fd00::1'],
};
const resolver: HostResolver = (hostname) => {
  const addresses = fakeDns[hostname];
  return addresses === undefined
    ? Promise.reject(new Error(`ENOTFOUND ${hostname}`))
    : Promise.resolve(addresses);
};

describe('isInternalAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.32.0.1', false],
    ['192.168.0.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['224.0.0.1', true],
    ['203.0.113.10', false],
    ['::1', true],
    ['::', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:203.0.113.10', false],
    ['2001:db8::1', false],
    ['not-an-address', true],
  ])('%s is internal: %s', (address, internal) => {
    expect(isInternalAddress(address)).toBe(internal);
  });
});

describe('checkRepoHost', () => {
  it.each([
    'git.internal.test',
    'metadata.test',
    'mixed.test',
    'v6-local.test',
    '10.0.0.1',
    '[::1]:8080',
  ])('refuses %s', async (host) => {
    await expect(checkRepoHost(host, resolver, [])).rejects.toThrow(
      'an internal address, which Slashdock does not clone from',
    );
  });

  it('accepts a public host', async () => {
    await expect(checkRepoHost('public.test', resolver, [])).resolves.toBeUndefined();
  });

  it('accepts an allowed private host', async () => {
    await expect(
      checkRepoHost('git.internal.test:8443', resolver, ['git.internal.test']),
    ).resolves.toBeUndefined();
  });

  it('reports a name that does not resolve', async () => {
    await expect(checkRepoHost('nowhere.test', resolver, [])).rejects.toThrow(
      'could not be resolved',
    );
  });
});
