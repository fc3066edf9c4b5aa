#!/usr/bin/env node
// The installed command. Everything is in dist/ (built by `npm run build`, and by the `prepare`
// step when the package is installed from a clone or a git URL).
import { run } from '../dist/cli/main.js';

await run();
