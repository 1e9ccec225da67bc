// Name matching against list entries: folded exact match for now (the explained fuzzy matcher follows).
import type { EntityType } from '../schema/analysis.js';
import type { ListEntry } from './types.js';

export interface ScreenHit { entry: ListEntry; score: number; matchedName: string; listedName: string; rule: string; explanation: string }

const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ').sort().join(' ');

export class Screener {
  private readonly index = new Map<string, { entry: ListEntry; listed: string }[]>();
  constructor(entries: ListEntry[]) {
    for (const entry of entries) {
      for (const listed of [entry.name, ...entry.aliases]) {
        const key = fold(listed);
        const bucket = this.index.get(key) ?? [];
        bucket.push({ entry, listed });
        this.index.set(key, bucket);
      }
    }
  }
  screen(name: string, opts: { type?: EntityType; aliases?: string[] } = {}): ScreenHit[] {
    const hits = new Map<ListEntry, ScreenHit>();
    for (const ours of [name, ...(opts.aliases ?? [])]) {
      for (const { entry, listed } of this.index.get(fold(ours)) ?? []) {
        if (!hits.has(entry)) hits.set(entry, { entry, score: 1, matchedName: ours, listedName: listed, rule: 'exact-folded', explanation: `"${ours}" = "${listed}" (exact-folded)` });
      }
    }
    return [...hits.values()];
  }
}
