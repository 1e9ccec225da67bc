import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Context } from '../../src/context.js';
import { DossierError } from '../../src/errors.js';
import { resolveEntities } from '../../src/resolve/entities.js';
import { loadOverrides } from '../../src/resolve/overrides.js';
import { buildDoc, entityNamed } from './build.js';

const dir = mkdtempSync(join(tmpdir(), 'dossier-overrides-'));
function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

test('a valid override file loads; missing sections default to empty', () => {
  const o = loadOverrides(file('ok.json', JSON.stringify({ merge: [['Hugo Chávez', 'El Comandante']] })));
  assert.deepEqual(o, { merge: [['Hugo Chávez', 'El Comandante']], split: [] });
});

test('bad override files raise a DossierError naming the problem', () => {
  const cases: [string, string, string][] = [
    ['notjson.json', '{ merge: ', 'MALFORMED'],
    ['shape.json', JSON.stringify({ merge: [['only one']] }), 'INVALID'],
    ['split.json', JSON.stringify({ split: [{ entity: 'X' }] }), 'INVALID'],
  ];
  for (const [name, content, code] of cases) {
    assert.throws(() => loadOverrides(file(name, content)), (e: unknown) => e instanceof DossierError && e.code === code && e.file!.endsWith(name));
  }
  assert.throws(() => loadOverrides(join(dir, 'absent.json')), (e: unknown) => e instanceof DossierError && e.code === 'NOT_FOUND');
});

test('resolveEntities honours merge and split overrides from ctx.options.overridesPath', () => {
  const path = file('doc.json', JSON.stringify({
    merge: [['Hugo Chávez', 'El Comandante']],
    split: [{ entity: 'Alex Saab', names: ['Saab'] }],
  }));
  const ctx = new Context({ overridesPath: path });
  const text = 'Hugo Chávez spoke. El Comandante left. Alex Saab was held. Saab denied it.';
  const doc = resolveEntities(buildDoc(text, [
    ['Hugo Chávez', 'PERSON'], ['El Comandante', 'PERSON'], ['Alex Saab', 'PERSON'], ['Saab', 'PERSON', { nth: 1 }],
  ]), ctx);
  assert.equal(entityNamed(doc, 'Hugo Chávez')?.mentions.length, 2);
  assert.equal(entityNamed(doc, 'Alex Saab')?.mentions.length, 1);
  assert.equal(doc.entities.length, 3);
  // Without the file, the surname joins the full name as usual.
  const plain = resolveEntities(buildDoc(text, [['Alex Saab', 'PERSON'], ['Saab', 'PERSON', { nth: 1 }]]), new Context());
  assert.equal(plain.entities.length, 1);
});

test('an override file edited after the first document is read again; a missing one means none', () => {
  const path = join(dir, 'live.json');
  const ctx = new Context({ overridesPath: path });
  const text = 'Hugo Chávez spoke. El Comandante left.';
  const specs: Parameters<typeof buildDoc>[1] = [['Hugo Chávez', 'PERSON'], ['El Comandante', 'PERSON']];
  assert.equal(resolveEntities(buildDoc(text, specs), ctx).entities.length, 2);
  writeFileSync(path, JSON.stringify({ merge: [['Hugo Chávez', 'El Comandante']] }));
  assert.equal(resolveEntities(buildDoc(text, specs), ctx).entities.length, 1);
});
