#!/usr/bin/env node
// The installed command. Everything is in dist/ (built by `npm run build`, and by the `prepare`
// step when the package is installed from a clone or a git URL): dist/bundle/ is dist/cli/main.js
// and what it imports in a few files (scripts/bundle.mjs), which start sooner.
import { run } from '../dist/bundle/main.js';

await run();
