// Write endpoints (bearer token required): uploads to analyse, with their progress, and the manual
// entity overrides (merge these entities; split these names off one) that re-analysis honours.
import { basename } from 'node:path';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Store } from '../store/types.js';
import { articlesFromBytes, type IngestItem } from '../ingest/index.js';
import type { IngestJobs } from './ingest-jobs.js';
import { defineRoute, HttpError, type AnyRoute } from './routes.js';
import { OverridesFile } from './overrides-file.js';
import * as S from './schemas.js';

export interface WriteLimits {
  /** Largest single uploaded file, bytes. */
  maxFileBytes: number;
}

/** A file name safe to use as a document source: no folders, no control characters. */
function uploadName(name: string): string {
  const clean = basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean || 'upload.txt';
}

async function itemsFromMultipart(form: Record<string, unknown>, limits: WriteLimits): Promise<{ files: string[]; items: IngestItem[] }> {
  const files: string[] = [];
  const items: IngestItem[] = [];
  const uploads = Object.values(form).flat().filter((v): v is File => typeof v === 'object' && v !== null && 'arrayBuffer' in v);
  if (!uploads.length) throw new HttpError(400, 'INVALID', 'the form holds no file (use a field named "file")');
  for (const file of uploads) {
    if (file.size > limits.maxFileBytes) throw new HttpError(413, 'TOO_LARGE', `${file.name} is larger than ${limits.maxFileBytes} bytes`);
    const name = uploadName(file.name);
    files.push(name);
    items.push(...articlesFromBytes(name, new Uint8Array(await file.arrayBuffer()), { maxBytes: limits.maxFileBytes }));
  }
  return { files, items };
}

function itemsFromJson(body: z.output<typeof S.IngestBody>, limits: WriteLimits): { files: string[]; items: IngestItem[] } {
  const files: string[] = [];
  const items: IngestItem[] = [];
  for (const f of body.files ?? []) {
    const name = uploadName(f.name);
    files.push(name);
    items.push(...articlesFromBytes(name, new TextEncoder().encode(f.content), { maxBytes: limits.maxFileBytes }));
  }
  if (body.articles) {
    // Named after the content, so the same upload twice is one source (and stored once).
    const json = JSON.stringify(body.articles);
    const name = `upload-${createHash('sha256').update(json).digest('hex').slice(0, 12)}.json`;
    files.push(name);
    items.push(...articlesFromBytes(name, new TextEncoder().encode(json), { maxBytes: limits.maxFileBytes }));
  }
  return { files, items };
}

export function writeRoutes(store: Store, jobs: IngestJobs, overrides: OverridesFile | null, limits: WriteLimits): AnyRoute[] {
  const overridesFile = () => {
    if (!overrides) throw new HttpError(409, 'CONFLICT', 'no overrides file is configured (serve --overrides PATH)');
    return overrides;
  };
  const known = async (idOrName: string) => {
    const e = await store.findEntity(idOrName);
    if (!e) throw new HttpError(404, 'NOT_FOUND', `no entity ${JSON.stringify(idOrName)}`);
    return e;
  };
  return [
    defineRoute({
      method: 'post', path: '/api/ingest', tag: 'ingest', write: true, upload: true, status: 202,
      summary: 'Analyse uploaded articles: multipart files (.txt, .html, .json, .jsonl, feeds) or JSON {articles} / {files}',
      response: S.IngestJob,
      handler: async ({ c }) => {
        const type = c.req.header('content-type') ?? '';
        let upload: { files: string[]; items: IngestItem[] };
        if (type.startsWith('multipart/form-data')) {
          upload = await itemsFromMultipart(await c.req.parseBody({ all: true }), limits);
        } else if (type.startsWith('application/json')) {
          let raw: unknown;
          try {
            raw = await c.req.json();
          } catch {
            throw new HttpError(400, 'MALFORMED', 'request body is not valid JSON');
          }
          const parsed = S.IngestBody.safeParse(raw);
          if (!parsed.success) throw new HttpError(400, 'INVALID', parsed.error.issues.map((i) => `body.${i.path.join('.')}: ${i.message}`).join('; '));
          upload = itemsFromJson(parsed.data, limits);
        } else {
          throw new HttpError(415, 'UNSUPPORTED', 'send multipart/form-data or application/json');
        }
        return jobs.start(upload.files, upload.items);
      },
    }),
    defineRoute({
      method: 'get', path: '/api/ingest', tag: 'ingest', summary: 'Ingest jobs of this server, running first (the UI polls this)',
      response: z.object({ items: z.array(S.IngestJob) }),
      handler: () => ({ items: jobs.list() }),
    }),
    defineRoute({
      method: 'get', path: '/api/ingest/:id', tag: 'ingest', summary: 'Progress of one ingest job',
      params: S.IdParam, response: S.IngestJob,
      handler: ({ params }) => {
        const job = jobs.get(params.id);
        if (!job) throw new HttpError(404, 'NOT_FOUND', `no ingest job ${params.id}`);
        return job;
      },
    }),
    defineRoute({
      method: 'get', path: '/api/overrides', tag: 'entities', summary: 'The manual entity overrides in force',
      response: S.OverridesSchema,
      handler: () => (overrides ? overrides.read() : { merge: [], split: [] }),
    }),
    defineRoute({
      method: 'post', path: '/api/overrides/merge', tag: 'entities', write: true,
      summary: 'Record that these entities are one (applies when documents are analysed again)',
      body: S.MergeBody, response: S.OverridesSchema,
      handler: async ({ body }) => {
        const entities = await Promise.all(body.entities.map(known));
        return overridesFile().merge(entities.map((e) => e.id));
      },
    }),
    defineRoute({
      method: 'post', path: '/api/overrides/split', tag: 'entities', write: true,
      summary: 'Record that these names are not the entity (applies when documents are analysed again)',
      body: S.SplitBody, response: S.OverridesSchema,
      handler: async ({ body }) => {
        const entity = await known(body.entity);
        return overridesFile().split(entity.name, body.names);
      },
    }),
  ];
}
