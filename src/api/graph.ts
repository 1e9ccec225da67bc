// The entity network: entities are linked when they are named together in one claim (source and the
// entities it is about) or take part in one event (actor, target, location). Neighbourhoods to depth N
// and the shortest paths between two entities, with type, date and modality filters.
import type { EntityType, Modality } from '../schema/analysis.js';
import type { EventRecord } from '../store/types.js';
import type { CorpusSnapshot } from './snapshot.js';

export interface Link {
  via: 'claim' | 'event';
  modality: Modality | null;
  date: string | null;
}

export interface GraphFilter {
  modality?: Modality;
  from?: string;
  to?: string;
  type?: EntityType;
}

export interface GraphNode {
  id: string; label: string; kind: 'entity' | 'event'; type: string; depth: number; weight: number; sanctioned: boolean; date: string | null;
}
export interface GraphEdge {
  source: string; target: string; weight: number; via: 'claim' | 'event'; modalities: Modality[]; first: string | null; last: string | null;
}

/** Most event nodes in one neighbourhood: more turns the picture into a hairball. */
const MAX_EVENTS = 15;

/** Pair key with the two ids in order, so a→b and b→a are one edge. */
const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

export class EntityNetwork {
  /** entity → neighbour → the links between them. */
  private readonly adjacency = new Map<string, Map<string, Link[]>>();
  private readonly eventsOf = new Map<string, EventRecord[]>();

  constructor(readonly snapshot: CorpusSnapshot) {
    for (const c of snapshot.claims) {
      const ids = [...new Set([...(c.source ? [c.source] : []), ...c.entities])].sort();
      this.linkAll(ids, { via: 'claim', modality: c.modality, date: c.published });
    }
    for (const ev of snapshot.events) {
      const ids = [...new Set([ev.actor, ev.target, ev.location].filter((x): x is string => !!x))].sort();
      this.linkAll(ids, { via: 'event', modality: null, date: ev.date ?? ev.published });
      for (const id of ids) (this.eventsOf.get(id) ?? this.eventsOf.set(id, []).get(id)!).push(ev);
    }
  }

  private linkAll(ids: string[], link: Link): void {
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        this.add(ids[i], ids[j], link);
        this.add(ids[j], ids[i], link);
      }
    }
  }

  private add(a: string, b: string, link: Link): void {
    const row = this.adjacency.get(a) ?? this.adjacency.set(a, new Map()).get(a)!;
    (row.get(b) ?? row.set(b, []).get(b)!).push(link);
  }

  private passes(link: Link, f: GraphFilter): boolean {
    if (f.modality && link.modality !== f.modality) return false;
    if (f.from && (!link.date || link.date.slice(0, f.from.length) < f.from)) return false;
    if (f.to && (!link.date || link.date.slice(0, f.to.length) > f.to)) return false;
    return true;
  }

  /** The neighbours of an entity through links passing the filter, with those links. */
  neighbours(id: string, f: GraphFilter): [string, Link[]][] {
    const out: [string, Link[]][] = [];
    for (const [other, links] of this.adjacency.get(id) ?? []) {
      if (f.type && this.snapshot.entities.get(other)?.type !== f.type) continue;
      const kept = links.filter((l) => this.passes(l, f));
      if (kept.length) out.push([other, kept]);
    }
    return out.sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
  }

  private edge(a: string, b: string, links: Link[]): GraphEdge {
    const dates = links.map((l) => l.date).filter((d): d is string => !!d).sort();
    const [source, target] = a < b ? [a, b] : [b, a];
    return {
      source, target, weight: links.length,
      via: links.some((l) => l.via === 'claim') ? 'claim' : 'event',
      modalities: [...new Set(links.map((l) => l.modality).filter((m): m is Modality => !!m))].sort(),
      first: dates[0] ?? null, last: dates.at(-1) ?? null,
    };
  }

  private entityNode(id: string, depth: number): GraphNode {
    const e = this.snapshot.entities.get(id);
    return {
      id, label: e?.name ?? id, kind: 'entity', type: e?.type ?? 'ORG', depth, weight: e?.mentionCount ?? 0,
      sanctioned: e?.sanctioned ?? false, date: null,
    };
  }

  /** Entities within `depth` links of the centre (nearest and best-linked first, at most `max`),
   *  the links among them and, when asked, the events they take part in. */
  neighbourhood(centre: string, depth: number, max: number, withEvents: boolean, f: GraphFilter) {
    const depthOf = new Map<string, number>([[centre, 0]]);
    let frontier = [centre];
    let truncated = false;
    for (let d = 1; d <= depth && frontier.length; d++) {
      const next: string[] = [];
      for (const id of frontier) {
        for (const [other] of this.neighbours(id, f)) {
          if (depthOf.has(other)) continue;
          if (depthOf.size >= max) {
            truncated = true;
            break;
          }
          depthOf.set(other, d);
          next.push(other);
        }
      }
      frontier = next;
    }
    const nodes = [...depthOf].map(([id, d]) => this.entityNode(id, d));
    const edges: GraphEdge[] = [];
    const seen = new Set<string>();
    for (const id of depthOf.keys()) {
      for (const [other, links] of this.neighbours(id, f)) {
        const key = pairKey(id, other);
        if (!depthOf.has(other) || seen.has(key)) continue;
        seen.add(key);
        edges.push(this.edge(id, other, links));
      }
    }
    if (withEvents) this.addEvents(depthOf, nodes, edges, max, f);
    nodes.sort((a, b) => a.depth - b.depth || b.weight - a.weight || (a.id < b.id ? -1 : 1));
    edges.sort((a, b) => (a.source + a.target < b.source + b.target ? -1 : 1));
    return { nodes, edges, truncated };
  }

  private addEvents(depthOf: Map<string, number>, nodes: GraphNode[], edges: GraphEdge[], max: number, f: GraphFilter): void {
    const added = new Set<string>();
    // The centre's own events first, then those joining shown entities, each in date order.
    const involvesCentre = (ev: EventRecord) => [ev.actor, ev.target, ev.location].some((p) => p && depthOf.get(p) === 0);
    const events = [...depthOf.keys()].flatMap((id) => this.eventsOf.get(id) ?? [])
      .sort((a, b) => Number(involvesCentre(b)) - Number(involvesCentre(a))
        || ((a.date ?? a.published ?? '') < (b.date ?? b.published ?? '') ? -1 : (a.date ?? a.published ?? '') > (b.date ?? b.published ?? '') ? 1 : 0)
        || (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : a.index - b.index));
    for (const ev of events) {
      const id = `event:${ev.documentId}:${ev.index}`;
      const date = ev.date ?? ev.published;
      if (added.has(id) || added.size >= Math.min(max, MAX_EVENTS)) continue;
      if (f.modality || !this.passes({ via: 'event', modality: null, date }, f)) continue;
      // Only events that tie the picture together: the centre's own, or ones joining two shown entities.
      const inside = [...new Set([ev.actor, ev.target, ev.location])].filter((p) => p && depthOf.has(p));
      if (!inside.some((p) => depthOf.get(p!) === 0) && inside.length < 2) continue;
      added.add(id);
      const who = [ev.actorName, ev.targetName].filter(Boolean).join(' → ');
      nodes.push({ id, label: `${ev.type}${who ? `: ${who}` : ''}`, kind: 'event', type: ev.type, depth: 1, weight: 1, sanctioned: false, date });
      for (const p of [ev.actor, ev.target, ev.location]) {
        if (p && depthOf.has(p)) edges.push({ source: p, target: id, weight: 1, via: 'event', modalities: [], first: date, last: date });
      }
    }
  }

  /** Up to `limit` shortest simple paths from one entity to another, of at most `maxLength` links. */
  paths(from: string, to: string, maxLength: number, limit: number) {
    const found: string[][] = [];
    let queue: string[][] = [[from]];
    const budget = { expanded: 0 };
    for (let len = 1; len <= maxLength && queue.length && found.length < limit; len++) {
      const next: string[][] = [];
      for (const path of queue) {
        for (const [other] of this.neighbours(path.at(-1)!, {})) {
          if (path.includes(other)) continue;
          if (++budget.expanded > 50_000) break;
          if (other === to) found.push([...path, other]);
          else if (len < maxLength) next.push([...path, other]);
        }
      }
      queue = next;
    }
    return found.slice(0, limit).map((ids) => ({
      nodes: ids.map((id) => {
        const e = this.snapshot.entities.get(id);
        return { id, name: e?.name ?? id, type: e?.type ?? 'ORG' };
      }),
      edges: ids.slice(1).map((id, i) => this.edge(ids[i], id, this.adjacency.get(ids[i])?.get(id) ?? [])),
    }));
  }
}

/** One network per snapshot: built on first use. */
const networks = new WeakMap<CorpusSnapshot, EntityNetwork>();
export function networkOf(snapshot: CorpusSnapshot): EntityNetwork {
  let n = networks.get(snapshot);
  if (!n) networks.set(snapshot, (n = new EntityNetwork(snapshot)));
  return n;
}
