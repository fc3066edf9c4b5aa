#!/usr/bin/env node
// The package a user installs, checked (part of `npm run lint`): `npm pack` of the built tree
// (dist/ must be current: `npm test` builds first), then publint and arethetypeswrong on the
// tarball itself, so what is checked is exactly what ships.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const bin = (name) => join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const dir = mkdtempSync(join(tmpdir(), 'klog-eviction-pack-'));
try {
  // --ignore-scripts: no second build (prepare); the caller built dist/
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' });
  const tarball = join(dir, JSON.parse(out)[0].filename);
  execFileSync(bin('publint'), ['run', tarball, '--strict'], { cwd: ROOT, stdio: 'inherit' });
  // ESM only ("type": "module", no require entry): attw's esm-only profile
  execFileSync(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'table-flipped', '--no-emoji'], { cwd: ROOT, stdio: 'inherit' });
} catch (e) {
  process.stderr.write(`lint-package: ${e.message.split('\n')[0]}\n`);
  process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
