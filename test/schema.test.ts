/**
 * The JSON Schemas shipped in schema/ are generated from the report's TypeScript types
 * (scripts/schema.mjs): they must be current, and every sample's `-o json` report and every
 * `-o ndjson` record (the committed snapshots, which samples.test.ts checks against the real
 * output) must validate against them. A validator that is not ours: ajv, draft-07.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { generateSchemas, SCHEMAS, VALIDATOR } from '../scripts/schema.mjs';

const ROOT = new URL('../', import.meta.url);
const committed = (file: string) => readFileSync(new URL(file, ROOT), 'utf8');
const SNAPSHOTS = new URL('snapshots/', import.meta.url);

function validator(file: string): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  return ajv.compile(JSON.parse(committed(file)) as object);
}

/** Every snapshot file of one format, samples and samples/real alike. */
function snapshots(ext: string): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  for (const dir of ['', 'real/']) {
    for (const f of readdirSync(new URL(dir, SNAPSHOTS))) {
      if (f.endsWith(`.${ext}`)) out.push({ name: `${dir}${f}`, text: readFileSync(new URL(`${dir}${f}`, SNAPSHOTS), 'utf8') });
    }
  }
  return out;
}

const errors = (v: ValidateFunction) => JSON.stringify(v.errors?.slice(0, 3), null, 1);

describe('JSON Schemas (schema/)', () => {
  it('are current: generated from src/render/json-report.ts (npm run schema rewrites them)', () => {
    const generated = generateSchemas() as Record<string, string>;
    // the schemas, and the validator `merge` compiled from the report's (schema/validate-report.js)
    expect(Object.keys(generated).sort()).toEqual([...(SCHEMAS as Array<{ file: string }>).map((s) => s.file), VALIDATOR].sort());
    for (const [file, text] of Object.entries(generated)) expect(committed(file), file).toBe(text);
  }, 60_000);

  it('every sample report validates against schema/report.schema.json', () => {
    const v = validator('schema/report.schema.json');
    const reports = snapshots('json');
    expect(reports.length).toBeGreaterThanOrEqual(24);
    for (const r of reports) expect(v(JSON.parse(r.text)), `${r.name}: ${errors(v)}`).toBe(true);
  });

  it('every ndjson record of every sample validates against schema/ndjson.schema.json', () => {
    const v = validator('schema/ndjson.schema.json');
    let records = 0;
    const kinds = new Set<string>();
    for (const s of snapshots('ndjson')) {
      for (const line of s.text.split('\n').filter(Boolean)) {
        const rec = JSON.parse(line) as { kind: string };
        records++;
        kinds.add(rec.kind);
        expect(v(rec), `${s.name}: ${line.slice(0, 200)}: ${errors(v)}`).toBe(true);
      }
    }
    expect(records).toBeGreaterThan(1000);
    expect(kinds.has('summary')).toBe(true);
  });

  it('rejects what is not a report: a field of the wrong type, an unknown field, an unknown event kind', () => {
    const report = validator('schema/report.schema.json');
    const seed = JSON.parse(committed('test/snapshots/seed-ubuntu-k8s-3.json')) as {
      summary: Record<string, unknown>;
      incidents: Array<Record<string, unknown>>;
    };
    expect(report(seed)).toBe(true);
    expect(report({ ...seed, summary: { ...seed.summary, lines: 'many' } })).toBe(false);
    expect(report({ ...seed, extra: 1 })).toBe(false);
    expect(report({ ...seed, incidents: [{ ...seed.incidents[0], start: '16 Oct 2017' }] })).toBe(false);
    const ndjson = validator('schema/ndjson.schema.json');
    const rec = { at: '2017-10-16T01:54:09.000Z', node: 'n', kind: 'pod-evicted', pod: 'ns/p', input: '-', line: 3 };
    expect(ndjson(rec)).toBe(true);
    expect(ndjson({ ...rec, kind: 'pod-exploded' })).toBe(false);
    expect(ndjson({ ...rec, pod: 7 })).toBe(false);
  });
});
