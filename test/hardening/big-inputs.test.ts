// 100 MB inputs: a JSONL file of that size is read line by line in bounded memory (a line over the
// limit, a line that is not UTF-8 and a broken line are one error each); a 100 MB text or HTML file
// is refused by its size before a byte is read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync, writeSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { articlesFromBytes, DEFAULT_MAX_BYTES, readInputs } from '../../src/ingest/index.js';
import { DossierError } from '../../src/errors.js';
import { tempDir } from './stores.js';

const MB = 1024 * 1024;

function record(i: number): string {
  const body = `Officials in port city ${i} said on Monday that cargo flight ${i} had landed. `.repeat(50);
  return JSON.stringify({ id: `wire-${i}`, title: `Flight ${i} lands`, outlet: 'Test Wire', published: '2024-05-06', text: body });
}

test('a 100 MB JSONL file is read line by line in bounded memory; bad lines are one error each', async () => {
  const tmp = tempDir();
  try {
    const path = join(tmp.dir, 'big.jsonl');
    const fd = openSync(path, 'w');
    let written = 0;
    let lines = 0;
    const put = (s: string) => {
      written += writeSync(fd, s);
      lines++;
    };
    while (written < 50 * MB) put(`${record(lines)}\n`);
    put(`{"id":"huge","text":"${'x'.repeat(DEFAULT_MAX_BYTES + MB)}"}\n`); // longer than the limit
    writeSync(fd, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a])); // {"\xff\xfe"} — not UTF-8
    lines++;
    put('{"id": "cut", "text": "ends mid-\n');
    put('\n');
    while (written < 100 * MB) put(`${record(lines)}\n`);
    closeSync(fd);
    assert.ok(written >= 100 * MB);

    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let ok = 0;
    const errors: DossierError[] = [];
    let first: string | null = null;
    for await (const item of readInputs([path])) {
      if (item.ok) {
        ok++;
        first ??= item.article.contentHash;
      } else errors.push(item.error);
      if ((ok + errors.length) % 500 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    assert.equal(errors.length, 3, errors.map((e) => e.line()).join('\n'));
    assert.match(errors[0].line(), /big\.jsonl#\d+: JSONL line \d+ is over the 20 MB limit \(TOO_LARGE\)/);
    assert.match(errors[1].line(), /JSONL line \d+ is not valid UTF-8 \(UNDECODABLE\)/);
    assert.match(errors[2].line(), /JSONL line \d+ ends mid-way/);
    assert.equal(ok, lines - 4, 'every other line is an article (the blank one is no record)');
    assert.ok(peak - baseline < 300 * MB, `memory grew by ${Math.round((peak - baseline) / MB)} MB`);

    // The same record read from a small file gives the same article.
    const [small] = articlesFromBytes(path, Buffer.from(`${record(0)}\n`));
    assert.ok(small.ok && small.article.contentHash === first);
  } finally {
    tmp.dispose();
  }
});

test('100 MB text and HTML files are refused by their size, unread', async () => {
  const tmp = tempDir();
  try {
    const paths = ['big.txt', 'big.html'].map((name) => {
      const path = join(tmp.dir, name);
      const fd = openSync(path, 'w');
      ftruncateSync(fd, 100 * MB); // sparse: the size is real, the bytes were never written
      closeSync(fd);
      return path;
    });
    const baseline = process.memoryUsage().rss;
    const started = Date.now();
    const items = [];
    for await (const item of readInputs(paths)) items.push(item);
    assert.ok(Date.now() - started < 2000);
    assert.ok(process.memoryUsage().rss - baseline < 50 * MB);
    assert.deepEqual(items.map((i) => (i.ok ? 'ok' : i.error.line().replace(tmp.dir, ''))), [
      '/big.txt: is 100 MB, over the 20 MB limit (TOO_LARGE)',
      '/big.html: is 100 MB, over the 20 MB limit (TOO_LARGE)',
    ]);
  } finally {
    tmp.dispose();
  }
});
