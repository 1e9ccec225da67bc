// Outbound HTTP for feeds and webhooks: refuses private, loopback and link-local addresses (so a URL
// cannot reach into the host's network) unless explicitly allowed, checking every redirect hop.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { DossierError } from '../errors.js';

function ipv4Private(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number);
  return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254)
    || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 192 && b === 0) || (a === 198 && (b === 18 || b === 19)) || a >= 224;
}

/** Is this address loopback, private, link-local, shared, multicast or unspecified? */
export function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 4) return ipv4Private(ip);
  const v6 = ip.toLowerCase().replace(/^\[|\]$/g, '');
  const mapped = v6.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped) return ipv4Private(mapped[1]);
  return v6 === '::' || v6 === '::1' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6) || /^ff/.test(v6);
}

/** Throws unless the URL is http(s) and (when private addresses are not allowed) every address its
 *  host resolves to is public. */
export async function assertFetchable(url: string, allowPrivate = false): Promise<URL> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new DossierError('INVALID', 'not a valid URL', url);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new DossierError('UNSUPPORTED', `only http and https URLs are fetched, not ${u.protocol}`, url);
  if (allowPrivate) return u;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch (err) {
    throw new DossierError('UNREADABLE', `cannot resolve ${host}: ${(err as Error).message}`, url);
  }
  const blocked = addresses.find(isPrivateAddress);
  if (blocked) throw new DossierError('FORBIDDEN', `${host} resolves to a private address (${blocked}); pass --allow-private to fetch it`, url);
  return u;
}

/** fetch() that applies assertFetchable to the URL and to each redirect (at most 5), with a timeout. */
export async function guardedFetch(url: string, init: RequestInit & { allowPrivate?: boolean; timeoutMs?: number } = {}): Promise<Response> {
  const { allowPrivate, timeoutMs = 15_000, ...rest } = init;
  let current = url;
  for (let hop = 0; hop <= 5; hop++) {
    await assertFetchable(current, allowPrivate);
    let res: Response;
    try {
      res = await fetch(current, { ...rest, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw new DossierError('UNREADABLE', `fetch failed: ${(err as Error).message}`, current);
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      current = new URL(location, current).toString();
      continue;
    }
    return res;
  }
  throw new DossierError('UNREADABLE', 'too many redirects', url);
}
