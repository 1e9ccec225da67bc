// Uploads and their progress: files are sent to the API (bearer token kept for this tab only), and
// the job list is polled while anything runs. On PostgreSQL, the worker queue too: job counts, dead
// letters with their errors, the corroboration backlog, and alerts on watched entities with their hits.
import { append, clear, docLink, empty, entityLink, h, section } from '../dom.js';
import { get, post, token, type AlertsState, type Health, type IngestJob, type QueueState } from '../api.js';
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
  await workerPanels(root);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The worker queue and alerts (PostgreSQL), refreshed every few seconds while jobs are pending. */
/** Who corroborates: the process that ran the last batch, and whether one runs now. */
function holderLine(holder: NonNullable<QueueState['corroboration']>['holder']): HTMLElement {
  if (!holder) return h('p', { class: 'small muted corroboration-holder' }, 'No process is corroborating.');
  const when = holder.lastBatchAt ? ` · last batch ended ${holder.lastBatchAt.slice(0, 19).replace('T', ' ')} UTC` : '';
  if (!holder.process) return h('p', { class: 'small muted corroboration-holder' }, 'A save replacing a document holds the corroboration lock.');
  return h('p', { class: 'small muted corroboration-holder' }, `Corroborating: ${holder.process}${holder.running ? ' · a batch is running' : ''}${when}`);
}

async function workerPanels(root: HTMLElement): Promise<void> {
  const queueBody = h('div', { class: 'queue' });
  const alertsBody = h('div', { class: 'alerts' });
  root.append(section('Worker queue', queueBody), section('Alerts on watched entities', alertsBody));
  let timer: number | undefined;
  onLeave(() => window.clearTimeout(timer));

  async function refresh(): Promise<void> {
    const [queue, alerts] = await Promise.all([get<QueueState>('/api/queue', { state: 'dead', limit: 50 }), get<AlertsState>('/api/alerts', { hits: 30 })]);
    clear(queueBody);
    clear(alertsBody);
    if (!queue.available || !queue.counts || !queue.corroboration) {
      queueBody.append(h('p', { class: 'small muted' }, 'This store is SQLite. The worker queue (dossier ingest --queue, dossier worker) and alerts need PostgreSQL (--db postgres://…).'));
      alertsBody.append(empty('Alerts need a PostgreSQL store (dossier alerts add ENTITY).'));
      return;
    }
    const c = queue.counts;
    append(queueBody, [
      h('p', { class: 'queue-counts' }, `${c.queued} queued, ${c.running} running, ${c.failed} waiting to retry, ${c.done} done, ${c.dead} dead · `
        + `${plural(queue.corroboration.waiting, 'saved document')} waiting for corroboration`),
      holderLine(queue.corroboration.holder),
      h('h3', null, 'Dead letters'),
      queue.jobs?.items.length
        ? h('table', { class: 'table stack dead-letters' },
          h('thead', null, h('tr', null, h('th', null, 'Job'), h('th', null, 'Source'), h('th', null, 'Attempts'), h('th', null, 'Error'))),
          h('tbody', null, ...queue.jobs.items.map((j) => h('tr', { 'data-job': j.id },
            h('td', null, String(j.id)), h('td', { class: 'wrap' }, j.source), h('td', null, String(j.attempts)),
            h('td', { class: 'failures wrap' }, j.lastError ?? '')))))
        : empty('No dead letters: every input was stored or is still being tried.'),
      queue.corroboration.failed.length
        ? h('div', null, h('h3', null, 'Corroboration failed'), h('ul', { class: 'small failures' },
          ...queue.corroboration.failed.map((f) => h('li', null, docLink(f.documentId, f.documentId), `: ${f.error} (${plural(f.attempts, 'attempt')}; dossier jobs --retry-dead retries it)`))))
        : null]);
    append(alertsBody, [
      alerts.alerts.length
        ? h('table', { class: 'table stack alert-list' },
          h('thead', null, h('tr', null, h('th', null, 'Watched'), h('th', null, 'Webhook'), h('th', null, 'Hits'), h('th', null, 'Undelivered'))),
          h('tbody', null, ...alerts.alerts.map((a) => h('tr', { 'data-alert': a.id },
            h('td', null, a.entity), h('td', { class: 'wrap' }, a.webhook ?? '—'), h('td', null, String(a.hits)), h('td', null, String(a.undelivered))))))
        : empty('No alerts: add one with dossier alerts add ENTITY [--webhook URL].'),
      alerts.hits.length
        ? h('div', null, h('h3', null, 'Newest hits'), h('ul', { class: 'hits' }, ...alerts.hits.map((hit) => h('li', { 'data-hit': hit.id },
          h('div', null, entityLink(hit.entityId, hit.entityName), h('span', { class: 'small muted' }, ` watched as “${hit.watched}” · `), docLink(hit.documentId, hit.documentId),
            h('span', { class: 'small muted' }, ` · ${hit.createdAt.slice(0, 16).replace('T', ' ')} UTC${hit.deliveredAt ? ' · delivered' : hit.deliveryError ? ` · delivery failed: ${hit.deliveryError}` : ''}`)),
          h('blockquote', { class: 'small' }, hit.claim)))))
        : null]);
    window.clearTimeout(timer);
    if (c.queued + c.running + c.failed > 0 || queue.corroboration.waiting > 0) timer = window.setTimeout(() => void refresh().catch(() => {}), 2000);
  }
  await refresh();
}
