// The NER model file: "DNER", a JSON header (format version, feature version, tags, training
// facts), then gzip of each pass's sparse rows (delta-coded hashes, int16 weights) and transitions.
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DossierError } from '../errors.js';
import { TAGS } from './conll.js';
import { FEATURE_VERSION } from './features.js';
import { TAG_COUNT, WeightTable } from './weights.js';

/** Bump when the byte layout changes; the loader refuses other versions. */
export const MODEL_FORMAT_VERSION = 1;
const MAGIC = 'DNER';

export interface ModelHeader {
  format: 'dossier-ner';
  formatVersion: number;
  featureVersion: number;
  tags: string[];
  /** Facts about training, for the reader: data, seed, epochs chosen, dev F1. */
  training: Record<string, unknown>;
}

export interface NerModel {
  header: ModelHeader;
  /** One table per pass: the first tags from local features, the second adds document votes. */
  passes: WeightTable[];
}

class ByteWriter {
  private buf = Buffer.alloc(1 << 16);
  private pos = 0;
  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.alloc(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
  varint(v: number): void {
    this.ensure(5);
    while (v >= 0x80) {
      this.buf[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.buf[this.pos++] = v;
  }
  u8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v;
  }
  i16(v: number): void {
    this.ensure(2);
    this.buf.writeInt16LE(v, this.pos);
    this.pos += 2;
  }
  f32(v: number): void {
    this.ensure(4);
    this.buf.writeFloatLE(v, this.pos);
    this.pos += 4;
  }
  bytes(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}

class ByteReader {
  pos = 0;
  constructor(private readonly buf: Buffer) {}
  varint(): number {
    let v = 0;
    let shift = 0;
    for (;;) {
      const b = this.buf[this.pos++];
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return v;
      shift += 7;
    }
  }
  u8(): number {
    return this.buf[this.pos++];
  }
  i16(): number {
    const v = this.buf.readInt16LE(this.pos);
    this.pos += 2;
    return v;
  }
  f32(): number {
    const v = this.buf.readFloatLE(this.pos);
    this.pos += 4;
    return v;
  }
}

function writeTable(out: ByteWriter, table: WeightTable): void {
  const T = TAG_COUNT;
  let maxAbs = 0;
  for (const v of table.weights) maxAbs = Math.max(maxAbs, Math.abs(v));
  const scale = maxAbs > 0 ? maxAbs / 32767 : 1;
  const order = Array.from(table.keys.keys()).sort((a, b) => table.keys[a] - table.keys[b]);
  const kept: { key: number; tags: number[]; values: number[] }[] = [];
  for (const r of order) {
    const tags: number[] = [];
    const values: number[] = [];
    for (let t = 0; t < T; t++) {
      const q = Math.round(table.weights[r * T + t] / scale);
      if (q !== 0) {
        tags.push(t);
        values.push(q);
      }
    }
    if (tags.length) kept.push({ key: table.keys[r], tags, values });
  }
  out.f32(scale);
  out.varint(kept.length);
  let prev = 0;
  for (const row of kept) {
    out.varint(row.key - prev);
    prev = row.key;
    out.u8(row.tags.length);
    row.tags.forEach((t, k) => {
      out.u8(t);
      out.i16(row.values[k]);
    });
  }
  for (const v of table.transitions) out.f32(v);
}

function readTable(inp: ByteReader): WeightTable {
  const T = TAG_COUNT;
  const scale = inp.f32();
  const n = inp.varint();
  const keys = new Uint32Array(n);
  const weights = new Float32Array(n * T);
  let prev = 0;
  for (let r = 0; r < n; r++) {
    prev += inp.varint();
    keys[r] = prev;
    const count = inp.u8();
    for (let k = 0; k < count; k++) {
      const t = inp.u8();
      weights[r * T + t] = inp.i16() * scale;
    }
  }
  const transitions = new Float32Array((T + 1) * T);
  for (let j = 0; j < transitions.length; j++) transitions[j] = inp.f32();
  return new WeightTable(keys, weights, transitions);
}

/** The model's bytes: the same model gives the same bytes (gzip without a timestamp). */
export function encodeModel(model: NerModel): Buffer {
  const body = new ByteWriter();
  body.u8(model.passes.length);
  for (const table of model.passes) writeTable(body, table);
  const header = Buffer.from(JSON.stringify(model.header), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(header.length);
  return Buffer.concat([Buffer.from(MAGIC, 'latin1'), len, header, gzipSync(body.bytes(), { level: 9 })]);
}

export function decodeModel(bytes: Buffer, file = 'model'): NerModel {
  if (bytes.subarray(0, 4).toString('latin1') !== MAGIC) throw new DossierError('MALFORMED', 'not a Dossier NER model', file);
  const len = bytes.readUInt32LE(4);
  const header = JSON.parse(bytes.subarray(8, 8 + len).toString('utf8')) as ModelHeader;
  if (header.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new DossierError('UNSUPPORTED', `model format ${header.formatVersion}, this build reads ${MODEL_FORMAT_VERSION}`, file);
  }
  if (header.featureVersion !== FEATURE_VERSION) {
    throw new DossierError('UNSUPPORTED', `model features v${header.featureVersion}, this build extracts v${FEATURE_VERSION}: retrain`, file);
  }
  if (header.tags.join(' ') !== TAGS.join(' ')) throw new DossierError('UNSUPPORTED', 'model tag set differs from this build', file);
  const inp = new ByteReader(gunzipSync(bytes.subarray(8 + len)));
  const passes: WeightTable[] = [];
  const count = inp.u8();
  for (let p = 0; p < count; p++) passes.push(readTable(inp));
  return { header, passes };
}

export function loadModel(path: string): NerModel {
  if (!existsSync(path)) throw new DossierError('NOT_FOUND', 'NER model missing: run npm run train:ner', path);
  return decodeModel(readFileSync(path), path);
}
