import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { SlashdockError } from '../errors.js';

/** Returns every address a host name resolves to. Tests inject their own. */
export type HostResolver = (hostname: string) => Promise<string[]>;

export const systemHostResolver: HostResolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Addresses a repository host must not resolve to unless the operator
 * allows it: loopback, private, carrier-grade NAT, link-local (cloud
 * metadata services live there), unspecified, multicast and reserved
 * ranges, in IPv4 and IPv6.
 */
const internalRanges = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  internalRanges.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  internalRanges.addSubnet(network, prefix, 'ipv6');
}

/** Reports whether an IP address is in a loopback, private, link-local or other internal range. */
export function isInternalAddress(address: string): boolean {
  const mappedIpv4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mappedIpv4 !== undefined) {
    return internalRanges.check(mappedIpv4, 'ipv4');
  }
  const family = isIP(address);
  return family === 0 ? true : internalRanges.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Rejects a repository host that is, or resolves to, an internal address,
 * so that a chat command cannot make the bot reach services inside its own
 * network. Hosts in `allowPrivateHosts` skip the check.
 * NOTE: git resolves the name again when it connects; a DNS answer that
 * changes in between is not caught here.
 */
export async function checkRepoHost(
  host: string,
  resolve: HostResolver,
  allowPrivateHosts: readonly string[],
): Promise<void> {
  const hostname = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  if (allowPrivateHosts.includes(host) || allowPrivateHosts.includes(hostname)) {
    return;
  }

  let addresses: string[];
  try {
    addresses = isIP(hostname) === 0 ? await resolve(hostname) : [hostname];
  } catch (error) {
    throw new SlashdockError(
      'clone_failed',
      `The repository host ${hostname} could not be resolved. Check the URL.`,
      { cause: error },
    );
  }

  const internal = addresses.find(isInternalAddress);
  if (internal !== undefined || addresses.length === 0) {
    const what =
      isIP(hostname) === 0 ? 'resolves to an internal address' : 'is an internal address';
    throw new SlashdockError(
      'repo_url_rejected',
      `The repository host ${hostname} ${what}, which Slashdock does not clone from. An operator can allow the host with SLASHDOCK_REPO_ALLOW_PRIVATE.`,
    );
  }
}
