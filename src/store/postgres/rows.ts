// Row shapes of the PostgreSQL store's reads and their conversion to the Store's records, plus a
// small builder for numbered query parameters.
import type { ClaimRecord, EventRecord } from '../types.js';

/** Collects query parameters and hands out their $n placeholders. */
export class Params {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export interface ClaimRow {
  doc_id: string; local_id: string; span_start: number; span_end: number; source_entity: string | null; source_text: string | null;
  cue: string | null; quote: boolean; modality: ClaimRecord['modality']; chain_json: string[] | null; text: string;
  published: string | null; outlet: string | null; source_name: string | null; entities: string[];
}

export function claimRecord(r: ClaimRow): ClaimRecord {
  return {
    id: r.local_id, documentId: r.doc_id, start: r.span_start, end: r.span_end, source: r.source_entity, sourceName: r.source_name,
    sourceText: r.source_text, cue: r.cue, quote: r.quote, modality: r.modality,
    ...(r.chain_json ? { chain: r.chain_json } : {}),
    text: r.text, entities: r.entities, published: r.published, outlet: r.outlet,
  };
}

export interface EventRow {
  doc_id: string; idx: number; type: EventRecord['type']; mode: string | null; actor: string | null; target: string | null;
  location: string | null; date: string | null; span_start: number; span_end: number; claim_id: string | null; context_json: string[] | null;
  trigger: string | null; text: string; published: string | null; actor_name: string | null; target_name: string | null;
  location_name: string | null; source_name: string | null;
}

export function eventRecord(r: EventRow): EventRecord {
  return {
    documentId: r.doc_id, index: r.idx, type: r.type, mode: r.mode, actor: r.actor, target: r.target, location: r.location,
    date: r.date, start: r.span_start, end: r.span_end, claim: r.claim_id,
    ...(r.context_json ? { context: r.context_json } : {}),
    ...(r.trigger ? { trigger: r.trigger } : {}),
    actorName: r.actor_name, targetName: r.target_name, locationName: r.location_name, sourceName: r.source_name,
    published: r.published, text: r.text,
  };
}
