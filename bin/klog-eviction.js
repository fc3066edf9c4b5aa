#!/usr/bin/env node
// The installed command. Everything is in dist/ (built by `npm run build`, and by the `prepare`
// step when the package is installed from a clone or a git URL): dist/bundle/ is dist/cli/main.js
// and what it imports in a few files (scripts/bundle.mjs), which start sooner.
import { setFlagsFromString } from 'node:v8';

// The line path's functions are large and branchy: tiered up to Turbofan at V8's default budget,
// they are compiled before their rarer branches ran, then deoptimized there and compiled again.
// Tiering up later compiles them fewer times, with fuller feedback (docs/performance.md,
// "Where the time goes"). Set before the bundle is loaded, so that its functions get it; the
// library (dist/index.js) leaves V8 as its host set it.
setFlagsFromString('--interrupt-budget=150000');
// Memory: V8 grows the young generation's semi-spaces from 1 to 16 MiB as a streaming read
// keeps them busy, and lets the old generation grow to several times what is live between
// full collections; peak RSS then grew with the input (118 MiB for 512 MiB of `short`, 1.67
// times its 64 MiB figure). The young generation kept at its first size and the old one grown
// by a fifth at a time keep it near what is held (83 MiB; more, cheaper scavenges cost a few
// per cent of CPU: docs/performance.md, "Memory"). Only these two of V8's heap flags take
// effect once the heap exists (`--max-semi-space-size` does not).
setFlagsFromString('--semi-space-growth-factor=1');
setFlagsFromString('--heap-growing-percent=20');

const { run } = await import('../dist/bundle/main.js');
await run();
