// How long the renderers take on a big timeline: builds a journal of N memory incidents
// (default 10,000; each a reclaim pass, an eviction, a rejection and a clear, 10 minutes apart),
// analyses it once, then times every renderer. Uses the package's public API from the built
// dist/ (npm run build first).
// Usage: node scripts/bench-reports.mjs [N] [outdir]
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { analyzeLines, render } from '../dist/index.js';

const N = Number(process.argv[2] ?? 10_000);
const outDir = process.argv[3];
const t0 = Date.UTC(2024, 0, 1);
const p2 = (n) => String(n).padStart(2, '0');
const lines = [];
const stamp = (ms) => {
  const d = new Date(ms);
  const iso = `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}T${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}+0000`;
  const klog = `${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.000000`;
  return [iso, klog];
};
const line = (ms, lvl, src, msg) => {
  const [iso, klog] = stamp(ms);
  lines.push(`${iso} bench-1 kubelet[2716]: ${lvl}${klog}    2716 ${src}] ${msg}`);
};
lines.push(`${stamp(t0)[0]} bench-1 systemd[1]: Started kubelet: The Kubernetes Node Agent.`);
line(t0 + 100, 'I', 'flags.go:64', 'FLAG: --eviction-hard="memory.available<100Mi"');
for (let i = 0; i < N; i++) {
  const at = t0 + 60_000 + i * 600_000;
  line(at, 'I', 'eviction_manager.go:366', '"Eviction manager: attempting to reclaim" resourceName="memory"');
  line(at + 1, 'I', 'eviction_manager.go:377', '"Eviction manager: must evict pod(s) to reclaim" resourceName="memory"');
  line(
    at + 2,
    'I',
    'eviction_manager.go:395',
    `"Eviction manager: pods ranked for eviction" pods=["default/memhog-${i}","kube-system/kube-proxy-abcde"]`,
  );
  line(at + 2000, 'I', 'eviction_manager.go:623', `"Eviction manager: pod is evicted successfully" pod="default/memhog-${i}"`);
  line(
    at + 20_000,
    'I',
    'eviction_manager.go:167',
    `"Failed to admit pod to node" pod="default/batch-${i}" nodeCondition=["MemoryPressure"]`,
  );
  line(at + 60_000, 'I', 'kubelet_node_status.go:679', '"Recording event message for node" node="bench-1" event="NodeHasSufficientMemory"');
}
const text = `${lines.join('\n')}\n`;
let s = performance.now();
const t = await analyzeLines(lines, { name: 'bench.log', timezone: 'UTC', now: t0 + 10 * 365 * 86_400_000 });
const analyse = performance.now() - s;
console.log(
  `journal: ${lines.length.toLocaleString('en-US')} lines, ${(text.length / 1e6).toFixed(1)} MB; ${t.incidents.length.toLocaleString('en-US')} incidents; analysis ${analyse.toFixed(0)} ms`,
);
if (outDir) {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(`${outDir}/bench.log`, text);
}
for (const name of ['text', 'json', 'markdown', 'html']) {
  s = performance.now();
  const out = render(t, name);
  const ms = performance.now() - s;
  console.log(`${name.padEnd(8)} ${ms.toFixed(0).padStart(6)} ms  ${(out.length / 1e6).toFixed(1)} MB`);
  if (outDir) writeFileSync(`${outDir}/bench.${name === 'markdown' ? 'md' : name}`, out);
}
