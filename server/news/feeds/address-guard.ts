import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/** Addresses a feed URL must not reach from this server: loopback, private, link-local (cloud metadata), reserved. */
const BLOCKED = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  BLOCKED.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  BLOCKED.addSubnet(net, bits, 'ipv6');

/** True for an address a feed must not be fetched from (IPv4-mapped IPv6 addresses count as their IPv4). */
export function isPrivateAddress(address: string): boolean {
  const kind = isIP(address);
  if (kind === 0) return true;
  return BLOCKED.check(address, kind === 4 ? 'ipv4' : 'ipv6');
}

export class AddressRefused extends Error {
  readonly code = 'EADDRREFUSED';
  constructor(host: string, address: string) {
    super(
      `${host} is a private, loopback or link-local address (${address}); set NEWS_ALLOW_PRIVATE=on to allow it`,
    );
  }
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** The DNS lookup used to connect (injectable: tests answer from a table, never from the network). */
export type Resolver = (host: string, cb: (err: Error | null, addresses: LookupAddress[]) => void) => void;

export const systemResolver: Resolver = (host, cb) =>
  dnsLookup(host, { all: true, verbatim: true }, (err, addresses) => cb(err, addresses ?? []));

/**
 * A `lookup` for http.request that refuses a host when any of its addresses is private, so the
 * address checked is the address connected to (a DNS answer that changes between a check and the
 * connection cannot slip through).
 */
export function guardedLookup(resolver: Resolver, allowPrivate: boolean) {
  return (host: string, options: { all?: boolean; family?: number | string }, cb: LookupCallback): void => {
    resolver(host, (err, all) => {
      if (err) return cb(err as NodeJS.ErrnoException, []);
      const family =
        options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : Number(options.family) || 0;
      const addresses = family ? all.filter((a) => a.family === family) : all;
      if (addresses.length === 0) {
        return cb(Object.assign(new Error(`no address for ${host}`), { code: 'ENOTFOUND' }), []);
      }
      const bad = allowPrivate ? undefined : addresses.find((a) => isPrivateAddress(a.address));
      if (bad) return cb(new AddressRefused(host, bad.address) as NodeJS.ErrnoException, []);
      if (options.all) return cb(null, addresses);
      const [firstAddress] = addresses as [LookupAddress];
      cb(null, firstAddress.address, firstAddress.family);
    });
  };
}

/** Checks a URL's host when it is an IP literal (no lookup happens for those). */
export function checkLiteralHost(hostname: string, allowPrivate: boolean): void {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && isIP(host) && isPrivateAddress(host)) throw new AddressRefused(host, host);
}
