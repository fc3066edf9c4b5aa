/**
 * A hostname that changes under one kubelet process (`hostNotes`, src/analyze/order-notes.ts).
 * The kubelet keeps the node name it started with; the journal names each entry by the hostname
 * of the moment. An OpenShift bootstrap node's journal (a real one: `localhost.localdomain`, then
 * `api-int.…`, then `api.…`, all kubelet PID 2473) reads as three nodes, the later two without
 * start-up lines: the report says they are most likely one, and never says so of two nodes of a
 * fleet whose kubelets share a PID (their lines interleave), of a new PID, or across a silence.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SILENCE_MS } from '../src/analyze/coverage.js';
import { renderText } from '../src/render/text.js';
import { zone } from '../src/time/zone.js';
import { analyzeString } from './helpers.js';

const T0 = Date.UTC(2025, 4, 12, 4, 54, 37);
const CHATTER = [
  'kubelet_node_status.go:724] "Recording event message for node" node="localhost.localdomain" event="NodeHasSufficientMemory"',
  'reflector.go:561] k8s.io/client-go/informers/factory.go:160: failed to list *v1.Node: Get "https://api-int:6443/api/v1/nodes": dial tcp: connect: connection refused',
  'kubelet_node_status.go:75] "Attempting to register node" node="localhost.localdomain"',
];

const two = (n: number) => String(n).padStart(2, '0');
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** One kubelet line at `at` in journalctl's `short` (or `short-iso`) format. */
function line(at: number, host: string, pid: number, k: number, iso: boolean): string {
  const d = new Date(at);
  const clock = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
  const stamp = iso ? `${d.toISOString().slice(0, 19)}+00:00` : `${MON[d.getUTCMonth()]} ${two(d.getUTCDate())} ${clock}`;
  const us = String((at % 1000) * 1000).padStart(6, '0');
  return `${stamp} ${host} kubelet[${pid}]: I${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())} ${clock}.${us}    ${pid} ${CHATTER[k % CHATTER.length]}`;
}

interface Piece {
  host: string;
  pid: number;
  lines: number;
  /** ms after the piece before */
  gap: number;
}

/** The journal of `pieces`, one after another, each line 2 s after the one before. */
function journal(pieces: readonly Piece[], iso = false): { text: string; firstLines: number[] } {
  const out: string[] = [];
  const firstLines: number[] = [];
  let at = T0;
  for (const p of pieces) {
    at += p.gap;
    firstLines.push(out.length + 1);
    for (let k = 0; k < p.lines; k++, at += 2000) out.push(line(at, p.host, p.pid, out.length, iso));
    at -= 2000;
  }
  return { text: out.join('\n') + '\n', firstLines };
}

const renames = (text: string) => analyzeString(text, { year: 2025 }).notes.filter((n) => n.kind === 'host-renamed');

describe('a hostname that changes under one kubelet process', () => {
  it('is said once per change, citing the first line under the new name, with the name the kubelet started with', () => {
    for (const iso of [false, true]) {
      const { text, firstLines } = journal(
        [
          { host: 'localhost.localdomain', pid: 2473, lines: 40, gap: 0 },
          { host: 'api-int.ite-ocp.ite.local', pid: 2473, lines: 30, gap: 1000 },
          { host: 'api.ite-ocp.ite.local', pid: 2473, lines: 30, gap: 4000 },
        ],
        iso,
      );
      const t = analyzeString(text, { year: 2025 });
      const notes = t.notes.filter((n) => n.kind === 'host-renamed');
      expect(notes.map((n) => n.node)).toEqual(['api-int.ite-ocp.ite.local', 'api.ite-ocp.ite.local']);
      expect(notes.map((n) => n.evidence?.[0]?.line)).toEqual([firstLines[1], firstLines[2]]);
      for (const n of notes) expect(n.text).toContain('start-up lines (flags, thresholds) are under localhost.localdomain');
      expect(notes[0]!.text).toContain('from localhost.localdomain to api-int.ite-ocp.ite.local');
      expect(notes[1]!.text).toContain('(the same kubelet PID 2473 went on 4s later)');
      // the renamed nodes' thresholds point to the notes; the first name's (this journal has no
      // start-up lines at all) says the journal does not state them
      const shown = renderText(t, { zone: zone('UTC'), color: false });
      expect(shown.match(/not stated under this name/g)).toHaveLength(2);
      expect(shown.match(/not stated in this journal/g)).toHaveLength(1);
    }
  });

  it('is not said of a new PID, of a change after a silence, of two boots, or of two nodes whose lines interleave', () => {
    const a = { host: 'node-a', pid: 1234, lines: 20, gap: 0 };
    expect(renames(journal([a, { host: 'node-b', pid: 1235, lines: 20, gap: 2000 }]).text)).toEqual([]);
    expect(renames(journal([a, { host: 'node-b', pid: 1234, lines: 20, gap: SILENCE_MS + 2000 }]).text)).toEqual([]);
    // a fleet's export: two nodes whose kubelets share a PID (cloned images boot alike), in time order
    const fleet = journal([a, { host: 'node-b', pid: 1234, lines: 20, gap: 2000 }, { ...a, gap: 2000 }]).text;
    expect(renames(fleet)).toEqual([]);
    // journalctl -m of two machines whose kubelets share a PID: a `-- Boot <id> --` before each one's entries
    const booted = journal([a, { host: 'node-b', pid: 1234, lines: 20, gap: 2000 }]).text.split('\n');
    booted.splice(20, 0, '-- Boot 0b5e6a1b2c3d4e5f60718293a4b5c6d7 --');
    booted.unshift('-- Boot 9f8e7d6c5b4a39281706f5e4d3c2b1a0 --');
    expect(renames(booted.join('\n'))).toEqual([]);
    // the same boot marked before both hostnames (one machine renamed) is still a rename
    const same = journal([a, { host: 'node-b', pid: 1234, lines: 20, gap: 2000 }]).text.split('\n');
    same.splice(20, 0, '-- Boot 9f8e7d6c5b4a39281706f5e4d3c2b1a0 --');
    same.unshift('-- Boot 9f8e7d6c5b4a39281706f5e4d3c2b1a0 --');
    expect(renames(same.join('\n')).map((n) => n.node)).toEqual(['node-b']);
  });

  it('holds over random sequences of hosts, PIDs and gaps', () => {
    const hosts = ['localhost', 'node-a', 'node-b', 'node-c'];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            host: fc.constantFrom(...hosts),
            pid: fc.constantFrom(100, 200),
            lines: fc.integer({ min: 1, max: 6 }),
            gap: fc.constantFrom(2000, 60_000, SILENCE_MS - 10_000, SILENCE_MS + 60_000),
          }),
          { minLength: 1, maxLength: 7 },
        ),
        fc.boolean(),
        (pieces, iso) => {
          // pieces of one host in a row are one piece
          const merged: Piece[] = [];
          for (const p of pieces) {
            const last = merged.at(-1);
            if (last && last.host === p.host && last.pid === p.pid && p.gap === 2000) last.lines += p.lines;
            else merged.push({ ...p });
          }
          const { text, firstLines } = journal(merged, iso);
          // what the note promises, from the pieces themselves: a node's first piece follows, within
          // SILENCE_MS, the piece before it, with its PID, and no node of the pieces before it comes back
          const expected: Array<{ node: string; line: number }> = [];
          merged.forEach((p, i) => {
            if (i === 0 || merged.findIndex((q) => q.host === p.host) !== i) return;
            const prev = merged[i - 1]!;
            if (prev.host === p.host || prev.pid !== p.pid || p.gap > SILENCE_MS) return;
            const before = new Set(merged.slice(0, i).map((q) => q.host));
            if (merged.slice(i + 1).some((q) => q.host !== p.host && before.has(q.host))) return;
            expected.push({ node: p.host, line: firstLines[i]! });
          });
          const got = renames(text).map((n) => ({ node: n.node!, line: n.evidence![0]!.line }));
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
