// zod schemas of the HTTP API: query and body shapes the routes validate, and the response shapes the
// OpenAPI document describes. Domain shapes come from src/schema; these only add the HTTP views.
import { z } from 'zod';
import { ClaimSchema, EntityType, EventSchema, Modality, PloverType, SanctionHitSchema, SpanSchema } from '../schema/analysis.js';

export const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) }).meta({ id: 'Error' });

export const Paging = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('page size (1–200)'),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0).describe('items to skip'),
});

const IsoDate = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD');

export function pageOf<T extends z.ZodType>(item: T, id: string) {
  return z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() }).meta({ id });
}

export const IdParam = z.object({ id: z.string().min(1).max(300) });

export const DocumentSummary = z.object({
  id: z.string(), title: z.string().nullable(), outlet: z.string().nullable(), published: z.string().nullable(),
  language: z.string(), source: z.string(), entities: z.number().int(), claims: z.number().int(), events: z.number().int(),
}).meta({ id: 'DocumentSummary' });

export const EntitySummary = z.object({
  id: z.string(), name: z.string(), type: EntityType, kb: z.string().nullable(),
  mentionCount: z.number().int(), documentCount: z.number().int(), sanctioned: z.boolean(),
}).meta({ id: 'EntitySummary' });

export const ClaimRecord = ClaimSchema.omit({ source: true }).extend({
  documentId: z.string(), source: z.string().nullable(), sourceName: z.string().nullable(), text: z.string(),
  entities: z.array(z.string()), published: z.string().nullable(), outlet: z.string().nullable(),
}).meta({ id: 'ClaimRecord' });

export const EventRecord = EventSchema.omit({ actor: true, target: true, location: true }).extend({
  documentId: z.string(), index: z.number().int(), actor: z.string().nullable(), target: z.string().nullable(),
  location: z.string().nullable(), actorName: z.string().nullable(), targetName: z.string().nullable(),
  locationName: z.string().nullable(), sourceName: z.string().nullable(), published: z.string().nullable(), text: z.string(),
}).meta({ id: 'EventRecord' });

export const EntityDossier = EntitySummary.extend({
  aliases: z.array(z.string()),
  sanctions: z.array(SanctionHitSchema),
  documents: z.array(DocumentSummary),
  claims: z.array(ClaimRecord),
  events: z.array(EventRecord),
  sources: z.array(z.object({ name: z.string(), entityId: z.string().nullable(), claims: z.number().int() })),
  clusters: z.array(z.lazy(() => ClusterSummary.extend({
    memberRefs: z.array(z.object({ documentId: z.string(), start: z.number().int(), end: z.number().int(), kind: z.string() })),
  }))).describe('claim clusters naming this entity, with the spans of their members'),
}).meta({ id: 'EntityDossier' });

const Highlight = SpanSchema.extend({ id: z.string(), label: z.string() });

export const DocumentText = z.object({
  id: z.string(), title: z.string().nullable(), outlet: z.string().nullable(), author: z.string().nullable(),
  url: z.string().nullable(), published: z.string().nullable(), publishedEvidence: z.string().nullable(),
  source: z.string(), text: z.string(),
  /** Entity mentions: the span, the corpus entity id and its type. */
  entities: z.array(Highlight.extend({ type: EntityType, sanctioned: z.boolean() })),
  claims: z.array(Highlight.extend({ modality: Modality, sourceText: z.string().nullable(), source: z.string().nullable(), chain: z.array(z.string()) })),
  events: z.array(Highlight.extend({ type: PloverType })),
  removed: z.array(z.object({ kind: z.string(), text: z.string() })),
  links: z.array(z.object({ documentId: z.string(), originId: z.string(), kind: z.string(), score: z.number(), evidence: z.array(z.string()) }))
    .describe('derivations (near-duplicate, uncredited copy) the document takes part in, with evidence'),
}).meta({ id: 'DocumentText' });

export const DocumentQuery = Paging.extend({ outlet: z.string().max(200).optional() });
export const EntityQuery = Paging.extend({
  type: EntityType.optional(),
  q: z.string().max(200).optional().describe('part of a name or alias'),
  sanctioned: z.enum(['true', 'false']).optional().describe('only entities with (true) or without (false) watch-list hits'),
});
export const ClaimQuery = Paging.extend({
  entity: z.string().max(300).optional(), document: z.string().max(300).optional(), modality: Modality.optional(),
});
export const EventQuery = Paging.extend({
  entity: z.string().max(300).optional(), document: z.string().max(300).optional(), type: PloverType.optional(),
});
export const SearchQuery = Paging.extend({
  q: z.string().min(1).max(500).describe('words, all required'),
  entity: z.string().max(300).optional(), type: EntityType.optional(), outlet: z.string().max(200).optional(),
  from: IsoDate.optional(), to: IsoDate.optional(),
});

export const SearchHit = z.object({
  document: DocumentSummary, score: z.number(),
  sentences: z.array(z.object({ start: z.number().int(), end: z.number().int(), text: z.string() })),
}).meta({ id: 'SearchHit' });

const FacetCount = z.object({ value: z.string(), label: z.string(), count: z.number().int() });
export const SearchResult = pageOf(SearchHit, 'SearchPage').extend({
  facets: z.object({ outlet: z.array(FacetCount), entity: z.array(FacetCount), type: z.array(FacetCount), year: z.array(FacetCount) }),
}).meta({ id: 'SearchResult' });

export const GraphNode = z.object({
  id: z.string(), label: z.string(), kind: z.enum(['entity', 'event']), type: z.string(),
  depth: z.number().int(), weight: z.number().int(), sanctioned: z.boolean(), date: z.string().nullable(),
}).meta({ id: 'GraphNode' });
export const GraphEdge = z.object({
  source: z.string(), target: z.string(), weight: z.number().int(),
  via: z.enum(['claim', 'event']), modalities: z.array(Modality), first: z.string().nullable(), last: z.string().nullable(),
}).meta({ id: 'GraphEdge' });
export const Graph = z.object({ nodes: z.array(GraphNode), edges: z.array(GraphEdge), truncated: z.boolean() }).meta({ id: 'Graph' });

export const NeighbourhoodQuery = z.object({
  entity: z.string().min(1).max(300),
  depth: z.coerce.number().int().min(1).max(3).default(1),
  max: z.coerce.number().int().min(5).max(500).default(120).describe('most nodes returned'),
  events: z.enum(['true', 'false']).default('true').describe('include event nodes'),
  modality: Modality.optional().describe('only claims of this modality link entities'),
  from: IsoDate.optional(), to: IsoDate.optional(),
  type: EntityType.optional().describe('only entities of this type (besides the centre)'),
});
export const PathQuery = z.object({
  from: z.string().min(1).max(300), to: z.string().min(1).max(300),
  maxLength: z.coerce.number().int().min(1).max(6).default(4), limit: z.coerce.number().int().min(1).max(20).default(5),
});
export const PathResult = z.object({
  paths: z.array(z.object({ nodes: z.array(EntitySummary.pick({ id: true, name: true, type: true })), edges: z.array(GraphEdge) })),
}).meta({ id: 'Paths' });

export const Place = z.object({
  id: z.string(), name: z.string(), type: EntityType, kb: z.string().nullable(), lat: z.number().nullable(), lon: z.number().nullable(),
  country: z.string().nullable().describe('ISO 3166-1 alpha-2'), ccn3: z.string().nullable().describe('ISO 3166-1 numeric (the world-atlas id)'),
  kind: z.enum(['country', 'city', 'region', 'other']), mentionCount: z.number().int(), documentCount: z.number().int(), events: z.number().int(),
}).meta({ id: 'Place' });

export const TimelineQuery = Paging.extend({
  entity: z.string().max(300).optional(), from: IsoDate.optional(), to: IsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(300),
});
export const TimelineEntry = z.object({
  date: z.string().describe('ISO value at its granularity (2022, 2023-12, 2024-01-12, 2010s)'),
  granularity: z.string(), dateText: z.string().describe('the words that gave the date'),
  statement: z.string(), kind: z.enum(['claim', 'event', 'sentence']), eventType: z.string().nullable(), text: z.string(),
  documentId: z.string(), outlet: z.string().nullable(), published: z.string().nullable(), cluster: z.string().nullable(),
  entities: z.array(z.string()),
  entityRefs: z.array(z.object({ id: z.string(), name: z.string(), type: z.string().nullable() })),
}).meta({ id: 'TimelineEntry' });

const DocRef = z.object({ documentId: z.string(), published: z.string().nullable() });
export const ClusterSummary = z.object({
  id: z.string(),
  canonical: z.object({ statement: z.string(), documentId: z.string(), text: z.string() }),
  members: z.number().int(), documents: z.number().int(),
  roots: z.number().int().describe('independent roots: distinct original sources once shared upstreams and copies are folded'),
  modality: Modality, first: DocRef, latest: DocRef, contested: z.boolean(),
}).meta({ id: 'ClusterSummary' });

export const SanctionsEntity = EntitySummary.extend({ hits: z.array(SanctionHitSchema) }).meta({ id: 'SanctionedEntity' });

export const IngestJob = z.object({
  id: z.string(), state: z.enum(['running', 'done', 'failed']), files: z.array(z.string()),
  total: z.number().int().describe('articles found in the upload'), read: z.number().int(), inserted: z.number().int(),
  replaced: z.number().int(), unchanged: z.number().int(), errors: z.number().int(),
  failures: z.array(z.object({ code: z.string(), message: z.string(), file: z.string().nullable() })),
  documents: z.array(z.string()), startedAt: z.string(), finishedAt: z.string().nullable(),
}).meta({ id: 'IngestJob' });

const UploadedArticle = z.object({
  id: z.string().max(200).optional(), title: z.string().max(1000).optional(), text: z.string().min(1).optional(),
  html: z.string().min(1).optional(), outlet: z.string().max(200).optional(), url: z.string().max(2000).optional(),
  published: z.string().max(40).optional(), author: z.string().max(300).optional(),
}).refine((a) => a.text || a.html, 'an article needs text or html');
export const IngestBody = z.object({
  articles: z.array(UploadedArticle).min(1).max(1000).optional(),
  files: z.array(z.object({ name: z.string().min(1).max(255), content: z.string() })).min(1).max(100).optional(),
}).refine((b) => b.articles || b.files, 'give articles or files').meta({ id: 'IngestRequest' });

export const OverridesSchema = z.object({
  merge: z.array(z.array(z.string().min(1)).min(2)),
  split: z.array(z.object({ entity: z.string().min(1), names: z.array(z.string().min(1)).min(1) })),
}).meta({ id: 'Overrides' });
export const MergeBody = z.object({ entities: z.array(z.string().min(1).max(300)).min(2).max(50) });
export const SplitBody = z.object({ entity: z.string().min(1).max(300), names: z.array(z.string().min(1).max(300)).min(1).max(50) });

export const Health = z.object({
  ok: z.boolean(), store: z.string(), writable: z.boolean(),
  stats: z.object({ documents: z.number(), entities: z.number(), claims: z.number(), events: z.number(), listEntries: z.number() }),
}).meta({ id: 'Health' });

export interface ProvenanceNodeShape {
  key: string; label: string; kind: 'source' | 'document';
  statements: { key: string; text: string; modality: string }[];
  relation: 'credits' | 'derived' | 'inherits' | 'own' | null; cites?: string[]; children: ProvenanceNodeShape[];
}
export const ProvenanceNode: z.ZodType<ProvenanceNodeShape> = z.object({
  key: z.string(), label: z.string(), kind: z.enum(['source', 'document']),
  statements: z.array(z.object({ key: z.string(), text: z.string(), modality: z.string() })),
  relation: z.enum(['credits', 'derived', 'inherits', 'own']).nullable(), cites: z.array(z.string()).optional(),
  children: z.lazy((): z.ZodType<ProvenanceNodeShape[]> => z.array(ProvenanceNode)).meta({ id: 'ProvenanceNodes' }),
}).meta({ id: 'ProvenanceNode' });

export const ClaimProvenance = z.object({
  claim: ClaimRecord,
  chain: ProvenanceNode.describe("the claim's own attribution chain, root source first"),
  cluster: z.lazy(() => ClusterDetail).nullable().describe('the claim cluster holding it, with members, provenance tree and contradictions; null when none'),
}).meta({ id: 'ClaimProvenance' });

export const ClusterDetail = ClusterSummary.extend({
  memberList: z.array(z.object({
    statement: z.string(), documentId: z.string(), kind: z.enum(['claim', 'event', 'sentence']), start: z.number().int(), end: z.number().int(),
    text: z.string(), modality: Modality, negated: z.boolean(), eventType: z.string().nullable(), entities: z.array(z.string()),
    attribution: z.array(z.unknown()), outlet: z.string().nullable(), published: z.string().nullable(),
  })),
  provenance: z.object({
    roots: z.array(z.object({ key: z.string(), label: z.string(), documents: z.array(z.string()) })),
    tree: z.array(ProvenanceNode),
  }),
  contradictions: z.array(z.object({ kind: z.string(), a: z.string(), b: z.string(), detail: z.string() })),
  articles: z.record(z.string(), z.object({ title: z.string().nullable(), outlet: z.string().nullable(), published: z.string().nullable() }))
    .describe('title, outlet and date of every article the cluster names, by document id'),
}).meta({ id: 'ClusterDetail' });

const QueueJobState = z.enum(['queued', 'running', 'failed', 'done', 'dead']);
export const QueueQuery = Paging.extend({ state: QueueJobState.optional().describe('only jobs in this state') });
export const QueueJob = z.object({
  id: z.number().int(), state: QueueJobState, source: z.string(), attempts: z.number().int(), maxAttempts: z.number().int(),
  runAt: z.string().nullable(), lockedBy: z.string().nullable(), lastError: z.string().nullable().describe('for dead jobs, the error that killed them'),
  documentId: z.string().nullable(), outcome: z.string().nullable(), createdAt: z.string(), finishedAt: z.string().nullable(),
}).meta({ id: 'QueueJob' });
export const QueueState = z.object({
  available: z.boolean().describe('false on SQLite: the job queue, workers and alerts need PostgreSQL'),
  counts: z.record(QueueJobState, z.number().int()).nullable(),
  jobs: pageOf(QueueJob, 'QueueJobPage').nullable(),
  corroboration: z.object({
    waiting: z.number().int().describe('saved documents not yet clustered'),
    failed: z.array(z.object({ documentId: z.string(), attempts: z.number().int(), error: z.string() })),
    holder: z.object({
      process: z.string().nullable().describe('host:pid:id of the process that ran the last batch; null once it said it stopped'),
      lastBatchAt: z.string().nullable().describe('when the last finished batch ended (a running batch shows once it commits)'),
      running: z.boolean().describe('a batch (or a save replacing a document) holds the corroboration lock now'),
    }).nullable().describe('who corroborates; null when nobody does and nothing runs'),
  }).nullable(),
}).meta({ id: 'QueueState' });

export const AlertsQuery = z.object({ hits: z.coerce.number().int().min(1).max(500).default(50).describe('newest hits to return') });
export const AlertsState = z.object({
  available: z.boolean().describe('false on SQLite: alerts need PostgreSQL'),
  alerts: z.array(z.object({
    id: z.number().int(), entity: z.string(), webhook: z.string().nullable().describe('origin and path only'), createdAt: z.string(),
    hits: z.number().int(), undelivered: z.number().int(),
  })),
  hits: z.array(z.object({
    id: z.number().int(), alertId: z.number().int(), watched: z.string(), documentId: z.string(), claimId: z.string(), entityId: z.string(),
    entityName: z.string(), claim: z.string(), createdAt: z.string(), deliveredAt: z.string().nullable(), deliveryError: z.string().nullable(),
  })),
}).meta({ id: 'AlertsState' });
