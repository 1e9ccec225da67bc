// The extractors' lexicons (data/lexicons/*.json): attribution cues and PLOVER triggers, read once
// per process through the Context and checked at that boundary.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { Context } from '../context.js';
import { DossierError } from '../errors.js';
import { DATA_DIR } from '../paths.js';
import { Modality, PloverType } from '../schema/analysis.js';

const CueSchema = z.object({
  lemma: z.string(),
  forms: z.array(z.string()).min(1),
  /** clause: takes a reported clause; object: takes what follows; phrase: introduces its source. */
  kind: z.enum(['clause', 'object', 'phrase']),
  modality: Modality.optional(),
  /** Only with "that"/"how"/a quotation after it ("records show that …"), never a bare clause. */
  needsThat: z.boolean().optional(),
  /** Only at the end of its clause ("…,” the report read). */
  finalOnly: z.boolean().optional(),
  /** The source must be a named entity or a source noun, not any capitalised word. */
  strictSource: z.boolean().optional(),
  /** Takes a listener object before the content ("told reporters that"). */
  object: z.boolean().optional(),
});
export type Cue = z.infer<typeof CueSchema>;

const AttributionSchema = z.object({
  cues: z.array(CueSchema),
  sourceNouns: z.array(z.string()),
  outletNouns: z.array(z.string()),
  roleNouns: z.array(z.string()),
  npModifiers: z.array(z.string()),
  hedges: z.array(z.string()),
  speculative: z.array(z.string()),
});

export interface AttributionLexicon {
  /** Cue forms by their first word (lower case), each form as its lower-cased words. */
  cuesByFirst: Map<string, Array<{ words: string[]; cue: Cue }>>;
  sourceNouns: Set<string>;
  outletNouns: Set<string>;
  roleNouns: Set<string>;
  npModifiers: Set<string>;
  hedges: string[];
  speculative: string[];
}

const TriggerSchema = z.object({
  /** Lower-cased word forms; a form with spaces is a phrase, "*" stands for up to five words. */
  forms: z.array(z.string()).min(1),
  type: PloverType,
  mode: z.string().nullable().optional(),
  /** Nominal triggers ("cooperation between A and B") take their participants from "between"/"with". */
  nominal: z.boolean().optional(),
  /** The actor and target may be swapped (AGREE, CONSULT, COOPERATE). */
  symmetric: z.boolean().optional(),
  /** "with the support of X": X is the agent; the target is the entity the clause is about, before it. */
  agentOf: z.boolean().optional(),
  /** The trigger's subject is its target ("X was released by Y" needs no passive to flip: "X received aid"). */
  reverse: z.boolean().optional(),
});
export type Trigger = z.infer<typeof TriggerSchema>;

const PloverSchema = z.object({ triggers: z.array(TriggerSchema) });

export interface PloverLexicon {
  /** Trigger forms by their first word, each as lower-cased words. */
  byFirst: Map<string, Array<{ words: string[]; trigger: Trigger }>>;
}

const EraSchema = z.object({
  anchors: z.array(z.object({
    label: z.string(),
    pattern: z.string(),
    /** [from, to] years; to is null while the term or era lasts. */
    ranges: z.array(z.tuple([z.number().int(), z.number().int().nullable()])).min(1),
  })),
});

export interface EraAnchor {
  label: string;
  pattern: RegExp;
  ranges: Array<[number, number | null]>;
}

function readLexicon<T>(file: string, schema: z.ZodType<T>): T {
  const path = join(DATA_DIR, 'lexicons', file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new DossierError('UNREADABLE', `cannot read lexicon: ${(err as Error).message}`, path);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new DossierError('INVALID', `lexicon does not match its schema: ${parsed.error.message}`, path);
  return parsed.data;
}

const lower = (xs: string[]) => new Set(xs.map((x) => x.toLowerCase()));

/** Splits a form into the words our tokenizer produces ("Iran’s" → "iran", "’s"). */
export function formWords(form: string): string[] {
  return form.toLowerCase().replace(/(['’])s\b/gu, ' $1s').split(/\s+/u).filter(Boolean);
}

export function attributionLexicon(ctx: Context = new Context()): AttributionLexicon {
  return ctx.resource('lexicon:attribution', () => {
    const lex = readLexicon('attribution.json', AttributionSchema);
    const cuesByFirst = new Map<string, Array<{ words: string[]; cue: Cue }>>();
    for (const cue of lex.cues) {
      for (const form of cue.forms) {
        const words = formWords(form);
        const list = cuesByFirst.get(words[0]) ?? [];
        list.push({ words, cue });
        list.sort((a, b) => b.words.length - a.words.length);
        cuesByFirst.set(words[0], list);
      }
    }
    return {
      cuesByFirst,
      sourceNouns: lower(lex.sourceNouns),
      outletNouns: lower(lex.outletNouns),
      roleNouns: lower(lex.roleNouns),
      npModifiers: lower(lex.npModifiers),
      hedges: lex.hedges.map((h) => h.toLowerCase()),
      speculative: lex.speculative.map((h) => h.toLowerCase()),
    };
  });
}

export function ploverLexicon(ctx: Context = new Context()): PloverLexicon {
  return ctx.resource('lexicon:plover', () => {
    const lex = readLexicon('plover.json', PloverSchema);
    const byFirst = new Map<string, Array<{ words: string[]; trigger: Trigger }>>();
    for (const trigger of lex.triggers) {
      for (const form of trigger.forms) {
        const words = formWords(form);
        const list = byFirst.get(words[0]) ?? [];
        list.push({ words, trigger });
        list.sort((a, b) => b.words.length - a.words.length);
        byFirst.set(words[0], list);
      }
    }
    return { byFirst };
  });
}

export function eraLexicon(ctx: Context = new Context()): EraAnchor[] {
  return ctx.resource('lexicon:eras', () =>
    readLexicon('eras.json', EraSchema).anchors.map((a) => ({ label: a.label, pattern: new RegExp(a.pattern, 'u'), ranges: a.ranges })),
  );
}

/** The longest lexicon form starting at token i, matching lower-cased token texts ("*" skips up to 5). */
export function matchAt<T>(
  words: string[],
  i: number,
  byFirst: Map<string, Array<{ words: string[] } & T>>,
  limit = words.length,
): ({ end: number } & T) | null {
  const list = byFirst.get(words[i]);
  if (!list) return null;
  for (const entry of list) {
    const end = matchWords(words, i, entry.words, limit);
    if (end >= 0) return { ...entry, end };
  }
  return null;
}

function matchWords(words: string[], i: number, form: string[], limit: number): number {
  let k = i;
  for (let f = 0; f < form.length; f++) {
    if (form[f] === '*') {
      // A gap of up to five words, then the rest of the form.
      for (let gap = 0; gap <= 5 && k + gap <= limit; gap++) {
        const end = matchWords(words, k + gap, form.slice(f + 1), limit);
        if (end >= 0) return end;
      }
      return -1;
    }
    if (k >= limit || words[k] !== form[f]) return -1;
    k++;
  }
  return k;
}
