/**
 * The fleet summary at the top of the text report when it covers more than
 * one node: which nodes were under pressure, incidents by resource, pods
 * evicted and admissions rejected per node — the first question in a
 * many-node incident is "where?", before the per-node timelines.
 */
import type { Timeline } from '../timeline/model.js';
import { num } from './format.js';
import { safeText } from './sanitize.js';

const MAX_NAMES = 10;

function names(xs: readonly string[]): string {
  const shown = xs.slice(0, MAX_NAMES).map(safeText).join(', ');
  return xs.length > MAX_NAMES ? `${shown}, +${num(xs.length - MAX_NAMES)} more` : shown;
}

function perNode(counts: Map<string, number>): string {
  const parts = [...counts.entries()].filter(([, c]) => c > 0).sort((a, b) => b[1] - a[1]);
  const shown = parts.slice(0, MAX_NAMES).map(([n, c]) => `${safeText(n)} ${num(c)}`);
  return `${shown.join(', ')}${parts.length > MAX_NAMES ? `, +${num(parts.length - MAX_NAMES)} more` : ''}`;
}

/** The summary lines (none for a single node). */
export function fleetSummary(t: Timeline): string[] {
  if (t.nodes.length <= 1) return [];
  const pressured = t.nodes.map((n) => n.name).filter((name) => t.incidents.some((i) => i.node === name));
  const byResource = new Map<string, number>();
  const evicted = new Map<string, number>();
  const rejected = new Map<string, number>();
  for (const i of t.incidents) {
    for (const r of i.resources.length > 0 ? i.resources : i.conditions) byResource.set(r, (byResource.get(r) ?? 0) + 1);
    evicted.set(i.node, (evicted.get(i.node) ?? 0) + i.evictedPods.length);
    rejected.set(i.node, (rejected.get(i.node) ?? 0) + i.rejectedPods.reduce((a, r) => a + r.count, 0));
  }
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const out = [
    `Fleet: ${num(t.nodes.length)} nodes, ${num(pressured.length)} under pressure${pressured.length ? `: ${names(pressured)}` : ''}`,
  ];
  if (byResource.size > 0) {
    out.push(
      `  incidents by resource: ${[...byResource.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([r, c]) => `${safeText(r)} ${num(c)}`)
        .join(', ')}`,
    );
  }
  out.push(`  pods evicted: ${num(total(evicted))}${total(evicted) ? ` (${perNode(evicted)})` : ''}`);
  if (total(rejected) > 0) out.push(`  admissions rejected: ${num(total(rejected))} (${perNode(rejected)})`);
  return out;
}
