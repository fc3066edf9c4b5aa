#!/usr/bin/env node
// The benchmark of issue #15 (`npm run bench`, not part of `npm test`). See docs/performance.md.
//
//   npm run bench [-- --mb 128] [--rounds 3] [--seed 1] [--shapes short,json,...] [--from file,pipe]
//                    [--memcheck 64,512 | --no-memcheck] [--cpu-prof] [--bin other/bin/klog-eviction.js ...]
//   npm run profile [-- --shapes short,json]          (= --rounds 0 --no-memcheck --cpu-prof)
//
// For every input shape of scripts/bench/shapes.mjs (journalctl's formats rendered by the real
// journalctl, a bare kubelet.log, a syslog file, and any log-store export added there), from a
// file (`klog-eviction FILE`) and from a pipe (`cat FILE | klog-eviction`), it times
// `klog-eviction -o json` side by side with a bare split2 line count of the same input from
// the same source, in pairs whose order alternates every round. Per shape and source it prints
// wall time and CPU time (user + sys) of each, their ratios (the median of the rounds' pair
// ratios: the two runs of a pair meet the same load) and klog-eviction's peak RSS; then the
// memory check (peak RSS of each shape at two sizes: flat in input size) and, with
// --cpu-prof, the functions with the most self time per shape. `--bin` (repeatable) measures
// other builds' bin/klog-eviction.js in the same rounds instead (before and after in one run). Everything goes to
// bench/out/results-<timestamp>.json and bench/out/latest.json. It never fails on a slow
// result: the numbers are for people, not for assertions.
//
// CPU time and peak RSS come from GNU time (`/usr/bin/time -f '%e %U %S %M'`: the rusage of
// exactly the measured process, from wait4; user and sys to 10 ms) wrapped around the measured
// process only (`cat FILE | /usr/bin/time … node …` in a shell, so cat's CPU is not counted);
// wall time from the runner's clock around the whole command. GNU time is required
// (`apt-get install -y time`): without it there is no CPU time of a child to read.

import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATOR_VERSION, MiB } from './generate.mjs';
import { median, parseTime, selfTimes, shellQuote, table, TARGETS } from './lib.mjs';
import { ensureShape, OUT_DIR, SHAPES } from './shapes.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/klog-eviction.js');
const SPLIT2 = join(ROOT, 'scripts/bench/split2-count.mjs');
const TIME = '/usr/bin/time';

function parseArgs(argv) {
  const o = {
    mb: 128,
    rounds: 3,
    seed: 1,
    shapes: SHAPES.filter((s) => !s.extra).map((s) => s.id),
    from: ['file', 'pipe'],
    memcheck: [64, 512],
    cpuProf: false,
    bins: [],
    journal: undefined,
  };
  let shapesNamed = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const num = () => {
      const v = Number(val());
      if (!Number.isFinite(v) || v < 0) throw new Error(`${a} needs a number`);
      return v;
    };
    const list = () => val().split(',').filter(Boolean);
    if (a === '--mb') o.mb = num();
    else if (a === '--rounds') o.rounds = Math.floor(num());
    else if (a === '--seed') o.seed = Math.floor(num());
    else if (a === '--shapes') {
      o.shapes = list();
      shapesNamed = true;
    } else if (a === '--journal') o.journal = resolve(val());
    else if (a === '--from') o.from = list();
    else if (a === '--memcheck') o.memcheck = list().map(Number);
    else if (a === '--no-memcheck') o.memcheck = [];
    else if (a === '--cpu-prof') o.cpuProf = true;
    else if (a === '--bin') o.bins.push(resolve(val()));
    else if (a === '-h' || a === '--help') {
      process.stdout.write(
        'usage: npm run bench -- [--mb 128] [--rounds 3] [--seed 1] [--shapes a,b] [--from file,pipe] [--memcheck 64,512 | --no-memcheck] [--cpu-prof] [--journal node.export]\n' +
          "  --journal FILE: a journal of your own (journalctl -o export [-u kubelet] > FILE), repeated to --mb and rendered in journalctl's formats, in place of the model's\n" +
          `shapes: ${SHAPES.map((s) => s.id).join(', ')}\n`,
      );
      process.exit(0);
    } else throw new Error(`unknown option ${a} (see --help)`);
  }
  if (!(o.mb > 0)) throw new Error('--mb must be positive');
  if (o.journal !== undefined) {
    if (!existsSync(o.journal)) throw new Error(`${o.journal}: no such file`);
    // a journal of your own is rendered by journalctl: its formats only
    if (!shapesNamed) o.shapes = SHAPES.filter((s) => s.journalctl && !s.extra && s.hosts === 1).map((s) => s.id);
    const written = o.shapes.filter((id) => !SHAPES.find((s) => s.id === id)?.journalctl);
    if (written.length) throw new Error(`--journal renders journalctl's formats only, not ${written.join(', ')}`);
  }
  if (o.bins.length === 0) o.bins = [BIN];
  for (const b of o.bins) if (!existsSync(b)) throw new Error(`${b}: no such file`);
  const unknown = o.shapes.filter((id) => !SHAPES.some((s) => s.id === id));
  if (unknown.length) throw new Error(`unknown shape ${unknown.join(', ')} (shapes: ${SHAPES.map((s) => s.id).join(', ')})`);
  const bad = o.from.filter((f) => f !== 'file' && f !== 'pipe');
  if (bad.length) throw new Error(`--from takes file and pipe, not ${bad.join(', ')}`);
  if (o.memcheck.length !== 0 && (o.memcheck.length !== 2 || !o.memcheck.every((m) => m > 0)))
    throw new Error('--memcheck takes two sizes in MiB (64,512)');
  return o;
}

const log = (s = '') => process.stderr.write(s + '\n');

function haveGnuTime() {
  if (!existsSync(TIME)) return false;
  const r = spawnSync(TIME, ['--version'], { encoding: 'utf8' });
  return /GNU/.test(`${r.stdout}${r.stderr}`);
}

/**
 * Run `argv` (node and its arguments) under GNU time, its standard input the file itself
 * (`file`) or a pipe from `cat` (`pipe`), its standard output to `stdoutFile` or /dev/null.
 * @returns {Promise<{ wallMs: number, cpuMs: number, userMs: number, sysMs: number, rssKiB: number }>}
 */
function measure(argv, { file, from, stdoutFile }) {
  const timeFile = join(OUT_DIR, `.time-${process.pid}`);
  const timed = `${TIME} -f '%e %U %S %M' -o ${shellQuote(timeFile)} ${argv.map(shellQuote).join(' ')}`;
  const sink = stdoutFile ? shellQuote(stdoutFile) : '/dev/null';
  const cmd = from === 'pipe' ? `cat ${shellQuote(file)} | ${timed} > ${sink}` : `${timed} ${shellQuote(file)} > ${sink}`;
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn('sh', ['-c', cmd], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) return reject(new Error(`${cmd} exited with ${code}: ${stderr.slice(0, 500)}`));
      const t = parseTime(readFileSync(timeFile, 'utf8'));
      resolve({ wallMs, cpuMs: t.userMs + t.sysMs, userMs: t.userMs, sysMs: t.sysMs, rssKiB: t.rssKiB });
    });
  });
}

/** Read a file once so that every run starts from the page cache. */
function warmCache(path) {
  return new Promise((resolve, reject) =>
    createReadStream(path)
      .on('data', () => {})
      .on('end', resolve)
      .on('error', reject),
  );
}

const TOOL = (bin = BIN) => [process.execPath, bin, '-o', 'json'];
const SPLIT = () => [process.execPath, SPLIT2];
const fmt = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '-');
const mib = (kib) => kib / 1024;
const round1 = (x) => Math.round(x * 10) / 10;
const round2 = (x) => Math.round(x * 100) / 100;

/** A build's name in the tables: `this tree`, or the directory of another build's bin/ (--bin). */
const toolName = (bin) => (bin === BIN ? 'this tree' : dirname(dirname(bin)));

async function bench(o, inputs) {
  const runs = {};
  for (const { shape } of inputs)
    for (const from of o.from)
      runs[`${shape.id}/${from}`] = {
        shape: shape.id,
        from,
        split2: [],
        tools: o.bins.map(() => ({ runs: [], wallRatio: [], cpuRatio: [] })),
      };
  for (let r = 0; r < o.rounds; r++) {
    for (const { shape, path } of inputs) {
      for (const from of o.from) {
        const k = `${shape.id}/${from}`;
        // split2 and the tools, in an order that turns every round, so that none always runs first
        const who = ['split2', ...o.bins.map((_, i) => i)];
        const turn = (r + o.from.indexOf(from)) % who.length;
        const order = [...who.slice(turn), ...who.slice(0, turn)];
        const m = {};
        for (const w of order) m[w] = await measure(w === 'split2' ? SPLIT() : TOOL(o.bins[w]), { file: path, from });
        runs[k].split2.push(m.split2);
        o.bins.forEach((_, i) => {
          const t = runs[k].tools[i];
          t.runs.push(m[i]);
          t.wallRatio.push(m[i].wallMs / m.split2.wallMs);
          t.cpuRatio.push(m[i].cpuMs / m.split2.cpuMs);
        });
        log(
          `  round ${r + 1}/${o.rounds}  ${k.padEnd(24)} split2 ${fmt(m.split2.wallMs / 1000)} s (cpu ${fmt(m.split2.cpuMs / 1000)})` +
            o.bins
              .map(
                (bin, i) =>
                  `  ${toolName(bin)} ${fmt(m[i].wallMs / 1000)} s (cpu ${fmt(m[i].cpuMs / 1000)}, ${fmt(mib(m[i].rssKiB), 1)} MiB)`,
              )
              .join(''),
        );
      }
    }
  }
  const results = [];
  const med = (xs, f) => median(xs.map(f));
  const summary = (xs) => ({
    wallMs: round1(med(xs, (x) => x.wallMs)),
    cpuMs: round1(med(xs, (x) => x.cpuMs)),
    rssKiB: med(xs, (x) => x.rssKiB),
  });
  for (const v of Object.values(runs)) {
    o.bins.forEach((bin, i) => {
      const t = v.tools[i];
      results.push({
        shape: v.shape,
        from: v.from,
        tool: toolName(bin),
        split2: summary(v.split2),
        klog: summary(t.runs),
        wallRatio: round2(median(t.wallRatio)),
        cpuRatio: round2(median(t.cpuRatio)),
        runs: { split2: v.split2, klog: t.runs },
      });
    });
  }
  return results;
}

/** Peak RSS of each shape at two sizes, from a file (the median of up to three runs each, as many as --rounds), per build. */
async function memcheck(o, log) {
  const [smallMb, bigMb] = o.memcheck;
  const out = [];
  for (const id of o.shapes) {
    const shape = SHAPES.find((s) => s.id === id);
    const paths = {};
    for (const mb of [smallMb, bigMb]) paths[mb] = (await ensureShape(shape, { seed: o.seed, mb, log, journal: o.journal })).path;
    for (const bin of o.bins) {
      const rss = {};
      for (const mb of [smallMb, bigMb]) {
        await warmCache(paths[mb]);
        const r = [];
        for (let i = 0; i < Math.min(3, Math.max(1, o.rounds)); i++)
          r.push((await measure(TOOL(bin), { file: paths[mb], from: 'file' })).rssKiB);
        rss[mb] = median(r);
      }
      const ratio = round2(rss[bigMb] / rss[smallMb]);
      out.push({ shape: id, tool: toolName(bin), smallMb, bigMb, smallRssKiB: rss[smallMb], bigRssKiB: rss[bigMb], ratio });
      log(
        `  memory ${id} ${toolName(bin)}: ${fmt(mib(rss[smallMb]), 1)} MiB on ${smallMb} MiB, ${fmt(mib(rss[bigMb]), 1)} MiB on ${bigMb} MiB (ratio ${fmt(ratio)})`,
      );
    }
  }
  return out;
}

/** Self time per function of `klog-eviction -o json FILE` under --cpu-prof, per thread. */
async function profile(shape, path, bin) {
  const dir = join(OUT_DIR, `prof-${shape.id}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  const m = await measure([process.execPath, '--cpu-prof', '--cpu-prof-dir', dir, bin, '-o', 'json'], { file: path, from: 'file' });
  const where = (t) => {
    if (!t.url) return '';
    const p = t.url.startsWith('file://') ? relative(ROOT, fileURLToPath(t.url)) : t.url;
    return `${p}:${t.line}`;
  };
  // CPU.<date>.<time>.<pid>.<thread id>.<n>.cpuprofile: thread 0 is the main thread
  const threads = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort()
    .map((f) => {
      const prof = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      const all = selfTimes(prof);
      const sampledMs = all.reduce((s, t) => s + t.selfMs, 0);
      return {
        file: relative(ROOT, join(dir, f)),
        thread: f.split('.')[4] === '0' ? 'main' : 'worker',
        sampledMs: Math.round(sampledMs),
        top: all.slice(0, 15).map((t) => ({ name: t.name, selfMs: Math.round(t.selfMs), percent: round1(t.percent), where: where(t) })),
      };
    });
  return { shape: shape.id, wallMs: Math.round(m.wallMs), cpuMs: Math.round(m.cpuMs), threads };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(join(ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm run bench does it)');
  if (!haveGnuTime()) throw new Error(`${TIME} is not GNU time (apt-get install -y time): it gives the CPU time and peak RSS of each run`);
  mkdirSync(OUT_DIR, { recursive: true });
  const record = {
    date: new Date().toISOString(),
    node: process.version,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memGiB: Math.round(totalmem() / 2 ** 30) },
    options: o,
    generatorVersion: GENERATOR_VERSION,
    targets: TARGETS,
    // other work on the machine skews absolute times; side-by-side ratios suffer less
    loadAverage: { before: loadavg().map(round2) },
  };

  const inputs = [];
  if (o.rounds > 0 || o.cpuProf) {
    for (const id of o.shapes) {
      const shape = SHAPES.find((s) => s.id === id);
      const r = await ensureShape(shape, { seed: o.seed, mb: o.mb, log, journal: o.journal });
      await warmCache(r.path);
      // one untimed run: warms up node, checks the tool reads this shape, keeps its counts
      const reportFile = join(OUT_DIR, `report-${o.journal ? `${basename(dirname(r.path))}-` : ''}${id}-${o.mb}MiB.json`);
      await measure(TOOL(o.bins[0]), { file: r.path, from: 'file', stdoutFile: reportFile });
      const summary = JSON.parse(readFileSync(reportFile, 'utf8')).summary;
      inputs.push({ shape, path: r.path, bytes: r.bytes, summary });
      log(
        `${id}: ${relative(ROOT, r.path)} (${fmt(r.bytes / MiB, 1)} MiB${r.cached ? ', cached' : ''}): ${summary.lines.toLocaleString('en-US')} lines, ${summary.kubeletLines.toLocaleString('en-US')} kubelet, ${summary.events.toLocaleString('en-US')} events, ${summary.incidents} incidents`,
      );
    }
    record.inputs = inputs.map(({ shape, path, bytes, summary }) => ({ shape: shape.id, file: relative(ROOT, path), bytes, summary }));
  }

  if (o.rounds > 0) {
    log(`timing ${o.rounds} round(s) of each shape from ${o.from.join(' and ')}, split2 and klog-eviction -o json in alternating pairs`);
    record.results = await bench(o, inputs);
    const several = o.bins.length > 1;
    const rows = [
      [
        'shape',
        'from',
        'MiB',
        ...(several ? ['build'] : []),
        'split2 wall s',
        'cpu s',
        'klog-eviction wall s',
        'cpu s',
        'wall ×',
        'cpu ×',
        'peak RSS MiB',
      ],
    ];
    for (const r of record.results) {
      const input = inputs.find((i) => i.shape.id === r.shape);
      rows.push([
        r.shape,
        r.from,
        fmt(input.bytes / MiB, 0),
        ...(several ? [r.tool] : []),
        fmt(r.split2.wallMs / 1000),
        fmt(r.split2.cpuMs / 1000),
        fmt(r.klog.wallMs / 1000),
        fmt(r.klog.cpuMs / 1000),
        fmt(r.wallRatio),
        fmt(r.cpuRatio),
        fmt(mib(r.klog.rssKiB), 1),
      ]);
    }
    console.log(
      `\nklog-eviction -o json against a bare split2 line count of the same input (median of ${o.rounds} rounds; × is the median of the rounds' pair ratios)`,
    );
    console.log(`targets: wall × <= ${TARGETS.wallRatio}, cpu × <= ${TARGETS.cpuRatio}, peak RSS <= ${TARGETS.rssMiB} MiB`);
    console.log(table(rows));
  }
  if (o.memcheck.length) {
    log(`memory check: each shape at ${o.memcheck.join(' and ')} MiB, from a file`);
    record.memcheck = await memcheck(o, log);
    console.log(
      `\npeak RSS of klog-eviction -o json, flat in input size (target: ratio <= ${TARGETS.rssFlatRatio}, each <= ${TARGETS.rssMiB} MiB)`,
    );
    console.log(
      table([
        ['shape', ...(o.bins.length > 1 ? ['build'] : []), `${o.memcheck[0]} MiB`, `${o.memcheck[1]} MiB`, 'ratio'],
        ...record.memcheck.map((m) => [
          m.shape,
          ...(o.bins.length > 1 ? [m.tool] : []),
          fmt(mib(m.smallRssKiB), 1),
          fmt(mib(m.bigRssKiB), 1),
          fmt(m.ratio),
        ]),
      ]),
    );
  }
  if (o.cpuProf) {
    record.profiles = [];
    for (const { shape, path } of inputs) {
      log(`profiling ${shape.id} with --cpu-prof`);
      const p = await profile(shape, path, o.bins[0]);
      record.profiles.push(p);
      for (const t of p.threads) {
        console.log(
          `\n${shape.id}, ${t.thread} thread: top self time of ${t.sampledMs} ms sampled (${t.file}; run: wall ${fmt(p.wallMs / 1000)} s, cpu ${fmt(p.cpuMs / 1000)} s)`,
        );
        console.log(table([['function', 'self ms', '%', 'where'], ...t.top.map((x) => [x.name, x.selfMs, fmt(x.percent, 1), x.where])]));
      }
    }
  }
  record.loadAverage.after = loadavg().map(round2);
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
