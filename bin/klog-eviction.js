#!/usr/bin/env node
// The installed command. Everything is in dist/ (built by `npm run build`, and by the `prepare`
// step when the package is installed from a clone or a git URL): dist/bundle/ is dist/cli/main.js
// and what it imports in a few files (scripts/bundle.mjs), which start sooner.
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

// The line path's functions are large and branchy: tiered up to Turbofan at V8's default budget,
// they are compiled before their rarer branches ran, then deoptimized there and compiled again.
// Tiering up later compiles them fewer times, with fuller feedback (docs/performance.md,
// "Where the time goes"). Set before the bundle is loaded, so that its functions get it; the
// library (dist/index.js) leaves V8 as its host set it.
setFlagsFromString('--interrupt-budget=150000');
// Memory: V8 grows the young generation's semi-spaces from 1 to 16 MiB as a streaming read keeps
// them busy, and lets the old generation grow to several times what is live between full
// collections; peak RSS then grew with the input (118 MiB for 512 MiB of `short`, 1.65 times its
// 64 MiB figure). The old generation grows by a fifth at a time here, and the young one stops
// growing at 4 MiB: once a scavenge finds it there, its growth factor is set to 1 (the one way
// to bound it once the heap exists: `--max-semi-space-size` set now changes nothing). At 1 MiB
// the scavenges cost a journal of events a sixth more CPU; at 4 MiB, 1.00-1.04 times the CPU of
// Node's defaults (docs/performance.md, "Measured", Memory).
setFlagsFromString('--heap-growing-percent=20');
const YOUNG_MAX = 4 << 20;
const young = new PerformanceObserver(() => {
  // (a V8 without that space name: nothing to bound, and nothing to watch for)
  const size = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size;
  if (size !== undefined && size < YOUNG_MAX) return;
  if (size !== undefined) setFlagsFromString('--semi-space-growth-factor=1');
  young.disconnect();
});
young.observe({ entryTypes: ['gc'] });

const { run } = await import('../dist/bundle/main.js');
await run();
