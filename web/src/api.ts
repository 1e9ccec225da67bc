// The UI's client of the HTTP API: typed GETs (types from the server's own schemas) and the
// token-bearing writes. Errors arrive as {error:{code,message}} and are thrown as ApiError.
import type { z } from 'zod';
import type * as S from '../../src/api/schemas.js';
import type { ClaimRecord, DocumentSummary, EntitySummary, EventRecord, Page } from '../../src/store/types.js';

export type { ClaimRecord, DocumentSummary, EntitySummary, EventRecord, Page };
export type EntityDossier = z.output<typeof S.EntityDossier>;
export type DocumentText = z.output<typeof S.DocumentText>;
export type SearchResult = z.output<typeof S.SearchResult>;
export type Graph = z.output<typeof S.Graph>;
export type Place = z.output<typeof S.Place>;
export type TimelineEntry = z.output<typeof S.TimelineEntry>;
export type IngestJob = z.output<typeof S.IngestJob>;
export type SanctionedEntity = z.output<typeof S.SanctionsEntity>;
export type Health = z.output<typeof S.Health>;
export type QueueState = z.output<typeof S.QueueState>;
export type AlertsState = z.output<typeof S.AlertsState>;

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

function url(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function parse<T>(res: Response): Promise<T> {
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (body as { error?: { code: string; message: string } } | null)?.error;
    throw new ApiError(res.status, err?.code ?? 'HTTP', err?.message ?? `${res.status} ${res.statusText}`);
  }
  return body as T;
}

export async function get<T>(path: string, query?: Query): Promise<T> {
  return parse<T>(await fetch(url(path, query), { headers: { Accept: 'application/json' } }));
}

const TOKEN_KEY = 'dossier-token';
export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY) ?? '',
  set: (t: string) => (t ? sessionStorage.setItem(TOKEN_KEY, t) : sessionStorage.removeItem(TOKEN_KEY)),
};

export async function post<T>(path: string, body: FormData | object): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token.get()) headers.Authorization = `Bearer ${token.get()}`;
  if (!(body instanceof FormData)) headers['Content-Type'] = 'application/json';
  return parse<T>(await fetch(path, { method: 'POST', headers, body: body instanceof FormData ? body : JSON.stringify(body) }));
}
