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

const { run } = await import('../dist/bundle/main.js');
await run();
