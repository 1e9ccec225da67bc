// The analysis output format of ../shared/eval/FORMAT.md: the one shape every output carries.
import { z } from 'zod';

export const ENTITY_TYPES = ['PERSON', 'ORG', 'GPE', 'LOC', 'FAC', 'PRODUCT', 'NORP', 'EVENT', 'LAW'] as const;
export const EntityType = z.enum(ENTITY_TYPES);
export type EntityType = z.infer<typeof EntityType>;

export const MODALITIES = ['asserted', 'reported', 'hedged', 'speculative', 'denied'] as const;
export const Modality = z.enum(MODALITIES);
export type Modality = z.infer<typeof Modality>;

export const PLOVER_TYPES = [
  'AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST',
  'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT',
] as const;
export const PloverType = z.enum(PLOVER_TYPES);
export type PloverType = z.infer<typeof PloverType>;

export const SpanSchema = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });
export type Span = z.infer<typeof SpanSchema>;

/** An entity mention: a span naming it, or (`phrase`) the longer phrase an event names it by, its
 *  name inside: a title ("Russian President Boris Yeltsin") or a group of its people ("Israeli
 *  soldiers"). A phrase is not a name: it is not counted, highlighted or weighed as one. */
export const MentionSchema = SpanSchema.extend({ phrase: z.literal(true).optional() });
export type MentionSpan = z.infer<typeof MentionSchema>;

/** Does a mention name the entity (rather than being an event's longer phrase for it)? */
export const namesEntity = (m: MentionSpan): boolean => m.phrase !== true;

export const SanctionHitSchema = z.object({
  list: z.string(),
  id: z.string(),
  name: z.string(),
  score: z.number(),
  programme: z.string().nullable().optional(),
  /** Why it matched: which of our names met which listed alias, by which rule. */
  explanation: z.string().optional(),
});
export type SanctionHit = z.infer<typeof SanctionHitSchema>;

export const EntitySchema = z.object({
  id: z.string(),
  name: z.string(),
  type: EntityType,
  aliases: z.array(z.string()),
  mentions: z.array(MentionSchema),
  kb: z.string().nullable(),
  sanctions: z.array(SanctionHitSchema),
});
export type Entity = z.infer<typeof EntitySchema>;

export const ClaimSchema = z.object({
  id: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  source: z.string().nullable(),
  sourceText: z.string().nullable(),
  cue: z.string().nullable(),
  quote: z.boolean(),
  modality: Modality,
  /** Nested attribution, outermost first: entity ids or source phrases (the article's outlet → Infobae → "unnamed sources"). */
  chain: z.array(z.string()).optional(),
});
export type Claim = z.infer<typeof ClaimSchema>;

export const EventSchema = z.object({
  type: PloverType,
  mode: z.string().nullable(),
  actor: z.string().nullable(),
  target: z.string().nullable(),
  location: z.string().nullable(),
  date: z.string().nullable(),
  start: z.number().int(),
  end: z.number().int(),
  claim: z.string().nullable(),
  /** Context flags: historical, future, hypothetical, negated. */
  context: z.array(z.string()).optional(),
  /** The trigger words that gave the event type. */
  trigger: z.string().optional(),
});
export type Event = z.infer<typeof EventSchema>;

export const AnalysisSchema = z.object({
  id: z.string(),
  title: z.string().nullable(),
  outlet: z.string().nullable(),
  published: z.string().nullable(),
  text: z.string(),
  entities: z.array(EntitySchema),
  claims: z.array(ClaimSchema),
  events: z.array(EventSchema),
});
export type Analysis = z.infer<typeof AnalysisSchema>;
