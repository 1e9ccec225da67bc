// What clustering reads on every save, kept in memory across the saves of one SQLite connection:
// statement frequencies, postings, each statement's cluster and the row counts. Reading them again
// for every save was a third of the time a save took (docs/decisions/postgres.md, "Speed").
import type Database from 'better-sqlite3';
import { MAX_POSTINGS, NumberedRanker } from '../../corroborate/cluster.js';
import type { FrequencyCell } from '../../corroborate/similarity.js';
import type { Statement } from '../../corroborate/statements.js';

/** Beyond this many remembered keys or statements the cache starts again (memory stays bounded). */
const MAX_ENTRIES = 500_000;
/** Parsed statements are larger: fewer are kept. */
const MAX_PARSED = 50_000;

/** The counts and lists as they stand in the database, for what has been read so far, kept true by
 *  applying this connection's corroboration writes to them. Anything else that may have changed
 *  the tables drops it: another connection's commit (PRAGMA data_version), a write of this
 *  connection outside a save (total_changes()), a replaced document, a failed save. */
export class CorroborationCache {
  /** By feature as clustering names it ("drone", "e:ID"), not by blocking key ("t:drone"); a new
   *  map when the cache starts again, since statements being compared hold on to the cells. */
  frequencies = new Map<string, FrequencyCell>();
  /** Statements holding a blocking key, at most MAX_POSTINGS + 1 (enough to tell a key too common),
   *  by their numbers (`numberOf`). */
  readonly postings = new Map<string, number[]>();
  /** Statement keys numbered 0, 1, 2… as postings first name them, for ranking (`NumberedRanker`). */
  private numbers = new Map<string, number>();
  private keys: string[] = [];
  readonly ranker = new NumberedRanker();
  readonly rows = new Map<string, { seq: number; clusterId: string }>();
  /** Statements by sequence number, as parsed from their rows or as written when that is what
   *  parsing the row gives. An entry counts only for its own key: a sequence number can come back
   *  under another key once the latest document is replaced (rows never change in place, so key
   *  and number together name one row's content). Cleared with the rest, so a rolled-back save
   *  leaves none of its statements here. */
  readonly parsed = new Map<number, Statement>();
  /** The members of clusters read so far, in sequence order, as the database lists them; a
   *  statement written joins its cluster's list, a merge drops both lists. */
  readonly members = new Map<string, { key: string; seq: number }[]>();
  private memberEntries = 0;
  /** Documents holding a document key (LSH band, specific), all of them while they are few; null
   *  once more hold it than blocking looks at. */
  readonly holders = new Map<string, string[] | null>();
  /** A cluster folded into another, and the one it went into. */
  private readonly aliases = new Map<string, string>();
  statements: number | null = null;
  documents: number | null = null;
  maxSeq: number | null = null;
  /** The database state the cache was last known true for. */
  stamp: string | null = null;

  clear(): void {
    this.frequencies = new Map();
    this.postings.clear();
    this.numbers = new Map();
    this.keys = [];
    this.rows.clear();
    this.parsed.clear();
    this.aliases.clear();
    this.members.clear();
    this.memberEntries = 0;
    this.holders.clear();
    this.statements = this.documents = this.maxSeq = null;
  }

  /** Starts again when a map has grown past its bound. */
  trim(): void {
    if (this.frequencies.size > MAX_ENTRIES || this.postings.size > MAX_ENTRIES || this.rows.size > MAX_ENTRIES || this.keys.length > MAX_ENTRIES || this.memberEntries > MAX_ENTRIES || this.holders.size > MAX_ENTRIES) this.clear();
    else if (this.parsed.size > MAX_PARSED) this.parsed.clear();
  }

  /** A statement key's number. */
  numberOf(key: string): number {
    let n = this.numbers.get(key);
    if (n === undefined) {
      this.numbers.set(key, (n = this.keys.length));
      this.keys.push(key);
    }
    return n;
  }

  /** The statement key a number stands for. */
  keyOf = (n: number): string => this.keys[n];

  /** The cluster a cluster id now stands for, following merges. */
  cluster(id: string): string {
    let current = id;
    for (let next = this.aliases.get(current); next !== undefined; next = this.aliases.get(current)) current = next;
    if (current !== id) this.aliases.set(id, current);
    return current;
  }

  merged(from: string, into: string): void {
    if (from !== into) this.aliases.set(from, into);
    this.members.delete(from);
    this.members.delete(into);
  }

  /** A cluster's members (key and sequence number, in sequence order), read once. */
  membersOf(clusterId: string, read: () => { key: string; seq: number }[]): readonly { key: string; seq: number }[] {
    let list = this.members.get(clusterId);
    if (!list) {
      this.members.set(clusterId, (list = read()));
      this.memberEntries += list.length;
    }
    return list;
  }

  /** Applies a statement just written with these (distinct) blocking keys. */
  added(key: string, seq: number, clusterId: string, keys: Iterable<string>): void {
    for (const k of keys) {
      const term = k.startsWith('t:') ? k.slice(2) : k;
      const cell = this.frequencies.get(term);
      if (cell) cell.n++;
      const list = this.postings.get(k);
      if (list && list.length <= MAX_POSTINGS) list.push(this.numberOf(key));
    }
    this.rows.set(key, { seq, clusterId });
    const members = this.members.get(clusterId);
    if (members) {
      members.push({ key, seq });
      this.memberEntries++;
    }
    if (this.statements !== null) this.statements++;
    this.maxSeq = seq;
  }
}

const caches = new WeakMap<Database.Database, CorroborationCache>();

export function cacheOf(db: Database.Database): CorroborationCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new CorroborationCache()));
  return cache;
}

const stampOf = (db: Database.Database) =>
  `${db.pragma('data_version', { simple: true })}:${(db.prepare('SELECT total_changes() AS n').get() as { n: number }).n}`;

/** Before a save writes anything: keeps the cache only if nothing has changed since the last save. */
export function beginCachedSave(db: Database.Database): void {
  const cache = cacheOf(db);
  if (cache.stamp === null || cache.stamp !== stampOf(db)) cache.clear();
  cache.stamp = null;
  cache.trim();
}

/** After a save has committed: the cache is true for the database as it now stands. */
export function endCachedSave(db: Database.Database): void {
  cacheOf(db).stamp = stampOf(db);
}

/** After a failed save, or a write the cache does not follow (a document replaced). */
export function dropCache(db: Database.Database): void {
  const cache = cacheOf(db);
  cache.clear();
  cache.stamp = null;
}
