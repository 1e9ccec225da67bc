// What stores return about corroboration: cluster summaries and details, timeline queries.
// Shared by every Store implementation, the CLI and the API.
import type { Modality } from '../schema/analysis.js';
import type { Contradiction, Novelty } from './contradictions.js';
import type { Provenance } from './provenance.js';
import type { SourceRef } from './statements.js';

export interface ClusterSummary {
  id: string;
  /** The member that best states the proposition. */
  canonical: { statement: string; documentId: string; text: string };
  members: number;
  documents: number;
  /** Independent roots: distinct original sources once shared upstreams and copies are folded. */
  roots: number;
  /** The most common modality among members. */
  modality: Modality;
  first: { documentId: string; published: string | null };
  latest: { documentId: string; published: string | null };
  /** Members disagree on numbers, dates, or assert what another denies (a modality shift alone is
   *  listed among the contradictions but does not make a cluster contested). */
  contested: boolean;
}

export interface ClusterMember {
  statement: string;
  documentId: string;
  kind: 'claim' | 'event' | 'sentence';
  start: number;
  end: number;
  text: string;
  modality: Modality;
  negated: boolean;
  eventType: string | null;
  entities: string[];
  attribution: SourceRef[];
  outlet: string | null;
  published: string | null;
}

export interface ClusterDetail extends ClusterSummary {
  memberList: ClusterMember[];
  provenance: Provenance;
  contradictions: Contradiction[];
}

export interface ClusterQuery {
  /** Only clusters with a member naming this corpus entity id. */
  entity?: string;
  /** Only clusters resting on at least this many independent roots. */
  minSources?: number;
  /** Only clusters with at least this many members (1: singletons too). */
  minMembers?: number;
  limit?: number;
  offset?: number;
}

export interface TimelineQuery {
  entity?: string;
  /** ISO lower and upper bounds on the dates named (inclusive, at any granularity). */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export type { Novelty };
