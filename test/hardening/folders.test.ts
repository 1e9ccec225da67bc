// Folders as ingest sees them on disk: symlink loops, odd file names, broken links and many files
// end in articles or one error each, never a hang; a folder of 100,000 files streams in name order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readInputs, type IngestItem } from '../../src/ingest/index.js';
import { DossierError } from '../../src/errors.js';
import { tempDir } from './stores.js';

async function all(paths: string[]): Promise<IngestItem[]> {
  const out: IngestItem[] = [];
  for await (const item of readInputs(paths)) out.push(item);
  return out;
}

test('folders: symlink loops are read once, broken links and odd names are one clear item each', async () => {
  const tmp = tempDir();
  try {
    const root = join(tmp.dir, 'corpus');
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    writeFileSync(join(root, 'a', 'b', 'story.txt'), 'Minister resigns\n\nThe minister resigned on Monday, officials said.\n');
    symlinkSync(root, join(root, 'a', 'b', 'loop'));          // a loop back to the top
    symlinkSync(join(root, 'a'), join(root, 'a', 'b', 'up'));  // and one to the middle
    symlinkSync(join(root, 'missing'), join(root, 'broken.txt'));
    symlinkSync(join(root, 'self'), join(root, 'self'));        // a link to itself
    for (const name of ['über straße.txt', 'a b\tc.txt', 'x'.repeat(200) + '.txt', 'evil\u202etxt.json', 'weird #1.txt']) {
      writeFileSync(join(root, name), 'A title\n\nSome words from the wire, as reported.\n');
    }
    const started = Date.now();
    const items = await all([root]);
    assert.ok(Date.now() - started < 5000);
    const ok = items.filter((i) => i.ok);
    const errors = items.filter((i): i is { ok: false; error: DossierError } => !i.ok);
    assert.equal(ok.filter((i) => i.ok && i.article.text.includes('minister resigned')).length, 1, 'the story behind the loops is read once');
    assert.equal(ok.length, 5, items.map((i) => (i.ok ? i.article.source : i.error.line())).join('\n'));
    for (const e of errors) assert.ok(e.error instanceof DossierError && e.error.file, e.error.message);
    assert.ok(errors.some((e) => /broken link/.test(e.error.message)));
    assert.ok(errors.some((e) => e.error.file?.endsWith('self')));
  } finally {
    tmp.dispose();
  }
});

test('folders: 100,000 small files are all read, in name order, without holding them', async () => {
  const tmp = tempDir();
  try {
    const count = 100_000;
    for (let i = 0; i < count; i++) writeFileSync(join(tmp.dir, `n${String(i).padStart(6, '0')}.txt`), `Note ${i}\n\nItem number ${i} was filed.\n`);
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    let read = 0;
    let inOrder = true;
    let previous = '';
    for await (const item of readInputs([tmp.dir])) {
      assert.ok(item.ok, item.ok ? '' : item.error.line());
      if (item.article.id <= previous) inOrder = false;
      previous = item.article.id;
      if (++read % 5000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    assert.equal(read, count);
    assert.ok(inOrder, 'file-name order');
    assert.equal(previous, 'n099999');
    // Items are yielded one by one: the folder's articles are never all in memory at once.
    assert.ok(peak - baseline < 200 * 1024 * 1024, `memory grew by ${Math.round((peak - baseline) / 1048576)} MB`);
  } finally {
    tmp.dispose();
  }
});
