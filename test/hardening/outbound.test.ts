// Outbound fetches (feeds, webhooks) against hostile servers: a name that resolves to a private
// address at connect time, a body that never ends, a server that never answers, redirect chains
// into the host's network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkedLookup, guardedFetch } from '../../src/queue/net-guard.js';
import { DossierError } from '../../src/errors.js';

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; base: string }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function lookupResult(host: string, all: boolean): Promise<{ err: NodeJS.ErrnoException | null; address: unknown }> {
  return new Promise((resolve) => checkedLookup(host, { all }, (err, address) => resolve({ err, address })));
}

test('the connect-time lookup refuses a name that resolves to a private address, in both calling forms', async () => {
  for (const all of [false, true]) {
    const { err } = await lookupResult('localhost', all);
    assert.equal(err?.code, 'EPRIVATE', `all=${all}`);
    assert.match(err!.message, /localhost resolves to a private address/);
  }
});

test('a fetch by name that reaches a loopback server is refused before any byte is sent', async () => {
  let requests = 0;
  const { server, base } = await serve((_req, res) => { requests++; res.end('secret'); });
  try {
    const byName = base.replace('127.0.0.1', 'localhost');
    await assert.rejects(guardedFetch(`${byName}/internal`), (err: unknown) => err instanceof DossierError && err.code === 'FORBIDDEN' && /private address/.test(err.message));
    assert.equal(requests, 0);
    const allowed = await guardedFetch(`${base}/internal`, { allowPrivate: true });
    assert.equal(allowed.text(), 'secret');
    assert.equal(requests, 1);
  } finally {
    server.close();
  }
});

test('a body that never ends is cut at the byte limit while it streams; memory stays bounded', async () => {
  let stopped = false;
  const { server, base } = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = () => { while (!stopped && res.write(chunk)); if (!stopped) res.once('drain', pump); };
    res.on('close', () => { stopped = true; });
    pump();
  });
  try {
    const before = process.memoryUsage().rss;
    await assert.rejects(guardedFetch(`${base}/endless.xml`, { allowPrivate: true, maxBytes: 2 * 1024 * 1024 }),
      (err: unknown) => err instanceof DossierError && err.code === 'TOO_LARGE' && /2097152 bytes/.test(err.message));
    assert.ok(process.memoryUsage().rss - before < 200 * 1024 * 1024, 'the endless body was not held in memory');
  } finally {
    stopped = true;
    server.closeAllConnections();
    server.close();
  }
});

test('a server that never answers ends in a timeout error naming the URL', async () => {
  const { server, base } = await serve(() => { /* never answers */ });
  try {
    const started = Date.now();
    await assert.rejects(guardedFetch(`${base}/slow`, { allowPrivate: true, timeoutMs: 300 }),
      (err: unknown) => err instanceof DossierError && err.code === 'UNREADABLE' && /no answer within 300 ms/.test(err.message) && err.line().includes('/slow'));
    assert.ok(Date.now() - started < 5000);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('redirects are followed up to five hops, each hop checked; a 303 turns a POST into a GET, a 307 keeps it', async () => {
  const seen: string[] = [];
  const { server, base } = await serve((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (req.url === '/see-other') return res.writeHead(303, { location: '/landing' }).end();
    if (req.url === '/temporary') return res.writeHead(307, { location: '/landing' }).end();
    if (req.url?.startsWith('/loop')) return res.writeHead(302, { location: `/loop${Number(req.url.slice(5) || 0) + 1}` }).end();
    res.end(req.method);
  });
  try {
    assert.equal((await guardedFetch(`${base}/see-other`, { method: 'POST', body: '{}', allowPrivate: true })).text(), 'GET');
    assert.equal((await guardedFetch(`${base}/temporary`, { method: 'POST', body: '{}', allowPrivate: true })).text(), 'POST');
    await assert.rejects(guardedFetch(`${base}/loop`, { allowPrivate: true }), /too many redirects/);
    assert.equal(seen.filter((s) => s.includes('/loop')).length, 6);
  } finally {
    server.close();
  }
});

test('address literals into the host network are refused (IPv4 inside IPv6, cloud metadata), and so are other schemes', async () => {
  await assert.rejects(guardedFetch('http://[::ffff:127.0.0.1]:9/'), (err: unknown) => err instanceof DossierError && err.code === 'FORBIDDEN');
  await assert.rejects(guardedFetch('http://169.254.169.254/latest/meta-data/'), (err: unknown) => err instanceof DossierError && err.code === 'FORBIDDEN');
  await assert.rejects(guardedFetch('file:///etc/passwd'), (err: unknown) => err instanceof DossierError && err.code === 'UNSUPPORTED');
});
