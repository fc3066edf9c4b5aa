#!/usr/bin/env node
// The benchmark of issue #5 (`npm run bench`, not part of `npm test`). See docs/performance.md.
//
//   npm run bench [-- --mb 512] [--rounds 5] [--seed 1] [--no-memcheck] [--cpu-prof]
//   npm run profile [-- --mb 512]          (= --rounds 0 --no-memcheck --cpu-prof)
//
// On one synthetic journal (scripts/bench/generate.mjs, cached in bench/out/) it times, in
// alternating order over several rounds, `grep -c ''` (the floor), a bare split2 line count
// (what Node can read), and `klog-eviction -o json` / `-o text` with standard output to
// /dev/null; it prints medians, throughput, peak RSS and the ratios, and writes them to
// bench/out/results-<timestamp>.json and bench/out/latest.json. It never fails on a slow
// result: the numbers are for people, not for assertions.
//
// Peak RSS of a child: GNU time's %M (the child's ru_maxrss from wait4, in KiB) when
// /usr/bin/time is GNU time (`apt-get install -y time`); otherwise VmHWM from
// /proc/<pid>/status, polled every 5 ms (a lower bound: growth in the last 5 ms is missed).

import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureJournal, GENERATOR_VERSION, MiB, OUT_DIR } from './generate.mjs';
import { median, selfTimes, table } from './lib.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/klog-eviction.js');
/** argv for node to run klog-eviction with these arguments (as the installed command runs: `#!/usr/bin/env node`) */
const tool = (...args) => [BIN, ...args];
const SPLIT2 = join(ROOT, 'scripts/bench/split2-count.mjs');

function parseArgs(argv) {
  const o = { mb: 512, rounds: 5, seed: 1, memcheck: true, cpuProf: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = () => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < 0) throw new Error(`${a} needs a number`);
      return v;
    };
    if (a === '--mb') o.mb = num();
    else if (a === '--rounds') o.rounds = Math.floor(num());
    else if (a === '--seed') o.seed = Math.floor(num());
    else if (a === '--no-memcheck') o.memcheck = false;
    else if (a === '--cpu-prof') o.cpuProf = true;
    else if (a === '-h' || a === '--help') {
      process.stdout.write('usage: npm run bench -- [--mb 512] [--rounds 5] [--seed 1] [--no-memcheck] [--cpu-prof]\n');
      process.exit(0);
    } else throw new Error(`unknown option ${a} (see --help)`);
  }
  if (!(o.mb > 0)) throw new Error('--mb must be positive');
  return o;
}

const log = (s = '') => process.stderr.write(s + '\n');

function gnuTime() {
  if (!existsSync('/usr/bin/time')) return false;
  const r = spawnSync('/usr/bin/time', ['--version'], { encoding: 'utf8' });
  return /GNU/.test(`${r.stdout}${r.stderr}`);
}
const HAVE_GNU_TIME = gnuTime();
const RSS_METHOD = HAVE_GNU_TIME
  ? 'GNU time %M (ru_maxrss of the child, from wait4)'
  : '/proc/<pid>/status VmHWM polled every 5 ms (lower bound)';

/**
 * Run one command to completion; stdout goes to `stdoutFile`, to a pipe the runner drains
 * (`pipe: true`), or to /dev/null.
 * @returns {Promise<{ ms: number, rssKiB: number }>}
 */
function measure(cmd, args, { stdoutFile, pipe = false } = {}) {
  return new Promise((resolve, reject) => {
    const out = stdoutFile ? openSync(stdoutFile, 'w') : pipe ? 'pipe' : 'ignore';
    const timeFile = join(OUT_DIR, `.time-${process.pid}`);
    const [c, a] = HAVE_GNU_TIME ? ['/usr/bin/time', ['-f', '%M', '-o', timeFile, cmd, ...args]] : [cmd, args];
    const t0 = process.hrtime.bigint();
    const child = spawn(c, a, { stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout?.resume();
    let hwm = 0;
    let poll;
    if (!HAVE_GNU_TIME) {
      poll = setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) hwm = Math.max(hwm, Number(m[1]));
        } catch {
          /* exited between polls */
        }
      }, 5);
    }
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (poll) clearInterval(poll);
      if (typeof out === 'number') closeSync(out);
      if (code !== 0) return reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}: ${stderr.slice(0, 500)}`));
      const rssKiB = HAVE_GNU_TIME ? Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop()) : hwm;
      resolve({ ms, rssKiB });
    });
  });
}

/** Read a file once so every contender starts from the page cache. */
function warmCache(path) {
  return new Promise((resolve, reject) =>
    createReadStream(path)
      .on('data', () => {})
      .on('end', resolve)
      .on('error', reject),
  );
}

const contenders = (file) => [
  // GNU grep (>= 2.27) stops at the first match when its output is /dev/null, so it
  // writes into a pipe here; its output is one number either way
  { id: 'grep', label: "grep -c ''", cmd: 'grep', args: ['-c', '', file], pipe: true },
  { id: 'split2', label: 'split2 line count', cmd: process.execPath, args: [SPLIT2, file], pipe: true },
  { id: 'json', label: 'klog-eviction -o json', cmd: process.execPath, args: tool('-o', 'json', file) },
  { id: 'text', label: 'klog-eviction -o text', cmd: process.execPath, args: tool('-o', 'text', file) },
];

const fmt = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '-');
const mib = (kib) => kib / 1024;

async function bench(o, file, bytes) {
  const cs = contenders(file);
  const runs = Object.fromEntries(cs.map((c) => [c.id, { label: c.label, ms: [], rssKiB: [] }]));
  for (let r = 0; r < o.rounds; r++) {
    // rotate the order each round, so no contender always runs first (or right after grep)
    const order = cs.map((_, i) => cs[(i + r) % cs.length]);
    for (const c of order) {
      const m = await measure(c.cmd, c.args, { pipe: c.pipe ?? false });
      runs[c.id].ms.push(m.ms);
      runs[c.id].rssKiB.push(m.rssKiB);
      log(`  round ${r + 1}/${o.rounds}  ${c.label.padEnd(22)} ${fmt(m.ms / 1000)} s  ${fmt(mib(m.rssKiB), 1)} MiB`);
    }
  }
  const results = {};
  for (const [id, v] of Object.entries(runs)) {
    const medMs = median(v.ms);
    results[id] = {
      label: v.label,
      ms: v.ms.map((x) => Math.round(x * 10) / 10),
      medianMs: Math.round(medMs * 10) / 10,
      mibPerSec: Math.round((bytes / MiB / (medMs / 1000)) * 10) / 10,
      rssKiB: v.rssKiB,
      medianRssKiB: median(v.rssKiB),
    };
  }
  const ratio = (a, b) => Math.round((results[a].medianMs / results[b].medianMs) * 100) / 100;
  const ratios = {
    'json/split2': ratio('json', 'split2'),
    'text/split2': ratio('text', 'split2'),
    'json/grep': ratio('json', 'grep'),
    'text/grep': ratio('text', 'grep'),
    'split2/grep': ratio('split2', 'grep'),
  };
  return { results, ratios };
}

async function memcheck(o, big, bigRssKiB) {
  // the issue's check is 64 MiB against 512 MiB; quick runs (--mb 64) compare mb/8 with mb
  const smallMb = o.mb > 64 ? 64 : Math.max(1, Math.floor(o.mb / 8));
  const small = ensureJournal({ seed: o.seed, mb: smallMb, log });
  const n = Math.max(3, Math.min(o.rounds, 5));
  const rss = [];
  for (let i = 0; i < n; i++) rss.push((await measure(process.execPath, tool('-o', 'json', small.path))).rssKiB);
  let bigRss = bigRssKiB;
  if (bigRss === undefined) {
    const r = [];
    for (let i = 0; i < n; i++) r.push((await measure(process.execPath, tool('-o', 'json', big.path))).rssKiB);
    bigRss = median(r);
  }
  const smallRss = median(rss);
  return {
    smallMb,
    bigMb: o.mb,
    smallRssKiB: smallRss,
    bigRssKiB: bigRss,
    ratio: Math.round((bigRss / smallRss) * 100) / 100,
    target: 1.15,
  };
}

async function profile(file) {
  const dir = join(OUT_DIR, `prof-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  const m = await measure(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, ...tool('-o', 'json', file)]);
  const name = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!name) throw new Error(`no .cpuprofile in ${dir}`);
  const prof = JSON.parse(readFileSync(join(dir, name), 'utf8'));
  const top = selfTimes(prof).slice(0, 15);
  const where = (t) => {
    if (!t.url) return '';
    const p = t.url.startsWith('file://') ? relative(ROOT, fileURLToPath(t.url)) : t.url;
    return `${p}:${t.line}`;
  };
  return {
    file: relative(ROOT, join(dir, name)),
    wallMs: Math.round(m.ms),
    top: top.map((t) => ({ ...t, where: where(t), selfMs: Math.round(t.selfMs) })),
  };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm run bench does it)');
  mkdirSync(OUT_DIR, { recursive: true });
  const big = ensureJournal({ seed: o.seed, mb: o.mb, log });
  log(`input ${relative(ROOT, big.path)} (${fmt(big.bytes / MiB, 1)} MiB${big.cached ? ', cached' : ''})`);
  await warmCache(big.path);

  // one untimed run first: warms up node and the page cache, checks the tool works on this
  // input, and keeps its report (the counts go into the results)
  const reportFile = join(OUT_DIR, `report-${o.mb}MiB.json`);
  await measure(process.execPath, tool('-o', 'json', big.path), { stdoutFile: reportFile });
  const summary = JSON.parse(readFileSync(reportFile, 'utf8')).summary;

  const record = {
    date: new Date().toISOString(),
    node: process.version,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memGiB: Math.round(totalmem() / 2 ** 30) },
    input: {
      file: relative(ROOT, big.path),
      bytes: big.bytes,
      seed: o.seed,
      mb: o.mb,
      generatorVersion: GENERATOR_VERSION,
      lines: summary?.lines,
    },
    report: summary,
    rounds: o.rounds,
    rssMethod: RSS_METHOD,
    // other work on the machine skews absolute times; side-by-side ratios suffer less
    loadAverage: { before: loadavg().map((x) => Math.round(x * 100) / 100) },
  };

  if (o.rounds > 0) {
    log(`timing ${o.rounds} round(s), order rotated each round; peak RSS by ${RSS_METHOD}`);
    const { results, ratios } = await bench(o, big.path, big.bytes);
    record.results = results;
    record.ratios = ratios;
    const rows = [['', 'median s', 'MiB/s', 'peak RSS MiB', 'runs (s)']];
    for (const r of Object.values(results))
      rows.push([
        r.label,
        fmt(r.medianMs / 1000),
        fmt(r.mibPerSec, 1),
        fmt(mib(r.medianRssKiB), 1),
        r.ms.map((x) => fmt(x / 1000)).join(' '),
      ]);
    console.log(
      `\n${record.input.file}: ${fmt(big.bytes / MiB, 1)} MiB, ${summary?.lines?.toLocaleString('en-US')} lines, ${summary?.events} events, ${summary?.incidents} incidents; node ${process.version}, ${record.machine.cpus} CPUs`,
    );
    console.log(table(rows));
    console.log(
      `ratios (median time): ${Object.entries(ratios)
        .map(([k, v]) => `${k} ${fmt(v)}`)
        .join(', ')}`,
    );
  }
  if (o.memcheck) {
    const mc = await memcheck(o, big, record.results?.json.medianRssKiB);
    record.memcheck = mc;
    console.log(
      `memory: klog-eviction -o json peak RSS ${fmt(mib(mc.smallRssKiB), 1)} MiB on ${mc.smallMb} MiB, ${fmt(mib(mc.bigRssKiB), 1)} MiB on ${mc.bigMb} MiB: ratio ${fmt(mc.ratio)} (target <= ${mc.target}${mc.ratio <= mc.target ? ', met' : ', NOT met'})`,
    );
  }
  if (o.cpuProf) {
    log('profiling klog-eviction -o json with --cpu-prof');
    const p = await profile(big.path);
    record.profile = p;
    console.log(`\ntop self time, ${p.file} (wall ${fmt(p.wallMs / 1000)} s):`);
    console.log(table([['function', 'self ms', '%', 'where'], ...p.top.map((t) => [t.name, t.selfMs, fmt(t.percent, 1), t.where])]));
  }
  record.loadAverage.after = loadavg().map((x) => Math.round(x * 100) / 100);
  const busy = Math.max(record.loadAverage.before[0], record.loadAverage.after[0]);
  if (busy > record.machine.cpus * 0.75)
    log(`note: load average ${fmt(busy)} on ${record.machine.cpus} CPUs during the run; absolute times are skewed, ratios less so`);
  const stamp = record.date.replace(/[:.]/g, '-');
  const json = JSON.stringify(record, null, 2) + '\n';
  writeFileSync(join(OUT_DIR, `results-${stamp}.json`), json);
  writeFileSync(join(OUT_DIR, 'latest.json'), json);
  log(`\nwrote bench/out/results-${stamp}.json and bench/out/latest.json`);
}

main().catch((e) => {
  log(`bench: ${e.message}`);
  process.exitCode = 1;
});
