/** Whole-document JSON exports as records (src/source/json-document.ts, src/records/documents.ts). */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isDocumentStart, jsonDocumentSource } from '../src/source/json-document.js';
import { analyzeStream, toReport } from '../src/index.js';
import { NOW, read } from './helpers.js';

/** What the source stage hands on for these chunks. */
async function through(chunks: Array<string | Buffer>): Promise<{ text: string; same: boolean }> {
  const bufs = chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c));
  const s = jsonDocumentSource({ name: 'x', stream: Readable.from(bufs, { objectMode: false }) });
  const got: Buffer[] = [];
  // 'data' events, as the line reader takes them (an async iterator would join buffered chunks)
  await new Promise<void>((resolve, reject) => {
    s.stream.on('data', (c: Buffer) => got.push(c));
    s.stream.on('end', resolve);
    s.stream.on('error', reject);
  });
  return { text: Buffer.concat(got).toString(), same: got.length === bufs.length && got.every((g, i) => g === bufs[i]) };
}
const recs = async (chunks: Array<string | Buffer>) =>
  (await through(chunks)).text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as unknown);

const M1 = 'I1016 09:50:55.056703   17144 eviction_manager.go:338] eviction manager: attempting to reclaim nodefs';

describe('sniffing', () => {
  it.each([
    ['[{', true],
    ['  \n[\n  {', true],
    ['\ufeff[{', true],
    ['[]\n', true],
    ['[', undefined],
    ['[  6655.056703] worker-3 kubelet[2716]: I0314 …\n', false],
    ['{\n  "events": [', true],
    ['{"hits":{"hits":[]}}\n', true],
    ['{"MESSAGE":"x","_HOSTNAME":"n"}\n{"MESSAGE":"y"}\n', false],
    ['Oct 16 09:50:55 n kubelet[1]: x\n', false],
    ['\u001e{"MESSAGE":"x"}\n', false],
    ['{"MESSAGE":"x"', undefined],
  ])('%j → %s', (head, want) => {
    expect(isDocumentStart(Buffer.from(head), false)).toBe(want);
  });
  it('NDJSON and text pass through as the same chunks (so the reader may recycle them)', async () => {
    const ndjson = ['{"MESSAGE":"a","_HOSTNAME":"n"}\n{"MES', 'SAGE":"b"}\n'];
    expect(await through(ndjson)).toEqual({ text: ndjson.join(''), same: true });
    expect(await through(['Oct 16 ', '09:50:55 n kubelet[1]: x\n'])).toMatchObject({ same: true });
    expect(await through([])).toEqual({ text: '', same: true });
  });
});

describe('documents', () => {
  it('an array, pretty-printed and cut anywhere (even inside a UTF-8 character), gives its elements', async () => {
    const doc = JSON.stringify([{ a: 'é<&>', n: 1729123456789 }, { b: [1, { c: null }] }, 'scalar'], null, 2);
    const b = Buffer.from(doc);
    const cut = b.indexOf(Buffer.from('é')) + 1;
    expect(await recs([b.subarray(0, cut), b.subarray(cut)])).toEqual([{ a: 'é<&>', n: 1729123456789 }, { b: [1, { c: null }] }, 'scalar']);
  });
  it('a wrapper: only its records (ES hits, CloudWatch events), several documents one after another (scroll pages)', async () => {
    const page = (ids: string[]) =>
      JSON.stringify({
        took: 3,
        _shards: { total: 1 },
        hits: { total: { value: 9 }, hits: ids.map((_id) => ({ _id, _source: { m: _id } })) },
      });
    expect(await recs([`${page(['a', 'b'])}\n${page(['c'])}\n`])).toEqual(['a', 'b', 'c'].map((_id) => ({ _id, _source: { m: _id } })));
    expect(await recs([JSON.stringify({ events: [{ message: 'x' }], nextToken: 't' }, null, 4)])).toEqual([{ message: 'x' }]);
    expect(await recs([JSON.stringify({ responses: [{ hits: { hits: [{ _id: 'm' }] } }] })])).toEqual([{ _id: 'm' }]);
  });
  it('a pretty-printed object that holds no records is a record', async () => {
    expect(await recs([JSON.stringify({ MESSAGE: M1, _HOSTNAME: 'n' }, null, 2), '\n', JSON.stringify({ MESSAGE: 'y' }, null, 2)])).toEqual(
      [{ MESSAGE: M1, _HOSTNAME: 'n' }, { MESSAGE: 'y' }],
    );
  });
  it('Loki query_range: each value with its stream labels, also when the labels come after the values', async () => {
    const doc = {
      status: 'success',
      data: {
        resultType: 'streams',
        result: [
          {
            stream: { host: 'a' },
            values: [
              ['1', 'x'],
              ['2', 'y'],
            ],
          },
          { values: [['3', 'z']], stream: { host: 'b' } },
        ],
      },
    };
    expect(await recs([JSON.stringify(doc)])).toEqual([
      { stream: { host: 'a' }, value: ['1', 'x'] },
      { stream: { host: 'a' }, value: ['2', 'y'] },
      { stream: { host: 'b' }, value: ['3', 'z'] },
    ]);
  });
  it('Log Analytics REST: rows named by their columns', async () => {
    const doc = {
      tables: [
        {
          name: 'PrimaryResult',
          columns: [
            { name: 'Computer', type: 'string' },
            { name: 'ProcessID', type: 'int' },
          ],
          rows: [
            ['aks-1', 17144],
            ['aks-2', null],
          ],
        },
      ],
    };
    expect(await recs([JSON.stringify(doc, null, 2)])).toEqual([
      { Computer: 'aks-1', ProcessID: 17144 },
      { Computer: 'aks-2', ProcessID: null },
    ]);
  });
});

describe('whole documents end to end', () => {
  it.each(['gcloud', 'cloudwatch', 'azure', 'loki-api'])('the documented %s example', async (name) => {
    const t = await analyzeStream(Readable.from([read(`test/fixtures/stores/documented-${name}.json`)]), { now: NOW });
    const r = toReport(t);
    expect(r.nodes).toHaveLength(1);
    expect(r.nodes[0]!.name).not.toBe('unknown');
    expect(r.incidents[0]).toMatchObject({ resources: ['nodefs', 'memory'] });
    expect(r.yearInferred).toBe(false);
  });
  it('a document cut short: the records before the damage are read, the damage is said once', async () => {
    const doc = read('test/fixtures/stores/documented-gcloud.json');
    const t = await analyzeStream(Readable.from([doc.slice(0, doc.lastIndexOf('"timestamp"'))]), { now: NOW });
    expect(t.counters).toMatchObject({ lines: 2, kubeletLines: 1, skipped: 1 });
    expect(t.skipped[0]!.reason).toMatch(/reading stopped: .*the lines before it were analysed/);
  });
});
