/**
 * What the order stage and the line stage have to say about the inputs themselves: one ran
 * newest first or out of order, the time went back in one, entries came too late to be put in
 * order, a date does not exist. Notes are data; their words are here, with the numbers.
 */
import type { Note } from '../timeline/model.js';
import type { LineAnalyzer } from './analyzer.js';
import type { InputStats } from './order.js';
import { HOLD_MS } from './order.js';
import { SILENCE_MS } from './coverage.js';
import { formatOffset, formatWall, zone } from '../time/zone.js';
import { num } from '../model/number.js';

/** `1h 4m 50s`, `3m`, `12s` */
export function span(ms: number): string {
  let s = Math.round(ms / 1000);
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const parts = [d ? `${d}d` : '', h ? `${h}h` : '', m ? `${m}m` : '', s || (!d && !h && !m) ? `${s}s` : ''];
  return parts.filter(Boolean).join(' ');
}

/** Notes on each input's order: newest first, out of order, steps back in time, entries too late. */
export function orderNotes(stats: readonly InputStats[]): Note[] {
  const notes: Note[] = [];
  for (const st of stats) {
    const nodes = [...st.coverage.nodes.values()];
    const unordered = nodes.filter((n) => n.unordered);
    if (unordered.length > 0) {
      const reversed = st.coverage.reversed;
      const down = unordered.reduce((a, n) => a + n.down, 0);
      const all = unordered.reduce((a, n) => a + n.down + n.up, 0);
      notes.push(
        reversed
          ? {
              kind: 'newest-first',
              text: `${st.name}: its entries run newest first (journalctl -r; also what logcli and gcloud logging read print by default). They were put in time order, which holds the whole input in memory until it ends; export it oldest first to have it read as it streams: journalctl without -r, logcli query --forward, gcloud logging read --order=asc.`,
            }
          : {
              kind: 'out-of-order',
              text: `${st.name}: its entries are out of time order throughout (${num(down)} of ${num(all)} steps from one line to the next go back in time). They were put in time order, which holds the whole input in memory until it ends.`,
            },
      );
    }
    for (const n of nodes) {
      if (n.unordered || n.steps === 0 || !n.firstStep) continue;
      const f = n.firstStep;
      const more = n.steps > 1 ? ` (and ${num(n.steps - 1)} more time${n.steps > 2 ? 's' : ''})` : '';
      notes.push({
        kind: 'clock-step',
        node: n.node,
        at: f.to,
        text: `${st.name}: the time goes back by ${span(f.from - f.to)} at line ${num(f.line)}${more}: a clock stepped back, or journals joined out of order. The entries are shown in time order.`,
        evidence: [{ input: st.name, line: f.line }],
      });
    }
    if (st.late > 0 && st.firstLate !== undefined) {
      notes.push({
        kind: 'late-entries',
        text: `${st.name}: ${num(st.late)} entr${st.late === 1 ? 'y' : 'ies'} came more than ${span(HOLD_MS)} after later entries of their node (first at line ${num(st.firstLate)}), too late to be put in order: they were added as they came, so incidents around them may be split or joined wrongly.`,
        evidence: [{ input: st.name, line: st.firstLate }],
      });
    }
  }
  return notes;
}

/** Entries dated Feb 29 in a year without one. */
export function leapNotes(analyzers: readonly LineAnalyzer[], yearGiven: boolean): Note[] {
  let count = 0;
  let year: number | undefined;
  for (const a of analyzers) {
    const l = a.noLeapDay;
    if (!l) continue;
    count += l.count;
    year ??= l.year;
  }
  if (count === 0 || year === undefined) return [];
  return [
    {
      kind: 'no-leap-day',
      text: `${num(count)} entr${count === 1 ? 'y is' : 'ies are'} dated Feb 29 in ${year}, which has no Feb 29 (the year ${yearGiven ? 'given with --year' : 'carried on from an entry that names one'}); they are shown on Mar 1. Give --year with the leap year they belong to.`,
    },
  ];
}

/**
 * A line placed this far from the kubelet's own clock is placed in the wrong year or zone: the
 * stats an observation reports are seconds old (a minute at most: housekeeping), and zones are
 * a quarter of an hour or more apart.
 */
export const CLOCK_MISMATCH_MS = 15 * 60_000;

/**
 * Nodes whose lines were placed far from where the kubelet's own clock (an observation's stats
 * time) puts them: the year inferred (or given) or the zone assumed is not the one the line's
 * reading was written in. The note says which flags place them as the kubelet did: the year and
 * the UTC offset (to the quarter hour) that make the line's wall reading the clock's instant —
 * the kubelet's own offset for a klog header, the journal's for a journal stamp — the year taken
 * back to the node's first year-less entry (what --year sets).
 */
export function clockNotes(analyzers: readonly LineAnalyzer[]): Note[] {
  const notes: Note[] = [];
  for (const a of analyzers) {
    for (const c of a.clocks) {
      if (Math.abs(c.at - c.stated.ms) < CLOCK_MISMATCH_MS) continue;
      const w = c.wall;
      const asUtc = (y: number) => Date.UTC(y, w.month - 1, w.day, w.hour, w.minute, w.second) + w.micros / 1000;
      // the year in which the reading is the clock's instant in some zone (zones span -12:00 to +14:00)
      const year = [c.stated.year, c.stated.year - 1, c.stated.year + 1].find((y) => {
        const east = asUtc(y) - c.stated.ms;
        return east >= -12.5 * 3_600_000 && east <= 14.5 * 3_600_000;
      });
      // (none: the reading and the clock disagree by more than any zone, and no flag mends it)
      if (year === undefined) continue;
      const offset = Math.round((asUtc(year) - c.stated.ms) / 900_000) * 15;
      const flags: string[] = [];
      const wrong: string[] = [];
      if (year !== c.year) {
        wrong.push('year');
        if (c.firstYear !== undefined) flags.push(`--year ${year - (c.year - c.firstYear)}`);
      }
      if (offset !== c.zoneOffset) {
        wrong.push('time zone');
        flags.push(`--timezone ${formatOffset(offset)}`);
      }
      if (wrong.length === 0) continue;
      // where the line was placed, on the kubelet's clock face
      const placed = `${formatWall(zone(formatOffset(c.stated.offset)), c.at)} ${c.stated.text.slice(20)}`;
      notes.push({
        kind: 'clock-mismatch',
        node: c.node,
        at: c.at,
        text:
          `${c.evidence.input}: the kubelet's own clock, in the stats time of its observation at line ${num(c.evidence.line)}, reads ${c.stated.text}, but that line was placed at ${placed}: ` +
          `the ${wrong.join(' and ')} used for ${c.node} ${wrong.length > 1 ? 'are not the ones' : 'is not the one'} its time was written in.` +
          (flags.length ? ` Rerun with ${flags.join(' ')} to place the lines as the kubelet did.` : ''),
        evidence: [c.evidence],
      });
    }
  }
  return notes;
}

/**
 * A journal that says which zone its stamps are printed in (`-- Logs begin at Sun 2019-04-28
 * 18:40:28 CEST, … --`: journalctl before systemd 250, in its own TZ; or the `Active: … since …
 * +07;` line of a `systemctl status` pasted with it, printed in the same TZ) whose year-less
 * stamps were read in another offset: the note gives the --timezone that reads them as printed.
 * (A zone name that means several offsets, CST, IST, names none: no note.)
 */
export function zoneNotes(analyzers: readonly LineAnalyzer[]): Note[] {
  const notes: Note[] = [];
  for (const a of analyzers) {
    const z = a.statedZone;
    if (z === undefined || !a.readWall || z.offset === z.readOffset) continue;
    const named = /^[+-]/.test(z.token) ? z.token : `${z.token}, ${formatOffset(z.offset)}`;
    notes.push({
      kind: 'journal-zone',
      text:
        `${z.evidence.input}: ` +
        (z.by === 'journalctl'
          ? `journalctl printed this journal's times in ${named}, as its line ${num(z.evidence.line)} says ("${z.said}"), but they were read in `
          : `the ${z.by} pasted with this journal printed its time in ${named} (line ${num(z.evidence.line)}: "${z.said}"); journalctl prints in the same zone on that machine, but the journal's times were read in `) +
        `${formatOffset(z.readOffset)}. Rerun with --timezone ${formatOffset(z.offset)} (or the zone's name) to place them as journalctl printed them.`,
      evidence: [z.evidence],
    });
  }
  return notes;
}

/**
 * Nodes whose journal stamps and klog headers are zones apart (`12月 25 21:16:07 office k3s[794]:
 * I1225 13:16:07.685149`: the journal printed in +08, the kubelet logging in UTC, as one in a
 * container or k3s does). The lines are placed by the journal's stamps, read in this machine's
 * zone (no --timezone was given: a paste from elsewhere, most likely); when that is not the
 * offset by which the stamps lead the headers, the two readings of each line disagree on its
 * instant. Which clock was UTC, if either, is not in the lines: the note says both readings, and
 * the --timezone that places the lines at a UTC kubelet's instants. Not when the input says the
 * journal's zone (a `journal-zone` note tells it) or the kubelet's own clock names its offset (a
 * `clock-mismatch` note tells it).
 */
export function headerZoneNotes(analyzers: readonly LineAnalyzer[], zoneGiven: boolean): Note[] {
  const notes: Note[] = [];
  if (zoneGiven) return notes;
  for (const a of analyzers) {
    if (a.statedZone !== undefined) continue;
    const clocked = new Set(a.clocks.map((c) => c.node));
    for (const k of a.skews) {
      if (k.minutes === k.readOffset || clocked.has(k.node)) continue;
      const apart = Math.abs(k.minutes) % 60 === 0 ? `${Math.abs(k.minutes) / 60} h` : `${Math.abs(k.minutes)} min`;
      notes.push({
        kind: 'header-zone',
        node: k.node,
        text:
          `${k.evidence.input}: ${k.node}'s journal stamps are ${apart} ${k.minutes > 0 ? 'ahead of' : 'behind'} its kubelet's own klog headers ` +
          `(line ${num(k.evidence.line)}: journal ${k.journal}, klog ${k.header}): the journal was printed in one zone and the kubelet logged in another. ` +
          `The lines were placed by the journal's stamps, read in this machine's zone, ${formatOffset(k.readOffset)}: right if the journal was printed in it (the kubelet then logged in ${formatOffset(k.readOffset - k.minutes)}). ` +
          `If the kubelet logged in UTC instead (a kubelet in a container, or k3s, may), the journal was printed in ${formatOffset(k.minutes)}: rerun with --timezone ${formatOffset(k.minutes)} to place the lines at the kubelet's instants.`,
        evidence: [k.evidence],
      });
    }
  }
  return notes;
}

/**
 * Hostnames that changed under one kubelet process. The kubelet keeps the node name it started
 * with, but the journal names each entry by the hostname of the moment: a node whose hostname
 * is set while the kubelet runs (an OpenShift bootstrap node: `localhost.localdomain`, then the
 * name DHCP or reverse DNS gives it) reads as several nodes, the later ones without start-up
 * lines. A node's lines are taken for another's renamed when, in one input in time order, the
 * line just before its first is that node's last, at most SILENCE_MS before, with the same PID
 * and (where journalctl marked them, `-- Boot <id> --`) the same boot, and no node has lines both
 * before and after their first (two nodes of a fleet whose kubelets happen to share a PID
 * interleave their lines: no note). The nodes stay apart (each has its own lines); the note says
 * they are most likely one, and where the start-up lines are.
 */
export function hostNotes(stats: readonly InputStats[], analyzers: readonly LineAnalyzer[]): Note[] {
  const notes: Note[] = [];
  for (const st of stats) {
    if (st.coverage.unordered) continue;
    const nodes = [...st.coverage.nodes.values()];
    // each renamed node's first name (the name the kubelet started with)
    const rootOf = new Map<string, string>();
    for (const b of nodes) {
      const f = b.first;
      if (f === undefined || f.pid === undefined) continue;
      // the node whose line came last before this node's first (the lines run in time order);
      // none when another node has lines both before and after it (a fleet's interleaved nodes)
      let from: (typeof nodes)[number] | undefined;
      let across = false;
      for (const a of nodes) {
        if (a === b || a.first === undefined) continue;
        if (a.first.min < f.min && a.maxAt > f.min) across = true;
        else if (a.maxAt <= f.min && (from === undefined || a.maxAt > from.maxAt)) from = a;
      }
      if (across || from === undefined) continue;
      const last = from.last;
      if (last === undefined || last.pid !== f.pid || last.max !== from.maxAt || f.min - from.maxAt > SILENCE_MS) continue;
      // (journalctl marks each host's entries with its boot: two boots are two machines, or a reboot)
      const boots = analyzers[st.coverage.input];
      if (boots?.bootIdOf(from.node) !== boots?.bootIdOf(b.node)) continue;
      // (nodes are in the order their first lines came: `from`'s own rename, if any, is known)
      const root = rootOf.get(from.node) ?? from.node;
      rootOf.set(b.node, root);
      const gap = f.min - from.maxAt;
      notes.push({
        kind: 'host-renamed',
        node: b.node,
        at: f.min,
        text: `${st.name}: the hostname changed from ${from.node} to ${b.node} at line ${num(f.minLine)} with no kubelet restart between (the same kubelet PID ${f.pid} went on ${gap < 1000 ? 'within the second' : `${span(gap)} later`}). The kubelet keeps the node name it started with, so this is most likely one node, shown here under each name; its start-up lines (flags, thresholds) are under ${root}.`,
        evidence: [{ input: st.name, line: f.minLine }],
      });
    }
  }
  return notes;
}
