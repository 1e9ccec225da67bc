// Manual identity overrides that survive re-analysis: names or kb ids to merge into one entity,
// names to split off an entity. Read from a JSON file, validated at the boundary.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DossierError } from '../errors.js';
import { foldName } from './names.js';

export interface Overrides {
  /** Each inner list: names (or "kb:<id>" / kb ids) that denote one entity. */
  merge: string[][];
  /** Names split off the entity called `entity`; the split names form one entity of their own. */
  split: { entity: string; names: string[] }[];
}

const OverridesSchema = z.object({
  merge: z.array(z.array(z.string().min(1)).min(2)).default([]),
  split: z.array(z.object({ entity: z.string().min(1), names: z.array(z.string().min(1)).min(1) })).default([]),
});

export const NO_OVERRIDES: Overrides = { merge: [], split: [] };

/** Reads and validates an override file; a missing, unreadable or malformed file is a DossierError. */
export function loadOverrides(path: string): Overrides {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'NOT_FOUND' : 'UNREADABLE';
    throw new DossierError(code, `override file cannot be read: ${(err as Error).message}`, path);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new DossierError('MALFORMED', `override file is not JSON: ${(err as Error).message}`, path);
  }
  const parsed = OverridesSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DossierError('INVALID', `override file: ${issue.path.join('.') || '(root)'}: ${issue.message}`, path);
  }
  return parsed.data;
}

/** An override reference as a comparable key: "kb:iso:US" and "iso:US" both name a kb id. */
export function overrideKey(ref: string): string {
  if (/^kb:/u.test(ref)) return ref;
  // Corpus entity ids as the store and API write them ("person:nicolas-maduro").
  if (/^(?:person|org|gpe|loc|fac|product|norp|event|law):\S+$/u.test(ref)) return `id:${ref}`;
  if (/^(?:iso|geo|region|mil|ofac|un):/iu.test(ref)) return `kb:${ref}`;
  return `name:${foldName(ref)}`;
}

/** The keys an entity answers to in override lists: its folded names and its kb id. */
export function entityOverrideKeys(e: { name: string; aliases: string[]; kb: string | null; id?: string }): Set<string> {
  const keys = new Set<string>([e.name, ...e.aliases].map((n) => `name:${foldName(n)}`));
  if (e.kb) keys.add(`kb:${e.kb}`);
  if (e.id) keys.add(`id:${e.id}`);
  return keys;
}

/** Index of the merge group both key sets fall in, or -1. */
export function sharedMergeGroup(o: Overrides, a: Set<string>, b: Set<string>): number {
  return o.merge.findIndex((group) => {
    const keys = group.map(overrideKey);
    return keys.some((k) => a.has(k)) && keys.some((k) => b.has(k));
  });
}

/** The split rule that keeps a and b apart (one is the entity, the other a split-off name), or null. */
export function splitBetween(o: Overrides, a: Set<string>, b: Set<string>): Overrides['split'][number] | null {
  for (const s of o.split) {
    const ent = overrideKey(s.entity);
    const names = s.names.map(overrideKey);
    const aEnt = a.has(ent);
    const bEnt = b.has(ent);
    const aSplit = names.some((n) => a.has(n));
    const bSplit = names.some((n) => b.has(n));
    if ((aEnt && bSplit && !bEnt) || (bEnt && aSplit && !aEnt)) return s;
  }
  return null;
}
