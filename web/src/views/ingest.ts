// Uploads and their progress: files are sent to the API (bearer token kept for this tab only), and
// the job list is polled while anything runs.
import { clear, docLink, empty, h, section } from '../dom.js';
import { get, post, token, type Health, type IngestJob } from '../api.js';
import { onLeave } from '../lifecycle.js';

function jobRow(j: IngestJob): HTMLElement {
  const done = j.read;
  const pct = j.total ? Math.round((100 * done) / j.total) : 100;
  return h('li', { class: `job job-${j.state}`, 'data-job': j.id },
    h('div', null, h('strong', null, j.files.join(', ') || 'upload'), h('span', { class: `badge state-${j.state}` }, j.state)),
    h('progress', { max: 100, value: pct, 'aria-label': 'progress' }),
    h('div', { class: 'small muted' }, `${done}/${j.total} articles · ${j.inserted} added, ${j.replaced} replaced, ${j.unchanged} unchanged, ${j.errors} failed · started ${j.startedAt.slice(11, 19)} UTC`),
    j.failures.length ? h('ul', { class: 'small failures' }, ...j.failures.map((f) => h('li', null, `${f.file ? `${f.file}: ` : ''}${f.message} (${f.code})`))) : null,
    j.state !== 'running' && j.documents.length ? h('div', { class: 'small' }, 'Open: ', ...j.documents.slice(0, 10).flatMap((d, i) => [i ? ', ' : '', docLink(d, d)])) : null);
}

export async function ingestView(root: HTMLElement): Promise<void> {
  const health = await get<Health>('/api/health');
  const list = h('ul', { class: 'jobs' });
  const message = h('p', { class: 'small', role: 'status' });
  let timer: number | undefined;

  async function refresh(): Promise<void> {
    const { items } = await get<{ items: IngestJob[] }>('/api/ingest');
    clear(list);
    if (!items.length) list.append(empty('No upload since the server started.'));
    list.append(...items.map(jobRow));
    window.clearTimeout(timer);
    if (items.some((j) => j.state === 'running')) timer = window.setTimeout(() => void refresh(), 700);
  }
  onLeave(() => window.clearTimeout(timer));

  const tokenInput = h('input', { type: 'password', name: 'token', value: token.get(), placeholder: 'DOSSIER_TOKEN', autocomplete: 'off', size: 24 });
  const files = h('input', { type: 'file', name: 'file', multiple: true, accept: '.txt,.html,.htm,.json,.jsonl,.xml,.rss,.atom' });
  const form = h('form', { class: 'upload' },
    h('label', null, 'Token ', tokenInput),
    h('label', null, 'Files ', files),
    h('button', { type: 'submit', disabled: !health.writable }, 'Analyse'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    token.set((tokenInput as HTMLInputElement).value.trim());
    const chosen = (files as HTMLInputElement).files;
    if (!chosen?.length) {
      message.textContent = 'Choose one or more files first.';
      return;
    }
    const data = new FormData();
    for (const f of chosen) data.append('file', f, f.name);
    message.textContent = 'Uploading…';
    try {
      const job = await post<IngestJob>('/api/ingest', data);
      message.textContent = `Analysing ${job.total} article${job.total === 1 ? '' : 's'}…`;
      form.reset();
      (tokenInput as HTMLInputElement).value = token.get();
      await refresh();
    } catch (err) {
      message.textContent = `Upload failed: ${(err as Error).message}`;
    }
  });
  root.append(
    h('header', { class: 'page-head' }, h('h1', null, 'Ingest')),
    section('Upload articles',
      health.writable ? h('p', { class: 'small muted' }, 'Text, HTML, JSON/JSONL records or RSS/Atom feeds. The same content is stored once; a changed file replaces its analysis.')
        : h('p', { class: 'warning small' }, 'This server is read-only: start it with DOSSIER_TOKEN set to allow uploads.'),
      form, message),
    section('Ingest jobs', list));
  await refresh();
}
