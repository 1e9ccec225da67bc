// The Document every pipeline stage reads and extends: the text once, everything else as layers of
// UTF-16 offsets into it (the spaCy Doc idea). Stages add layers; none rewrites the text.
import type { Article } from './article.js';
import type { Claim, EntityType, Event, Entity } from './analysis.js';

export interface Sentence {
  start: number;
  end: number;
  /** Index of the first token of the sentence and one past its last. */
  tokenStart: number;
  tokenEnd: number;
}

export interface Token {
  start: number;
  end: number;
  text: string;
  /** Index of the sentence the token belongs to. */
  sentence: number;
}

/** A span naming an entity, before mentions are clustered into entities. */
export interface Mention {
  start: number;
  end: number;
  text: string;
  type: EntityType;
  /** Which stage or resource found it: 'tagger', 'gazetteer', 'rule', 'demonym', 'alias'. */
  origin: string;
  /** Knowledge-base id when the mention text itself is linked (a country, a known system). */
  kb?: string;
  /** For a demonym standing for its country: the country's canonical name. */
  refersTo?: string;
}

export type Granularity = 'day' | 'week' | 'month' | 'season' | 'year' | 'decade' | 'century';

/** A date expression, normalised against the article's publication date. */
export interface DateMention {
  start: number;
  end: number;
  text: string;
  /** ISO value at its granularity: 2022, 2023-12, 2024-01-12, 2010s (decade as "201X" is avoided). */
  value: string;
  granularity: Granularity;
  /** True when it was resolved relative to the publication date ("on Friday", "this year"). */
  relative: boolean;
}

export interface PublicationEstimate {
  value: string | null;
  source: 'metadata' | 'text' | 'estimated' | null;
  confidence: number;
  evidence: string | null;
}

export interface Document {
  id: string;
  article: Article;
  text: string;
  sentences: Sentence[];
  tokens: Token[];
  mentions: Mention[];
  entities: Entity[];
  /** For each entity id, the indexes of the mentions (in `mentions`) clustered into it. */
  entityMentions: Map<string, number[]>;
  dates: DateMention[];
  published: PublicationEstimate;
  claims: Claim[];
  events: Event[];
}

/** A fresh Document for an article: no layers yet. */
export function newDocument(article: Article): Document {
  return {
    id: article.id,
    article,
    text: article.text,
    sentences: [],
    tokens: [],
    mentions: [],
    entities: [],
    entityMentions: new Map(),
    dates: [],
    published: {
      value: article.published,
      source: article.publishedSource,
      confidence: article.published ? 1 : 0,
      evidence: article.published ? 'metadata' : null,
    },
    claims: [],
    events: [],
  };
}
