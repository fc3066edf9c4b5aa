/**
 * Chunk boundaries (csv-parse's discipline): the same bytes split at every
 * offset, including inside a multi-byte month (`10月`) and between CR and LF,
 * give the same report as one chunk.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Analysis } from '../src/analyze/pipeline.js';
import { feed } from '../src/stream.js';
import { renderJson } from '../src/render/json.js';
import { zone } from '../src/time/zone.js';
import { NOW, read } from './helpers.js';

const TEXT = [
  '-- Logs begin at 六 2017-10-07 08:12:03 CST, end at 一 2017-10-16 17:10:00 CST. --',
  '10月 16 09:50:55 ubuntu-k8s-3 kubelet[17144]: W1016 09:50:55.056703   17144 eviction_manager.go:331] eviction manager: attempting to reclaim nodefs',
  '10月 16 09:50:55 ubuntu-k8s-3 kubelet[17144]: E1016 09:50:55.058307   17144 eviction_manager.go:356] eviction manager: eviction thresholds have been met, but no pods are active to evict',
  '10月 16 09:54:09 ubuntu-k8s-3 systemd[1]: Started kubelet: The Kubernetes Node Agent.',
  '10月 16 09:54:14 ubuntu-k8s-3 kubelet[12844]: W1016 09:54:14.823152   12844 eviction_manager.go:142] Failed to admit pod weave-net-3svfg_kube-system(e5a5d474-b214-11e7-a98b-0650cc001a5b) - node has conditions: [DiskPressure]',
  'juin 10 17:39:22 worker1 kubelet[1980]: I0610 17:39:22.801470    1980 server.go:487] "Kubelet version" kubeletVersion="v1.29.2"',
].join('\r\n');
const BYTES = Buffer.from(`${TEXT}\n`, 'utf8');

async function report(chunks: Buffer[]): Promise<string> {
  const an = new Analysis({ zone: zone('Asia/Shanghai'), year: 2017, now: NOW });
  await feed(Readable.from(chunks, { objectMode: false }), an.input('-'));
  return renderJson(an.finish(), { timezone: 'Asia/Shanghai' });
}

describe('re-chunking never changes the result', () => {
  it('split at every byte offset', async () => {
    const whole = await report([BYTES]);
    expect(JSON.parse(whole).summary).toMatchObject({ lines: 6, incidents: 1 });
    for (let i = 1; i < BYTES.length; i++) {
      const got = await report([BYTES.subarray(0, i), BYTES.subarray(i)]);
      if (got !== whole) expect.fail(`split at byte ${i} changed the report`);
    }
  });
  it('one byte at a time', async () => {
    const chunks = [...BYTES].map((b) => Buffer.from([b]));
    expect(await report(chunks)).toBe(await report([BYTES]));
  });
  it('a final line without a newline is still read', async () => {
    const r = JSON.parse(await report([Buffer.from(TEXT, 'utf8')]));
    expect(r.summary.lines).toBe(6);
  });
});

describe('a reader that reuses its buffers', () => {
  it('gets nothing wrong: the analyzer keeps no bytes of a chunk it has given back', async () => {
    // Fast-path lines, and a pasted stretch of them again further on, then the seed's first event
    // lines again: each node's newest line and the held entries (with which the repeats are
    // found) must outlive the chunk they were read from.
    const seed = read('samples/seed-ubuntu-k8s-3.log').split('\n').slice(0, 100);
    const chatter = Array.from(
      { length: 600 },
      (_, i) =>
        `Oct 16 09:5${Math.floor(i / 60) % 10}:${String(i % 60).padStart(2, '0')} ubuntu-k8s-3 kubelet[17144]: ` +
        `I1016 09:5${Math.floor(i / 60) % 10}:${String(i % 60).padStart(2, '0')}.${String(100000 + i)}   17144 kubelet.go:1918] SyncLoop (PLEG): "web-${i}_ns(7e1d)", event: ContainerStarted`,
    );
    const lines = [...seed, ...chatter.slice(0, 300), ...chatter.slice(260, 300), ...seed.slice(0, 12), ...chatter.slice(300)];
    const bytes = Buffer.from(lines.join('\n') + '\n', 'utf8');
    const fresh = await report([bytes]);
    // the repeated entries are the seed's first 12 lines' events (chatter lines are no events)
    const again = JSON.parse(await report([Buffer.from(seed.slice(0, 12).join('\n') + '\n')])).summary.events;
    expect(again).toBeGreaterThan(5);
    expect(JSON.parse(fresh).summary.duplicates).toBe(again);

    const buf = Buffer.alloc(4096);
    let given = 0;
    async function* reused() {
      for (let p = 0; p < bytes.length; p += buf.length) {
        const n = bytes.copy(buf, 0, p, p + buf.length);
        yield n === buf.length ? buf : buf.subarray(0, n);
      }
    }
    const an = new Analysis({ zone: zone('Asia/Shanghai'), year: 2017, now: NOW });
    const recycle = (chunk: Buffer) => {
      given++;
      chunk.fill(0x41); // scribble: whatever still points into it reads "AAAA…"
    };
    await feed(Readable.from(reused(), { objectMode: false }), an.input('-'), { recycle });
    expect(given).toBeGreaterThan(10);
    expect(renderJson(an.finish(), { timezone: 'Asia/Shanghai' })).toBe(fresh);
  });
});
