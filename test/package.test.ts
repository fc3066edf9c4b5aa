/**
 * The package installs the ways people install it, and the installed command and library work
 * from anywhere: the packed tarball (`npm pack`, then `npm install -g` of it, and a project's
 * `npm install` of it), and an unbuilt copy of the source tree (`npm install -g .`, which builds
 * dist/ in its `prepare` step). Everything goes into scratch folders; nothing global is touched.
 * (`npm test` has built dist/ before the tests run: the tarball holds this tree's build.)
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const SEED = ['--year', '2017', '--timezone', 'Asia/Shanghai'];
/** npm as a user runs it: none of the settings of an `npm test` around this test (npm_config_*). */
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^npm_config_/i.test(k) || /^npm_config_(?:cache|registry|userconfig)$/i.test(k)),
);
function run(cmd: string, args: string[], opts: SpawnSyncOptions = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env, timeout: 240_000, ...opts });
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}
const npm = (args: string[], cwd: string) => run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd });

/** The installed command, run from a folder that is not the package's, on the seed sample. */
function seedStory(bin: string, sample: string) {
  const r = run(bin, [...SEED, sample], { cwd: tmpdir() });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('== node ubuntu-k8s-3 ==');
  expect(r.stdout).toContain('nodefs.available 10% → 5%');
}

describe('the package, installed', () => {
  it('from the packed tarball: the command (npm install -g) and the library (a project that depends on it)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'klog-pkg-'));
    const packed = npm(['pack', '--ignore-scripts', '--pack-destination', dir], ROOT);
    expect(packed.status, packed.stderr).toBe(0);
    const tarball = join(
      dir,
      readdirSync(dir).find((f) => f.endsWith('.tgz'))!,
    );
    const g = npm(['install', '-g', '--prefix', join(dir, 'global'), tarball], dir);
    expect(g.status, g.stderr).toBe(0);
    const pkg = join(dir, 'global/lib/node_modules/klog-eviction');
    // what ships, and what does not
    expect(existsSync(join(pkg, 'LICENSE'))).toBe(true);
    expect(existsSync(join(pkg, 'schema/report.schema.json'))).toBe(true);
    expect(existsSync(join(pkg, 'src'))).toBe(false);
    expect(readdirSync(join(pkg, 'dist')).some((f) => f.endsWith('.map'))).toBe(false);
    seedStory(join(dir, 'global/bin/klog-eviction'), join(pkg, 'samples/seed-ubuntu-k8s-3.log'));

    const project = join(dir, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{"name":"uses-klog-eviction","private":true,"type":"module"}\n');
    expect(npm(['install', tarball], project).status).toBe(0);
    writeFileSync(
      join(project, 'use.js'),
      [
        "import { analyzeLines, render, toReport } from 'klog-eviction';",
        "import schema from 'klog-eviction/schema/report.schema.json' with { type: 'json' };",
        'const t = await analyzeLines([',
        "  'Oct 16 09:50:55 node3 kubelet[17144]: W1016 09:50:55.056703   17144 eviction_manager.go:331] eviction manager: attempting to reclaim nodefs',",
        '], { year: 2017 });',
        "console.log(toReport(t).incidents[0].resources.join(), render(t, 'text').includes('== node node3 =='), schema.title);",
      ].join('\n'),
    );
    const used = run('node', ['use.js'], { cwd: project });
    expect(used.stderr).toBe('');
    expect(used.stdout.trim()).toBe('nodefs true klog-eviction --output json report');
    // internals are not reachable through the package
    const deep = run(
      'node',
      ['-e', "import('klog-eviction/dist/analyze/analyzer.js').then(() => console.log('reached'), (e) => console.log(e.code))"],
      {
        cwd: project,
      },
    );
    expect(deep.stdout.trim()).toBe('ERR_PACKAGE_PATH_NOT_EXPORTED');
  }, 300_000);

  it('from an unbuilt copy of the source tree: npm install -g . builds dist/ itself', () => {
    const dir = mkdtempSync(join(tmpdir(), 'klog-clone-'));
    const clone = join(dir, 'klog-eviction');
    const files = run('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT }).stdout.split('\n').filter(Boolean);
    expect(files).toContain('package.json');
    for (const f of files) if (existsSync(join(ROOT, f))) cpSync(join(ROOT, f), join(clone, f));
    expect(existsSync(join(clone, 'dist'))).toBe(false);
    expect(existsSync(join(clone, 'node_modules'))).toBe(false);
    const g = npm(['install', '-g', '--prefix', join(dir, 'global'), '.'], clone);
    expect(g.status, g.stderr).toBe(0);
    seedStory(join(dir, 'global/bin/klog-eviction'), join(clone, 'samples/seed-ubuntu-k8s-3.log'));
  }, 300_000);
});
