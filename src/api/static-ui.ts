// Serves the built web UI (web/dist) from memory: a fixed map of files read once at start, so no
// request path ever reaches the file system; unknown non-API paths get index.html (client routing).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { REPO_ROOT } from '../paths.js';

export const WEB_DIST = join(REPO_ROOT, 'web', 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8', '.map': 'application/json',
};

export interface StaticFile {
  body: Uint8Array;
  type: string;
  /** Vite puts a content hash in asset names: those can be cached for good. */
  immutable: boolean;
}

export function loadUi(dir = WEB_DIST): Map<string, StaticFile> | null {
  if (!existsSync(join(dir, 'index.html'))) return null;
  const files = new Map<string, StaticFile>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        const path = `/${relative(dir, p).split('\\').join('/')}`;
        files.set(path, { body: readFileSync(p), type: TYPES[extname(name)] ?? 'application/octet-stream', immutable: path.startsWith('/assets/') });
      }
    }
  };
  walk(dir);
  return files;
}
