#!/usr/bin/env node
// The command's code in a few files: dist/cli/main.js (what tsc built) and everything it imports,
// the dependencies too, bundled by esbuild into dist/bundle/ (the renderers and `merge`, which
// main imports when asked for, stay chunks of their own). Node then loads a handful of files at
// start-up instead of some eighty modules (resolving, reading and linking each): the command
// starts about 50 ms sooner (docs/performance.md, "Where the time goes"). The library
// (dist/index.js) is tsc's output as it is. Run by `npm run build` and the `prepare` step.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

await build({
  absWorkingDir: ROOT,
  entryPoints: ['dist/cli/main.js'],
  // (two levels below the package root, as dist/cli/ is: main reads ../../package.json for --version)
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // (the CommonJS dependencies bundled into ES modules call require() for Node's own modules)
  banner: { js: "import { createRequire as __klogRequire } from 'node:module'; const require = __klogRequire(import.meta.url);" },
  logLevel: 'warning',
});
