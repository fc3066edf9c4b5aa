#!/bin/sh
':' //; exec node --max-semi-space-size=2 "$0" "$@"
// (A file both sh and node read: sh runs the line above, which starts node on this file with
// its options — `env -S` in a #! line is missing from busybox, so Alpine could not run it —
// and node reads that line as a string and a comment.)
//
// The option: a young generation of 2 MiB semi-spaces instead of V8's 16. The analyzer's
// garbage is short-lived (per line, per event); V8's default let a 512 MiB journal's run grow
// ~30 MiB of RSS for no gain in time (docs/performance.md). `node bin/klog-eviction.js` runs
// without it; the installed `klog-eviction` command with it.
import { run } from '../dist/cli/main.js';

await run();
