#!/usr/bin/env node
// npm's `prepare` step: build dist/ when the package is installed from a source tree.
//
// - `npm ci` in a checkout, `npm install -g <git url>` and `npm pack` run it with the
//   devDependencies installed: it builds.
// - `npm install -g .` on an unbuilt clone links the folder and installs only the
//   dependencies, not the devDependencies the build needs (TypeScript, esbuild): then they are
//   installed here first (into the clone's node_modules, saving nothing, running no scripts).

import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const require = createRequire(new URL('../package.json', import.meta.url));

function tsc() {
  try {
    return require.resolve('typescript/bin/tsc');
  } catch {
    return undefined;
  }
}

let bin = tsc();
if (bin === undefined) {
  const npm = process.env.npm_execpath;
  process.stderr.write('klog-eviction: installing the build tools (TypeScript) to build dist/\n');
  const args = ['install', '--no-save', '--ignore-scripts', '--include=dev', '--no-audit', '--no-fund', '--loglevel=error'];
  // not the outer install's settings (`-g`, `--prefix`, `--omit=dev` reach scripts as npm_config_*):
  // this is a local install into the clone; where packages come from is kept
  const KEEP = new Set(['npm_config_registry', 'npm_config_cache', 'npm_config_userconfig', 'npm_config_globalconfig']);
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_/i.test(k) || KEEP.has(k.toLowerCase())));
  const opts = { cwd: ROOT, stdio: 'inherit', env };
  if (npm) execFileSync(process.execPath, [npm, ...args], opts);
  else execFileSync('npm', args, { ...opts, shell: process.platform === 'win32' });
  bin = tsc();
  if (bin === undefined) throw new Error('TypeScript is still missing after npm install; run `npm ci && npm run build` in the clone');
}
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
execFileSync(process.execPath, [bin, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
// (the command's bundle: scripts/bundle.mjs)
execFileSync(process.execPath, ['scripts/bundle.mjs'], { cwd: ROOT, stdio: 'inherit' });
