// Outbound HTTP for feeds and webhooks: refuses private, loopback and link-local addresses (so a URL
// cannot reach into the host's network) unless explicitly allowed, checking every redirect hop before
// the request and every resolved address again at connect time; bodies are capped while they stream.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { DossierError } from '../errors.js';

function ipv4Private(ip: string): boolean {
  const [a, b] = ip.split('.').map(Number);
  return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254)
    || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 192 && b === 0) || (a === 198 && (b === 18 || b === 19)) || a >= 224;
}

/** The eight 16-bit groups of an IPv6 address ("::" expanded, a trailing dotted quad read), or null. */
function ipv6Groups(ip: string): number[] | null {
  let text = ip.toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const quad = text.match(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number);
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const part = (t: string) => (t ? t.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)) : []);
  const head = part(halves[0]);
  const tail = halves.length === 2 ? part(halves[1]) : [];
  const groups = halves.length === 2 ? [...head, ...Array(8 - head.length - tail.length).fill(0), ...tail] : head;
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

/** Is this address loopback, private, link-local, shared, multicast or unspecified? IPv6 forms that
 *  carry an IPv4 address (mapped ::ffff:a.b.c.d in any spelling, compatible ::a.b.c.d, NAT64
 *  64:ff9b::/96, 6to4 2002::/16) are judged by that address. Anything unparseable counts as private. */
export function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 4) return ipv4Private(ip);
  const g = ipv6Groups(ip);
  if (!g) return true;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zeros = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeros(5) && g[5] === 0xffff) return ipv4Private(v4(g[6], g[7]));
  if (zeros(6)) return g[6] === 0 && g[7] <= 1 ? true : ipv4Private(v4(g[6], g[7]));
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return ipv4Private(v4(g[6], g[7]));
  if (g[0] === 0x2002) return ipv4Private(v4(g[1], g[2]));
  return (g[0] & 0xfe00) === 0xfc00 || (g[0] & 0xffc0) === 0xfe80 || (g[0] & 0xffc0) === 0xfec0 || (g[0] & 0xff00) === 0xff00;
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

/** dns.lookup for outbound connections that refuses private addresses at connect time, so a host
 *  that resolved to a public address when checked cannot answer with a private one when connected
 *  to (DNS rebinding). Honours `all` (Node asks for every address when it races IPv4 and IPv6). */
export function checkedLookup(hostname: string, options: LookupOptions, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '');
    const blocked = addresses.find((a) => isPrivateAddress(a.address));
    if (blocked) {
      const refusal: NodeJS.ErrnoException = new Error(`${hostname} resolves to a private address (${blocked.address}); pass --allow-private to fetch it`);
      refusal.code = 'EPRIVATE';
      return callback(refusal, '');
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}

export interface FetchedResponse {
  status: number;
  ok: boolean;
  headers: IncomingHttpHeaders;
  /** The whole body, at most `maxBytes` long. */
  bytes: Uint8Array;
  text(): string;
}

export interface GuardedFetchOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  allowPrivate?: boolean;
  timeoutMs?: number;
  /** A longer body is refused while it streams, not after it has been held in memory (default 20 MB). */
  maxBytes?: number;
}

const DEFAULT_MAX_RESPONSE_BYTES = 20 * 1024 * 1024;

/** One request, no redirects followed: the body is read up to maxBytes, the whole exchange bounded by timeoutMs. */
function requestOnce(url: URL, opts: GuardedFetchOptions, deadline: AbortSignal): Promise<FetchedResponse> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, {
      method: opts.method ?? 'GET', headers: opts.headers, signal: deadline,
      ...(opts.allowPrivate ? {} : { lookup: checkedLookup }),
    }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          res.destroy();
          req.destroy();
          reject(new DossierError('TOO_LARGE', `response is larger than the limit of ${maxBytes} bytes`, url.toString()));
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', (err) => reject(err));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const status = res.statusCode ?? 0;
        resolve({ status, ok: status >= 200 && status < 300, headers: res.headers, bytes, text: () => bytes.toString('utf8') });
      });
    });
    req.on('error', (err) => reject(err));
    req.end(opts.body);
  });
}

/** An HTTP(S) request that applies assertFetchable to the URL and to each redirect (at most 5), checks
 *  every address again when it connects, caps the body and bounds the whole exchange in time. */
export async function guardedFetch(url: string, opts: GuardedFetchOptions = {}): Promise<FetchedResponse> {
  const deadline = AbortSignal.timeout(opts.timeoutMs ?? 15_000);
  let current = url;
  let hopOpts = opts;
  for (let hop = 0; hop <= 5; hop++) {
    const target = await assertFetchable(current, opts.allowPrivate);
    let res: FetchedResponse;
    try {
      res = await requestOnce(target, hopOpts, deadline);
    } catch (err) {
      if (err instanceof DossierError) throw err;
      const e = err as NodeJS.ErrnoException;
      if (e.code === 'EPRIVATE') throw new DossierError('FORBIDDEN', e.message, current);
      const reason = deadline.aborted ? `no answer within ${opts.timeoutMs ?? 15_000} ms` : e.message;
      throw new DossierError('UNREADABLE', `fetch failed: ${reason}`, current);
    }
    const location = res.headers.location;
    if (res.status >= 300 && res.status < 400 && location) {
      current = new URL(location, current).toString();
      // 307 and 308 repeat the request as it was; the other redirects fetch the new place with GET.
      if (res.status !== 307 && res.status !== 308) hopOpts = { ...opts, method: 'GET', body: undefined };
      continue;
    }
    return res;
  }
  throw new DossierError('UNREADABLE', 'too many redirects', url);
}
