// Exact-span scoring in the conlleval manner: a predicted span counts when its boundaries and
// its type both match a gold span. Micro-averaged and per type.
import type { TypedSpan } from './conll.js';

export interface SpanCounts {
  correct: number;
  predicted: number;
  gold: number;
}

export interface SpanScore extends SpanCounts {
  precision: number;
  recall: number;
  f1: number;
}

export class SpanScorer {
  readonly byType = new Map<string, SpanCounts>();
  readonly total: SpanCounts = { correct: 0, predicted: 0, gold: 0 };

  private counts(type: string): SpanCounts {
    let c = this.byType.get(type);
    if (!c) this.byType.set(type, (c = { correct: 0, predicted: 0, gold: 0 }));
    return c;
  }

  /** Adds one sentence's gold and predicted spans. */
  add(gold: readonly TypedSpan[], predicted: readonly TypedSpan[]): void {
    const key = (s: TypedSpan): string => `${s.start}:${s.end}:${s.type}`;
    const goldKeys = new Set(gold.map(key));
    for (const g of gold) {
      this.counts(g.type).gold++;
      this.total.gold++;
    }
    for (const p of predicted) {
      const c = this.counts(p.type);
      c.predicted++;
      this.total.predicted++;
      if (goldKeys.has(key(p))) {
        c.correct++;
        this.total.correct++;
      }
    }
  }

  static score(c: SpanCounts): SpanScore {
    const precision = c.predicted ? c.correct / c.predicted : 0;
    const recall = c.gold ? c.correct / c.gold : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { ...c, precision, recall, f1 };
  }

  micro(): SpanScore {
    return SpanScorer.score(this.total);
  }

  /** Per-type scores, sorted by type name. */
  perType(): [string, SpanScore][] {
    return [...this.byType.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([t, c]) => [t, SpanScorer.score(c)]);
  }
}
