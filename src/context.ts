// Resources shared by the stages (the tagger model, gazetteers, the knowledge base, sanctions
// lists), loaded once per process on first use and kept in the Context — never in module globals.
import type { ListEntry } from './screen/types.js';

export interface ContextOptions {
  /** Sanctions and watch-list entries to screen against (from the store; null: no screening). */
  lists?: ListEntry[] | null;
  /** Path of the manual entity override file, when one is used. */
  overridesPath?: string | null;
}

export class Context {
  private readonly cache = new Map<string, unknown>();

  constructor(readonly options: ContextOptions = {}) {}

  /** The resource called `name`, loading it with `load` the first time it is asked for. */
  resource<T>(name: string, load: () => T): T {
    if (!this.cache.has(name)) this.cache.set(name, load());
    return this.cache.get(name) as T;
  }
}
