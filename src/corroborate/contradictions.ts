// Disagreement inside a cluster (numbers, dates, denial against assertion, a modality that weakens
// or firms up) and novelty (what a new article adds to the propositions the corpus already had).
import type { Modality } from '../schema/analysis.js';
import type { Statement } from './statements.js';

export type ContradictionKind = 'number' | 'date' | 'denial' | 'modality';

export interface Contradiction {
  kind: ContradictionKind;
  a: string;
  b: string;
  detail: string;
}

// How firmly a statement is put: reported speech is as firm as the reporter makes it.
const FIRMNESS: Record<Modality, number> = { asserted: 3, reported: 3, hedged: 2, speculative: 1, denied: 0 };

function comparable(x: number, y: number): boolean {
  const big = Math.max(x, y);
  const small = Math.min(x, y);
  return small > 0 && big / small < 1000;
}

/** Pairs of members of one cluster, from different articles, that disagree. */
export function contradictionsIn(members: Statement[]): Contradiction[] {
  const out: Contradiction[] = [];
  const sorted = [...members].sort((a, b) => a.key.localeCompare(b.key));
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const a = sorted[i];
      const b = sorted[j];
      if (a.documentId === b.documentId) continue;
      if (a.negated !== b.negated) {
        const [no, yes] = a.negated ? [a, b] : [b, a];
        out.push({ kind: 'denial', a: yes.key, b: no.key, detail: `${no.documentId} denies or negates what ${yes.documentId} states` });
      } else if (a.modality !== b.modality && Math.abs(FIRMNESS[a.modality] - FIRMNESS[b.modality]) >= 1 && !a.negated) {
        out.push({ kind: 'modality', a: a.key, b: b.key, detail: `${a.modality} in ${a.documentId}, ${b.modality} in ${b.documentId}` });
      }
      const qa = a.quantities.filter((x) => b.quantities.some((y) => comparable(x, y)));
      const qb = b.quantities.filter((y) => a.quantities.some((x) => comparable(x, y)));
      if (qa.length && qb.length && !qa.some((x) => qb.includes(x))) {
        out.push({ kind: 'number', a: a.key, b: b.key, detail: `${qa.join(', ')} against ${qb.join(', ')}` });
      }
      if (a.years.length && b.years.length && !a.years.some((y) => b.years.includes(y))) {
        out.push({ kind: 'date', a: a.key, b: b.key, detail: `${a.years.join(', ')} against ${b.years.join(', ')}` });
      }
    }
  }
  return out;
}

/** What a statement added when it arrived: a new proposition, or new specifics for a known one. */
export interface Novelty {
  statement: string;
  cluster: string;
  newProposition: boolean;
  newEntities: string[];
  newNumbers: number[];
  newYears: number[];
}

/** Novelty of a statement against the members its cluster had before it came. */
export function noveltyOf(s: Statement, cluster: string, before: Statement[]): Novelty {
  const had = <T>(pick: (m: Statement) => T[]) => new Set(before.flatMap(pick));
  const entities = had((m) => m.entities);
  const numbers = had((m) => m.quantities);
  const yrs = had((m) => m.years);
  return {
    statement: s.key,
    cluster,
    newProposition: before.length === 0,
    newEntities: before.length ? s.entities.filter((e) => !entities.has(e)) : [],
    newNumbers: before.length ? s.quantities.filter((q) => !numbers.has(q)) : [],
    newYears: before.length ? s.years.filter((y) => !yrs.has(y)) : [],
  };
}
