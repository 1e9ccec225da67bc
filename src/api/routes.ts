// The route registry: every endpoint is declared once with its zod schemas, which both validate the
// request at run time and produce the OpenAPI document (src/api/openapi.ts) — they cannot drift apart.
import type { Context as HonoContext, Hono } from 'hono';
import { z } from 'zod';
import { DossierError } from '../errors.js';

export type Method = 'get' | 'post' | 'put' | 'delete';

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  c: HonoContext;
}

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> {
  method: Method;
  /** Hono-style path: /api/entities/:id */
  path: string;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  /** JSON request body. Routes taking uploads read the body themselves and describe it in `upload`. */
  body?: B;
  /** Multipart upload: documented as such; the handler parses it. */
  upload?: boolean;
  response: R;
  /** Writes need the bearer token. */
  write?: boolean;
  /** Status of a successful response (default 200). */
  status?: 200 | 201 | 202;
  handler: (input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>) => Promise<z.input<R>> | z.input<R>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any, any, any>;

/** Declares a route with its types inferred from its schemas. */
export function defineRoute<P extends z.ZodType = z.ZodObject<{}>, Q extends z.ZodType = z.ZodObject<{}>, B extends z.ZodType = z.ZodUnknown, R extends z.ZodType = z.ZodUnknown>(
  spec: RouteSpec<P, Q, B, R>,
): RouteSpec<P, Q, B, R> {
  return spec;
}

/** An HTTP error that the error handler turns into {error:{code,message}}. */
export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

const STATUS_OF: Partial<Record<DossierError['code'], number>> = {
  NOT_FOUND: 404, INVALID: 400, MALFORMED: 400, EMPTY: 400, BINARY: 415, UNDECODABLE: 400, UNSUPPORTED: 415,
  TOO_LARGE: 413, TRUNCATED: 400, CONFLICT: 409, UNAUTHORIZED: 401, FORBIDDEN: 403,
};

/** The HTTP status and body for any thrown value; unknown errors hide their details. */
export function errorResponse(err: unknown): { status: number; body: { error: { code: string; message: string } } } {
  if (err instanceof HttpError) return { status: err.status, body: { error: { code: err.code, message: err.message } } };
  if (err instanceof DossierError) {
    return { status: STATUS_OF[err.code] ?? 500, body: { error: { code: err.code, message: err.file ? `${err.file}: ${err.message}` : err.message } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'internal error' } } };
}

function describeIssues(error: z.ZodError, where: string): string {
  return error.issues.slice(0, 5).map((i) => `${where}${i.path.length ? `.${i.path.join('.')}` : ''}: ${i.message}`).join('; ');
}

function parseOrThrow<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.output<T> {
  if (!schema) return value as z.output<T>;
  const r = schema.safeParse(value);
  if (!r.success) throw new HttpError(400, 'INVALID', describeIssues(r.error, where));
  return r.data;
}

/** Mounts the declared routes on the app, with validation and the write guard. */
export function mountRoutes(app: Hono, routes: AnyRoute[], guardWrite: (c: HonoContext) => void): void {
  for (const route of routes) {
    app.on(route.method.toUpperCase(), route.path, async (c) => {
      if (route.write) guardWrite(c);
      const params = parseOrThrow(route.params, c.req.param(), 'path');
      const query = parseOrThrow(route.query, c.req.query(), 'query');
      let body: unknown;
      if (route.body) {
        let raw: unknown;
        try {
          raw = await c.req.json();
        } catch {
          throw new HttpError(400, 'MALFORMED', 'request body is not valid JSON');
        }
        body = parseOrThrow(route.body, raw, 'body');
      }
      const result = await route.handler({ params, query, body, c });
      if (result instanceof Response) return result;
      return c.json(result as object, route.status ?? 200);
    });
  }
}
