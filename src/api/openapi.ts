// The OpenAPI 3.1 document, generated from the routes' own zod schemas with zod's z.toJSONSchema
// (JSON Schema 2020-12, which OpenAPI 3.1 uses as is). Named schemas go to components.schemas.
import { z } from 'zod';
import type { AnyRoute } from './routes.js';
import { ErrorBody, IngestBody } from './schemas.js';

type JsonSchema = Record<string, unknown>;

/** The JSON Schema of a zod schema with its named parts moved into `components`. */
function schemaRef(schema: z.ZodType, io: 'input' | 'output', components: Record<string, JsonSchema>): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) =>
        [k, k === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', '#/components/schemas/') : rewrite(v)]));
    }
    return value;
  };
  for (const [name, def] of Object.entries(json.$defs ?? {})) components[name] ??= rewrite(def) as JsonSchema;
  const { $defs: _defs, $schema: _schema, ...rest } = json;
  return rewrite(rest) as JsonSchema;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s;
    return { name, in: where, required: where === 'path' || (json.required ?? []).includes(name), ...(description ? { description } : {}), schema: rest };
  });
}

export function openApiDocument(routes: AnyRoute[], info: { version: string }): JsonSchema {
  const components: Record<string, JsonSchema> = {};
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const errorRef = schemaRef(ErrorBody, 'output', components);
  const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: errorRef } } });
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const responses: Record<string, JsonSchema> = {
      [String(r.status ?? 200)]: { description: 'OK', content: { 'application/json': { schema: schemaRef(r.response, 'output', components) } } },
      400: errorResponse('invalid request'),
    };
    if (r.method === 'get') responses[304] = { description: 'not modified (If-None-Match matched the ETag)' };
    if (r.params) responses[404] = errorResponse('not found');
    if (r.write) {
      responses[401] = errorResponse('missing or wrong bearer token');
      responses[403] = errorResponse('the server is read-only (no DOSSIER_TOKEN configured)');
      responses[413] = errorResponse('request or upload too large');
    }
    const op: JsonSchema = {
      operationId: `${r.method}${path.replace(/[{}]/g, '').split('/').filter(Boolean).map((p) => p[0].toUpperCase() + p.slice(1)).join('')}`,
      summary: r.summary,
      tags: [r.tag],
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      responses,
      ...(r.write ? { security: [{ bearer: [] }] } : {}),
    };
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: schemaRef(r.body, 'input', components) } } };
    if (r.upload) {
      op.requestBody = {
        required: true,
        content: {
          'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'array', items: { type: 'string', contentMediaType: 'application/octet-stream' } } } } },
          'application/json': { schema: schemaRef(IngestBody, 'input', components) },
        },
      };
    }
    (paths[path] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Dossier API', version: info.version, description: 'Entities, claims, events and corroboration from news articles. All reads support ETag / If-None-Match; writes need `Authorization: Bearer <DOSSIER_TOKEN>`.' },
    paths,
    components: { schemas: components, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  };
}
