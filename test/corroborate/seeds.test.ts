// The seeds through the real pipeline into a real store: the El Libertador drone base and the Mahan
// Air gold-for-oil flights are each one cluster across articles, resting on one root (Infobae); over the
// whole gold, pairwise F1 ≥ 0.80 and every cluster's independent-root count right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { ingestPaths } from '../../src/runner.js';
import { Context } from '../../src/context.js';
import { SEEDS, allClusters, loadGold, matchGold, scoreClusters } from '../../scripts/eval-clusters.js';

test('seed clusters: El Libertador drone base and Mahan Air gold-for-oil each rest on one root', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-seeds-corr-'));
  const store = new SqliteStore(join(dir, 'seeds.db'));
  try {
    const report = await ingestPaths(store, [SEEDS], new Context());
    assert.equal(report.errors, 0, report.failures.map((f) => f.line()).join('\n'));
    const gold = loadGold();
    const clusters = await allClusters(store);
    const members = await matchGold(store, gold, clusters);
    for (const [id, documents] of [['el-libertador-drone-base', 3], ['mahan-air-gold-for-oil', 2]] as const) {
      const placed = members.filter((m) => m.gold === id);
      const ids = new Set(placed.map((m) => m.cluster));
      assert.equal(ids.size, 1, `${id}: members spread over ${[...ids].join(', ')}`);
      const cluster = clusters.find((c) => c.id === placed[0].cluster)!;
      assert.ok(cluster, `${id}: no cluster`);
      assert.equal(new Set(cluster.memberList.map((m) => m.documentId)).size >= documents, true);
      assert.equal(cluster.roots, 1, `${id}: roots ${cluster.provenance.roots.map((r) => r.label).join(', ')}`);
      assert.match(cluster.provenance.roots[0].label, /infobae/i);
    }
    // The bar over the whole hand-made gold: pairwise F1 at least 0.80, and every gold
    // cluster's main predicted cluster with the gold number of independent roots.
    const score = await scoreClusters(store);
    assert.ok(score.f1 >= 0.8, `pairwise F1 ${score.f1.toFixed(3)}`);
    const wrong = score.rootChecks.filter((r) => r.predicted !== r.expected);
    assert.deepEqual(wrong, [], wrong.map((r) => `${r.gold}: ${r.predicted} roots, gold ${r.expected}`).join('; '));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
