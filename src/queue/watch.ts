// Watching a folder or a feed URL: each poll reads what is new or changed and enqueues its
// articles (the queue skips content it has seen), and reports new alert hits since the last poll.
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { articlesFromBytes, DEFAULT_MAX_BYTES, readInputs, type IngestItem } from '../ingest/index.js';
import type { Article } from '../schema/article.js';
import { DossierError } from '../errors.js';
import type { JobQueue } from './queue.js';
import { guardedFetch } from './net-guard.js';

export interface PollResult {
  read: number;
  queued: number;
  failures: DossierError[];
}

/** Enqueues the articles of a stream of ingest items in batches; failures are returned, not thrown. */
export async function enqueueItems(queue: JobQueue, items: AsyncIterable<IngestItem> | Iterable<IngestItem>): Promise<PollResult> {
  const result: PollResult = { read: 0, queued: 0, failures: [] };
  let batch: Article[] = [];
  const flush = async () => {
    if (!batch.length) return;
    result.queued += (await queue.enqueue(batch)).queued;
    batch = [];
  };
  for await (const item of items) {
    result.read++;
    if (!item.ok) result.failures.push(item.error);
    else batch.push(item.article);
    if (batch.length >= 200) await flush();
  }
  await flush();
  return result;
}

const FEED_EXTENSIONS = new Set(['.xml', '.rss', '.atom', '.json', '.jsonl', '.ndjson', '.html', '.htm', '.txt']);

/** The name a fetched URL is read under: the URL itself, minus an extension ingest does not know
 *  (".php"), so the format is sniffed from the content instead. */
export function nameForUrl(url: URL): string {
  const path = FEED_EXTENSIONS.has(extname(url.pathname).toLowerCase()) ? url.pathname : url.pathname.replace(/\.[^./]*$/, '');
  return `${url.origin}${path}`;
}

export interface WatchOptions {
  allowPrivate?: boolean;
  maxBytes?: number;
}

/** One watched folder or URL; `poll()` enqueues what changed since the previous poll. */
export class Watcher {
  private readonly seen = new Map<string, string>();
  readonly isUrl: boolean;

  constructor(readonly queue: JobQueue, readonly target: string, readonly opts: WatchOptions = {}) {
    this.isUrl = /^https?:\/\//i.test(target);
  }

  async poll(): Promise<PollResult> {
    return this.isUrl ? this.pollUrl() : this.pollFolder();
  }

  private async pollUrl(): Promise<PollResult> {
    const url = new URL(this.target);
    const res = await guardedFetch(this.target, {
      allowPrivate: this.opts.allowPrivate, maxBytes: this.opts.maxBytes ?? DEFAULT_MAX_BYTES,
      headers: { accept: 'application/rss+xml, application/atom+xml, application/xml, */*' },
    });
    if (!res.ok) throw new DossierError('UNREADABLE', `answered HTTP ${res.status}`, this.target);
    return enqueueItems(this.queue, articlesFromBytes(nameForUrl(url), res.bytes, { maxBytes: this.opts.maxBytes }));
  }

  /** Files whose size or modification time changed since the last poll (all of them the first time). */
  private async changedFiles(dir: string, out: string[], present: Set<string>): Promise<void> {
    let names: string[];
    try {
      names = (await readdir(dir)).sort();
    } catch (err) {
      throw new DossierError('UNREADABLE', `cannot read folder: ${(err as Error).message}`, dir);
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const path = join(dir, name);
      const info = await stat(path).catch(() => null);
      if (!info) continue;
      if (info.isDirectory()) await this.changedFiles(path, out, present);
      else if (info.isFile()) {
        present.add(path);
        const signature = `${info.size}:${info.mtimeMs}`;
        if (this.seen.get(path) !== signature) {
          this.seen.set(path, signature);
          out.push(path);
        }
      }
    }
  }

  private async pollFolder(): Promise<PollResult> {
    const changed: string[] = [];
    const present = new Set<string>();
    await this.changedFiles(this.target, changed, present);
    for (const path of this.seen.keys()) if (!present.has(path)) this.seen.delete(path);
    if (!changed.length) return { read: 0, queued: 0, failures: [] };
    return enqueueItems(this.queue, readInputs(changed, { maxBytes: this.opts.maxBytes }));
  }
}
