// The manual entity override file (the format src/resolve/overrides.ts reads): merges and splits are
// appended here by the API, validated, written atomically, and kept free of duplicates.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { DossierError } from '../errors.js';
import { OverridesSchema } from './schemas.js';

export type OverridesData = { merge: string[][]; split: { entity: string; names: string[] }[] };

export class OverridesFile {
  constructor(readonly path: string) {}

  read(): OverridesData {
    if (!existsSync(this.path)) return { merge: [], split: [] };
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch (err) {
      throw new DossierError('MALFORMED', `overrides file is not valid JSON: ${(err as Error).message}`, this.path);
    }
    const parsed = OverridesSchema.safeParse(raw);
    if (!parsed.success) throw new DossierError('INVALID', `overrides file: ${parsed.error.issues[0]?.message}`, this.path);
    return parsed.data;
  }

  private write(data: OverridesData): OverridesData {
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`);
    renameSync(tmp, this.path);
    return data;
  }

  /** Adds a merge group; groups sharing a member are joined into one. */
  merge(ids: string[]): OverridesData {
    const data = this.read();
    let group = new Set(ids);
    const rest: string[][] = [];
    for (const g of data.merge) {
      if (g.some((x) => group.has(x))) group = new Set([...group, ...g]);
      else rest.push(g);
    }
    rest.push([...group].sort());
    return this.write({ ...data, merge: rest });
  }

  /** Adds names to split off an entity. */
  split(entity: string, names: string[]): OverridesData {
    const data = this.read();
    const existing = data.split.find((s) => s.entity === entity);
    if (existing) existing.names = [...new Set([...existing.names, ...names])].sort();
    else data.split.push({ entity, names: [...new Set(names)].sort() });
    return this.write(data);
  }
}
