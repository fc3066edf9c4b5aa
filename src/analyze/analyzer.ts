/**
 * The line stage that strings the pure decoders together for one input:
 * journal decoder → klog decoder → classifier, plus the little state a
 * journal needs between lines (the year of year-less stamps, each node's lines'
 * times and PIDs for the coverage holes and restarts are told from, multi-line
 * klog blocks, and the pass that tells a repeated entry from a pasted copy:
 * src/analyze/order.ts counts copies once). No I/O: lines come in, events and
 * counters go out.
 */
import { isAscii } from 'node:buffer';
import { classifiedBefore, classify, classifySystemd, isWatched, recentLengths, type Classified } from '../classify/classify.js';
import { mayWant } from '../classify/bytescan.js';
import { KUBELET_UNIT } from '../classify/rules.js';
import { decodeJournalLine, entryOf, journalEntry, type JournalLine, type Stamp } from '../journal/decode.js';
import { ExportAssembler, type ExportRecord } from '../journal/export.js';
import { VerboseAssembler } from '../journal/verbose.js';
import { decodeKlog, headerStamp, recordOf, type KlogRecord } from '../klog/decode.js';
import {
  bytesEqualText,
  Damage,
  Env,
  Hdr,
  KUBELET_IDENTS,
  gluedLineAt,
  isDigit,
  proseBefore,
  locate,
  locateHeader,
  locateInRun,
  nameAt,
  newLocated,
  newRun,
  runOf,
  textHash,
  wordsOf,
  zoneOffset,
  type Located,
  type Run,
} from '../locate/locate.js';
import { decodeRecordLine, type RecordOptions } from '../records/decode.js';
import { SHAPE_TABLE } from '../records/shapes.js';
import { rfc3339At, stampOf } from '../records/time.js';
import type { Coverage, NodeCoverage } from './coverage.js';
import { identify, messageIdOf, provenance, TICK_S, TICK_US } from './identity.js';
import type { EventKind, KubeletEvent, Provenance } from '../model/events.js';
import { isDateMs, tokenOffset, wallReadings, wallToUtcNear, type Zone } from '../time/zone.js';
import { anchorYear, dateMs, journalSpan, journalZone, newYearState, yearFor, type YearOptions, type YearState } from '../time/year.js';
import { goTime, type GoTime } from '../time/go-time.js';

export interface AnalyzeOptions {
  /** zone of year-less, zone-less timestamps (`--timezone`) */
  readonly zone: Zone;
  /** `--year`: year of the first year-less entry */
  readonly year?: number;
  /** the caller's clock (epoch ms), for year inference; the core never reads it */
  readonly now: number;
  /** the node of lines whose envelope names none (bare kubelet.log): `--node-name`, always used */
  readonly defaultNode?: string;
  /**
   * the node such lines belong to when the input names none at all, neither in a journal
   * envelope nor in the kubelet's own words (a guess from the file name)
   */
  readonly fallbackNode?: string;
  /** false: every line down the full path (the reference the fast path is tested against) */
  readonly fastPath?: boolean;
  /** how log-store records are read: detected, `--from SHAPE` or `--field` paths (src/records) */
  readonly records?: RecordOptions;
  /**
   * where each kubelet line's time and PID go: holes and restarts are told from it once the
   * entries are in time order (src/analyze/coverage.ts, order.ts)
   */
  readonly coverage?: Coverage;
}

/** Counters that travel with the result (csv-parse style). */
export interface Counters {
  lines: number;
  kubeletLines: number;
  events: number;
  unrecognized: number;
  skipped: number;
  duplicates: number;
  /** text that is neither kubelet output nor a journal marker (other units, prompts, prose) */
  otherLines: number;
  /** lines only logged at --v>=3 (observations, housekeeping): tells the journal's verbosity */
  verboseLines: number;
}

export interface UnrecognizedLine {
  readonly input: string;
  readonly line: number;
  readonly text: string;
}

/** Lines skipped for one reason in one input (aggregated: memory does not grow with bad lines). */
export interface SkipReason {
  readonly input: string;
  /** the first line skipped for this reason */
  readonly line: number;
  readonly reason: string;
  count: number;
}

/** syslog identifiers the kubelet runs under (src/locate/locate.ts keeps the list), and wrappers named after it. */
const KUBELET_IDENT_SET = new Set(KUBELET_IDENTS);
const isKubeletIdentName = (ident: string) => KUBELET_IDENT_SET.has(ident) || /^kubelet[-_.\w]*$/i.test(ident);
/**
 * Other components that log klog headers too (on a control-plane node, `journalctl` without `-u`
 * interleaves them): never the kubelet, whatever their lines look like (their PIDs are not
 * kubelet restarts).
 */
const OTHER_COMPONENT =
  /^(?:kube-apiserver|kube-controller-manager|kube-scheduler|kube-proxy|cloud-controller-manager|etcd|containerd|crio|cri-o|dockerd|docker|flanneld|calico-node|coredns|kube-router|cilium-agent)$/;

/** How an identifier is read: the kubelet's, another component's, systemd's, a with-unit `.service`, or unknown. */
const IDENT = { Kubelet: 1, Other: 2, Systemd: 3, Service: 4, Unknown: 5 } as const;
/** What `fastMessage` made of a message: needs the full path, counted as another program's, a kubelet line cleared (with a klog header, or without one). */
const FAST = { No: 0, Counted: 1, Kubelet: 2, NoHeader: 3 } as const;
function identKind(ident: string): number {
  if (ident === 'systemd' || ident === 'systemd-journald' || ident === 'init.scope') return IDENT.Systemd;
  // (`-o with-unit` names a program by its unit, `kubelet.service[2716]`: the decoder reads it by the unit's name)
  if (ident.endsWith('.service')) {
    const kind = identKind(ident.slice(0, -'.service'.length));
    return kind === IDENT.Kubelet || kind === IDENT.Other ? kind : IDENT.Service;
  }
  if (isKubeletIdentName(ident)) return IDENT.Kubelet;
  if (OTHER_COMPONENT.test(ident)) return IDENT.Other;
  return IDENT.Unknown;
}

const UNKNOWN_NODE = 'unknown';
/** The node of lines that name none, until the input says which it is (see `pending`). */
const PENDING = '\u0000pending';
/** Lines read before hostless lines are given the fallback node, when nothing names one. */
const PENDING_LINES = 2000;
/**
 * journald splits a message longer than LineMax (default 48 KiB) into several entries; the later
 * ones have no klog header. A kubelet entry at least this long waits for its continuation.
 */
export const SPLIT_AT = 8192;
/** A line this wide or wider, and the widest kubelet line so far, may continue on the next (a terminal's wrap). */
const WRAP_MIN = 60;
/**
 * Lines of an input that carry the eviction manager's words but no landmark that places them
 * as kubelet output (no envelope, no klog header, no rule's wording): the first, and how many.
 */
export interface UnplacedLines {
  readonly input?: string;
  readonly line: number;
  readonly text: string;
  count: number;
}

/** The `Active:` line of a pasted `systemctl status` of the kubelet's unit (`statusLine`). */
interface StatusActive {
  readonly state: string;
  readonly sub: string;
  readonly result: string | undefined;
  readonly stamp: Stamp;
  readonly src: Provenance;
  readonly text: string;
  readonly node: string;
}

/** Terminal and editor widths lines are commonly cut at. */
const TERMINAL_WIDTHS = new Set([72, 76, 78, 79, 80, 100, 120, 132, 140, 150, 160, 180, 200, 220, 240, 250, 256]);
const MAX_BLOCK_LINES = 5000;

/** Everything the line stage remembers per node (host). */
interface NodeState {
  name: string;
  /** `textHash(name)` */
  hash: number;
  /** its lines' coverage: the time and PID of each line (holes and restarts are told from it) */
  cov: NodeCoverage | undefined;
  /** year state: interleaved journals of different hosts do not share a calendar */
  years: YearState | undefined;
  /** the newest kubelet line, decoded only at the end (`lastSeen`): the line, its bytes, or its decoding */
  lastRaw: string | undefined;
  lastBuf: Buffer | undefined;
  lastStart: number;
  lastEnd: number;
  lastDecoded: { j: Extract<JournalLine, { type: 'entry' }>; rec: KlogRecord } | undefined;
  /** or its time, when it was a record the fast path took (a journal JSON or export entry's precise time) */
  lastMs: number;
  /** time of the first kubelet line */
  firstAt: number;
  /**
   * fast path: the wall-clock hour last resolved, `(month * 32 + day) * 24 + hour` (-1: none), in
   * which year, and its first instant when the zone's offset holds for the whole hour (else NaN)
   */
  hourKey: number;
  hourYear: number | undefined;
  hourMs: number;
  /** fast path, an instant's hour (`hourKey` -2 - hour): the UTC month it anchors the year state at, with `hourYear` */
  hourMonth: number;
  /** the kubelet's own clock beside where its line was placed: the first observation that names its stats time (null: one was placed by an instant, exactly) */
  clock: KubeletClock | null | undefined;
  /** its first line with both a year-less journal stamp and a klog header, when they are zones apart (null: they agree, or are no zones apart) */
  skew: HeaderSkew | null | undefined;
}

/**
 * A journal stamp and the klog header of the same line a whole number of quarter hours apart
 * (`12月 25 21:16:07 office k3s[794]: I1225 13:16:07.685149`): the journal was printed in one
 * zone and the kubelet logged in another (a kubelet in a container, k3s, logs in UTC).
 */
export interface HeaderSkew {
  readonly evidence: Provenance;
  /** journal − header, in minutes (a multiple of 15) */
  readonly minutes: number;
  /** the offset the line's stamp was read in (--timezone), at its time */
  readonly readOffset: number;
  /** the two readings, `21:16:07` and `13:16:07` */
  readonly journal: string;
  readonly header: string;
}

/**
 * An observation's stats time (`time: 2019-04-11 14:25:34.58 +0800 CST`, the kubelet's own clock,
 * year and UTC offset included) beside the wall reading its line was placed by (a klog header or
 * a year-less or zone-less journal stamp) and what placed it: the year and the zone used.
 */
export interface KubeletClock {
  readonly evidence: Provenance;
  /** where the line was placed */
  readonly at: number;
  /** the kubelet's clock */
  readonly stated: GoTime;
  /** the wall reading the line was placed by: month 1-12, day, time */
  readonly wall: {
    readonly month: number;
    readonly day: number;
    readonly hour: number;
    readonly minute: number;
    readonly second: number;
    readonly micros: number;
  };
  /** the year it was placed in, and the year the node's first year-less entry was given (what --year sets; undefined: the reading had its own year, or the years carried on from a dated entry) */
  readonly year: number;
  readonly firstYear: number | undefined;
  /** minutes east of UTC of the zone the line was placed in (--timezone), at `at` */
  readonly zoneOffset: number;
}

/** A message that ends inside a klog header, whole or with its date and time stripped (a terminal cut the line there): `I0426 09:13:09.518941    1064 evic`, `W 7082 evic`. */
const HEADER_CUT =
  /^\s*(?=\S)(?:[IWEF]?(?:\d{0,4}|\d{4} [\d:.]*|\d{4} \d\d:\d\d:\d\d\.\d+ +\d*|\d{4} \d\d:\d\d:\d\d\.\d+ +\d+ [\w.-]*(?::\d*)?)|[IWEF] +\d+ +[\w.-]*(?::\d*)?)$/;

/** A FLAG line's value `%q` left open: `FLAG: --name="…` with no closing quote. */
const FLAG_OPEN = /FLAG: --[\w.-]+="(?:[^"\\]|\\.)*$/;
/** The rest of a FLAG value a terminal cut: no space up to its closing quote, and nothing after it but spaces. */
const FLAG_REST = /^[^\s"]*"\s*$/;

/** The bracket a text ends inside, found among its last 64 characters (`… conditions: [Disk`): its closer, or ''. */
function openBracket(t: string): string {
  for (let k = t.length - 1; k >= 0 && k >= t.length - 64; k--) {
    const c = t[k];
    if (c === '[') return ']';
    if (c === '(') return ')';
    if (c === '{') return '}';
    if (c === ']' || c === ')' || c === '}' || c === ' ') return '';
  }
  return '';
}

/** Does the row `b[s, e)` begin with the rest of a bracket: no space, quote or other bracket before its `closer`? */
function closesBracket(b: Uint8Array, s: number, e: number, closer: number): boolean {
  for (let k = s; k < e && k < s + 256; k++) {
    const c = b[k];
    if (c === closer) return k > s;
    if (c === 0x20 || c === 0x09 || c === 0x22 || c === 0x5b || c === 0x5d || c === 0x28 || c === 0x29 || c === 0x7b || c === 0x7d)
      return false;
  }
  return false;
}

/** Where the spaces and tabs before `i` begin, back to `from` at most. */
function blanksBefore(b: Uint8Array, from: number, i: number): number {
  while (i > from && (b[i - 1] === 0x20 || b[i - 1] === 0x09)) i--;
  return i;
}

/**
 * The line-number gutter a line begins with (`46948 `, `46948: `, `  12 | `; research paste 12):
 * its number × 1024 plus its shape (where it ends, its separator); -1 for none, -2 for a tab's
 * indentation instead. The next line's gutter is this + 1024.
 */
function gutterNumber(b: Uint8Array, s: number, e: number): number {
  if (b[s] === 0x09) return -2;
  let i = s;
  while (i < e && (b[i] === 0x20 || b[i] === 0x09)) i++;
  const d0 = i;
  let n = 0;
  while (i < e && i - d0 < 9 && b[i]! >= 0x30 && b[i]! <= 0x39) n = n * 10 + (b[i++]! - 0x30);
  if (i === d0) return -1;
  // the gutter's shape: its separator (none, `:`, `|`) and where its number ends, so that only a
  // gutter of the same shape is its next line's (`  19 | `, not a row `19 image_gc…` of a PID cut)
  let sep = 0;
  if (b[i] === 0x3a) {
    sep = 1;
    i++;
  } else {
    let k = i;
    while (k < e && b[k] === 0x20) k++;
    if (b[k] === 0x7c) {
      sep = 2;
      i = k + 1;
    }
  }
  return i < e && (b[i] === 0x20 || b[i] === 0x09) ? n * 1024 + Math.min(i - s, 255) * 4 + sep : -1;
}

/** Is the row `b[s, e)` an indented `Field: value` line or a tree row of a systemctl status block, behind a paste's prefix? */
function statusField(b: Buffer, s: number, e: number): boolean {
  return STATUS_FIELD.test(b.toString('latin1', s, Math.min(e, s + 60)).replace(BARE_PREFIX, ''));
}

/** A line that is a whole journal JSON entry or kubelet JSON-format record (not a `{…}` cut out of a longer value). */
function wholeRecord(line: string): boolean {
  try {
    const o: unknown = JSON.parse(line);
    return typeof o === 'object' && o !== null && ('MESSAGE' in o || '__REALTIME_TIMESTAMP' in o || ('ts' in o && 'msg' in o));
  } catch {
    return false;
  }
}

/**
 * How the rest of a wrapped line may begin when nothing else says the line was wrapped: mid-word,
 * at the UID of a pod the kubelet names as `name_namespace(uid)` (a UUID, or 32 hex digits for a
 * static pod's), or at a plural's `(s)` (`must
 * evict pod(s) to reclaim`): a cut before their `(`.
 */
const GOES_ON = /^(?:[ a-z0-9)\]}>,.;:/_\-"'=&%@+*|~]|\([0-9a-f]{8}(?:-[0-9a-f]{4}-|[0-9a-f]{24}\))|\(e?s\)[ ,.:]|\(e?s\)$)/;

/**
 * A line of no landmark that ends in a journal stamp and at most a host and an identifier cut
 * before `[pid]: ` (`Oct 05 12:14:37 host kubelet[2125`): a journal line a terminal cut inside
 * its envelope (behind whatever prefix a paste gave it).
 */
function isJunkOrStamp(b: Uint8Array, s: number, e: number): boolean {
  const t = Buffer.prototype.toString.call(b, 'utf8', s, e);
  return CUT_STAMP.test(t) || CUT_HEADER_TAIL.test(t);
}
const CUT_STAMP = /(?:^|\s)(?:\S+ +\d{1,2} \d\d:\d\d:\d\d(?:\.\d+)?|\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d\S*)(?: \S*){0,2}$/;

/**
 * Does the text `b[s, e)` (as latin1) end in a stamp a terminal cut, `CUT_STAMP`? Its regex and
 * string only when the bytes hold a clock (`dd:dd:dd`), which every stamp it reads has: the
 * widest line of a control loop asks at every turn.
 */
function endsInCutStamp(b: Buffer, s: number, e: number): boolean {
  for (let j = s + 2; j + 5 < e; j++) {
    if (b[j] !== 0x3a || b[j + 3] !== 0x3a) continue;
    if (isDigit(b[j - 2]!) && isDigit(b[j - 1]!) && isDigit(b[j + 1]!) && isDigit(b[j + 2]!) && isDigit(b[j + 4]!) && isDigit(b[j + 5]!))
      return CUT_STAMP.test(b.toString('latin1', s, e));
  }
  return false;
}
/**
 * A row that begins with a journal stamp and a host (behind a gutter), or a systemd unit's line
 * with its envelope gone (`kubelet.service: Main process exited`, -o cat), begins a line of its own.
 */
const STAMP_FIRST =
  /^[\s\d|:>#$*•-]{0,16}(?:[^\s\d][^\s]{1,5} +\d{1,2} \d\d:\d\d:\d\d(?:\.\d+)? \S|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\S* \S)|^[\w@.\\-]+\.service(?:: [A-Z]| [a-z])/;

/**
 * What a paste puts before a message that stands alone (no envelope, no header): `MESSAGE=`
 * (`-o export | grep`), a shell prompt glued on, a line-number gutter (`46948 `, `46948: `, `  12 | `).
 */
/**
 * `systemctl status kubelet` pasted before its journal tail: the unit's header line, its
 * `Active:` line (the state and since when) and its `Main PID:` line say when the unit last
 * started or stopped, and with which PID or exit status (research pastes 20, 44, 45).
 */
const STATUS_UNIT = /^\s*(?:[●*○×]\s+)?([\w@.\\-]+\.service) - /;
/** The block's `Loaded:` line, which names the unit's file: it opens the block when a paste lost the header line above it (research paste 69). */
const STATUS_LOADED = /^\s*Loaded: \S+ \((?:[^;)]*\/)?([\w@.\\-]+\.service)[;)]/;
const STATUS_ACTIVE =
  /^\s*Active: (active|inactive|failed|activating|deactivating|reloading) \(([^)]*)\)(?: \(Result: ([^)]*)\))? since \S+ (\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?: (\S+?))?;/;
const STATUS_PID = /^\s*Main PID: (\d+) \(([^)]*)\)/;
/** Another line of a status block: an indented field (`Docs:`, `Tasks:`, `CGroup:` ...) or a tree row. */
const STATUS_FIELD = /^\s*(?:[A-Z][\w -]{1,20}: |[└├│]|`-|\|-)/;

const BARE_PREFIX = /^(?:[ \t]*(?:MESSAGE=|(?:\[[^\]\n]{1,80}\]|[\w.@:~/-]{0,80})[#$][ \t]+|\d{1,9}(?::| *\|)?[ \t]+)){1,3}[ \t]*/;

/** A klog header a line ends inside, behind a paste's prefix: `[root@w ~]# W0411 04:19:22.000250   22453 evic`. */
const CUT_HEADER_TAIL =
  /(?:^|[\s#$>|:`])[IWEF]?(?:\d{1,4}|\d{4} [\d:.]*|\d{4} \d\d:\d\d:\d\d\.\d+ +\d*|\d{4} \d\d:\d\d:\d\d\.\d+ +\d+ [\w.-]*(?::\d*)?)$/;

/** The eviction manager's and image GC's own words: a line of text alone with them is the kubelet's. */
/** A command line pasted with its output (`root@node:~# journalctl -u kubelet | grep imageGCManager`): not a log line. */
const SHELL_COMMAND =
  /(?:^|[#$%>]\s*)(?:sudo\s+)?(?:journalctl|kubectl|grep|egrep|zgrep|rg|cat|zcat|tail|head|less|awk|sed|crictl|docker|systemctl)\s|\|\s*(?:grep|egrep|rg)\s/;

const KUBELET_WORDS = /\beviction manager: |\[imageGCManager\]|"Eviction manager: /i;

/** klog's log file header (klog.go `createFile`): `Log file created at: 2006/01/02 15:04:05`, `Running on machine: %s` */
const LOG_FILE_CREATED = /^\s*Log file created at: (\d{4})\/(\d\d)\/(\d\d) \d\d:\d\d:\d\d\s*$/;
const RUNNING_ON = /^\s*Running on machine: ([A-Za-z0-9][\w.-]*)\s*$/;
/** A row that begins a line of its own, whatever width the line before it: klog's file header, a Markdown fence around a paste. */
const ROW_OF_ITS_OWN = /^\s*(?:Log file created at: \d|Running on machine: |Binary: Built with |Log line format: |```|~~~)/;

/**
 * The node the kubelet names in its own words, for lines that name no host: node status events
 * (`Recording NodeHasDiskPressure event message for node worker-1`, structured `node="worker-1"`)
 * and registration (`Successfully registered node worker-1`, `Attempting to register node …`).
 */
function nodeNamed(message: string): string | undefined {
  // (printf: the name ends the message, or is quoted: `Unable to register node "worker-1" with API
  // server`; structured: the `node` key, so `"Unable to register node with API server"` names no `with`)
  const m =
    /(?:event message for node|registered node|register node)(?: ([A-Za-z0-9][\w.-]*)$| "([A-Za-z0-9][\w.-]*)"|" node="([A-Za-z0-9][\w.-]*))/.exec(
      message.length > 2000 ? message.slice(0, 2000) : message,
    );
  return m === null ? undefined : (m[1] ?? m[2] ?? m[3]);
}

const BLANK: JournalLine = { type: 'blank' };

/** How journalctl's `[61B blob data]` ends (see `entry`). */
const BLOB_TAIL = 'B blob data]';
/** Does the message `b[s, e)` end as journalctl's note of a binary entry does (`[61B blob data]`)? */
const blobTail = (b: Uint8Array, s: number, e: number) => bytesEqualText(b, Math.max(s, e - BLOB_TAIL.length), e, BLOB_TAIL);
/** Docker's identifier: it runs the kubelet on origin, but its PID is not the kubelet's. */
const DOCKERD = 'dockerd-current';
/**
 * resolve(): a time of whole seconds takes the fraction of the klog header located in `v` when
 * their seconds agree.
 */
function withHeaderFraction(at: number, v: Located): number {
  return Math.floor(at / 1000) % 60 === v.kSecond ? Math.floor(at / 1000) * 1000 + v.kMicros / 1000 : at;
}

/**
 * Whether `b[s, e)` may be a `journalctl -o verbose` record's header (`Sun 2025-03-02
 * 13:32:17.535129 UTC [s=…;t=…;x=…]`: the weekday as the locale prints it, a date, the cursor in
 * brackets at the end), on a few bytes; the header's regex decides (VerboseAssembler.push).
 */
function verboseHeaderAt(b: Uint8Array, s: number, e: number): boolean {
  if (b[e - 1] !== 0x5d || e - s < 60) return false;
  let i = s;
  if (!(b[i]! >= 0x30 && b[i]! <= 0x39)) {
    const lim = Math.min(e, s + 16);
    while (i < lim && b[i] !== 0x20) i++;
    i++;
  }
  return b[i + 4] === 0x2d && b[i + 7] === 0x2d && b[i + 10] === 0x20 && b[i + 13] === 0x3a;
}

/** A wall-clock hour as one number (`wallToMs`). */
const wallHourKey = (year: number, month: number, day: number, hour: number) => ((year * 13 + month) * 32 + day) * 24 + hour;

function startsWithText(b: Uint8Array, s: number, e: number, t: string): boolean {
  return e - s >= t.length && bytesEqualText(b, s, s + t.length, t);
}

/**
 * The year state is anchored at each instant a line is dated by (stampToMs), at the year and
 * month of its wall clock in --timezone (the clock the year-less stamps around it are read on:
 * `Active: … since Thu 2015-12-31 23:45:00 -0015`, then `Dec 31 23:55:00`, is one December). For
 * the lines of one UTC hour that is the same year and month, so the fast path anchors once an
 * hour, unless the zone's midnight falls inside that hour (+05:45: 18:15 UTC).
 */
function anchorHour(st: NodeState, ys: YearState, at: number, zone: Zone): void {
  const hour = Math.floor(at / 3_600_000);
  if (st.hourKey !== -2 - hour) {
    st.hourKey = -2 - hour;
    st.hourMs = NaN;
    if (!Number.isFinite(at)) {
      st.hourYear = undefined;
      return;
    }
    const [firstYear, firstMonth] = wallMonth(zone, hour * 3_600_000);
    const [lastYear, lastMonth] = wallMonth(zone, hour * 3_600_000 + 3_599_999);
    if (lastYear === firstYear && lastMonth === firstMonth) {
      st.hourYear = firstYear;
      st.hourMonth = firstMonth;
    } else {
      // (a month that begins inside this UTC hour: each line of it is anchored on its own)
      [st.hourYear, st.hourMonth] = wallMonth(zone, at);
      st.hourKey = -1;
    }
  }
  // (every line, as stampToMs does: a year-less line read in between may have moved the state)
  if (st.hourYear !== undefined) anchorYear(ys, st.hourYear, st.hourMonth);
}

/** The year and month (1-12) of the wall clock of `zone` at the instant `at`. */
function wallMonth(zone: Zone, at: number): [number, number] {
  const d = new Date(at + zone.offsetAt(at) * 60_000);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1];
}

/** Where the fields `fastRecord` reads are in a journal JSON record (see `scanJournalRecord`). */
interface RecordFields {
  msgStart: number;
  msgEnd: number;
  /** the message holds a backslash: its escapes are to be undone */
  msgEscaped: boolean;
  hostStart: number;
  hostEnd: number;
  /** `SYSLOG_IDENTIFIER`, else `_COMM` */
  identStart: number;
  identEnd: number;
  /** `__REALTIME_TIMESTAMP`; -1 when the record has none (`scanJournalRecord(…, false)`) */
  usec: number;
  /** the record has a `_SOURCE_REALTIME_TIMESTAMP` */
  sourceTime: boolean;
  /**
   * Where `_PID`, `SYSLOG_PID`, `_SYSTEMD_UNIT` and `UNIT` are (start and end at `EXTRA`'s slots;
   * -1: absent), for the entry the record is (`recordEntry`); `plain`: none of them twice or with
   * an escape
   */
  extra: Int32Array;
  plain: boolean;
  /**
   * The record is Vector's (its journald source: the journal's fields but MESSAGE and
   * _HOSTNAME, with `message`, `host`, `source_type` and `timestamp` of its own, as the record
   * stage recognises it: `SHAPE_TABLE.vector`): the message is `message`, the host `host` (else
   * `_HOSTNAME`), and `timestamp` is at `timeStart`, `timeEnd` (-1: none)
   */
  vector: boolean;
  timeStart: number;
  timeEnd: number;
}

/** The slots of `RecordFields.extra`: each field's start (its end at the slot after). */
const EXTRA = { Pid: 0, SyslogPid: 2, Unit: 4, UnitField: 6 } as const;

/** Which of the entry's optional fields the key `b[s, e)` names: its slot in `RecordFields.extra`, or -1. */
function extraField(b: Uint8Array, s: number, e: number): number {
  switch (e - s) {
    case 4:
      return keyIs(b, s, e, '_PID') ? EXTRA.Pid : keyIs(b, s, e, 'UNIT') ? EXTRA.UnitField : -1;
    case 10:
      return keyIs(b, s, e, 'SYSLOG_PID') ? EXTRA.SyslogPid : -1;
    case 13:
      return keyIs(b, s, e, '_SYSTEMD_UNIT') ? EXTRA.Unit : -1;
    default:
      return -1;
  }
}
const FIELDS: RecordFields = {
  msgStart: 0,
  msgEnd: 0,
  msgEscaped: false,
  hostStart: 0,
  hostEnd: 0,
  identStart: 0,
  identEnd: 0,
  usec: 0,
  sourceTime: false,
  extra: new Int32Array(8).fill(-1),
  plain: true,
  vector: false,
  timeStart: -1,
  timeEnd: -1,
};

/** `FIELDS` as a scan begins: no optional field, no time, not Vector's. */
function freshFields(): RecordFields {
  const f = FIELDS;
  f.usec = -1;
  f.sourceTime = false;
  f.extra.fill(-1);
  f.plain = true;
  f.vector = false;
  f.timeStart = -1;
  f.timeEnd = -1;
  return f;
}

const isJsonSpace = (c: number | undefined) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
const isHex = (c: number | undefined) => c !== undefined && ((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66));
/** Set by `stringEnd`: the string held a backslash. */
let sawEscape = false;

/**
 * The closing quote of the JSON string whose content starts at `p` (its opening quote at p - 1),
 * or -1 when it is not valid JSON before `e` (a control byte, a bad escape, no end).
 *
 * Four bytes at a time while none of them is a quote, a backslash or a control byte (the bit
 * tricks of "Bit Twiddling Hacks", `haszero`/`hasless`: a byte's top bit is set in the test
 * word when the byte is below 0x20 or equals the other two; a borrow can set it for a byte
 * after such a byte too, never when there is none), then byte by byte.
 */
function stringEnd(b: Uint8Array, p: number, e: number): number {
  sawEscape = false;
  const w = wordsOf(b);
  for (;;) {
    while (p + 4 <= e) {
      const x = w.getUint32(p, true);
      const q = x ^ 0x22222222;
      const s = x ^ 0x5c5c5c5c;
      if ((((x - 0x20202020) & ~x) | ((q - 0x01010101) & ~q) | ((s - 0x01010101) & ~s)) & 0x80808080) break;
      p += 4;
    }
    if (p >= e) return -1;
    const c = b[p]!;
    if (c === 0x22) return p;
    if (c < 0x20) return -1;
    if (c === 0x5c) {
      sawEscape = true;
      const x = b[++p];
      if (x === 0x75) {
        if (!(isHex(b[p + 1]) && isHex(b[p + 2]) && isHex(b[p + 3]) && isHex(b[p + 4]))) return -1;
        p += 4;
      } else if (!(x === 0x22 || x === 0x5c || x === 0x2f || x === 0x62 || x === 0x66 || x === 0x6e || x === 0x72 || x === 0x74)) return -1;
    }
    p++;
  }
}

const keyIs = (b: Uint8Array, s: number, e: number, k: string) => bytesEqualText(b, s, e, k);

/**
 * Does the record stage keep the host and identifier of `r` as their bytes spell them (`text`,
 * src/records/decode.ts): neither empty nor `None`, the host without a `:port` it would remove,
 * the identifier not in the parentheses it would remove?
 */
function namesAsTheyAre(b: Uint8Array, r: RecordFields): boolean {
  const hs = r.hostStart;
  const he = r.hostEnd;
  const is = r.identStart;
  const ie = r.identEnd;
  return (
    he !== hs &&
    !bytesEqualText(b, hs, he, 'None') &&
    !endsInPort(b, hs, he) &&
    ie !== is &&
    !bytesEqualText(b, is, ie, 'None') &&
    b[is] !== 0x28
  );
}

/** Vector's own keys in a journald record (`SHAPE_TABLE.vector`). */
const VECTOR = { Message: 0, Host: 1, SourceType: 2, Timestamp: 3 } as const;
function vectorKey(b: Uint8Array, s: number, e: number): number {
  switch (e - s) {
    case 4:
      return keyIs(b, s, e, 'host') ? VECTOR.Host : -1;
    case 7:
      return keyIs(b, s, e, 'message') ? VECTOR.Message : -1;
    case 9:
      return keyIs(b, s, e, 'timestamp') ? VECTOR.Timestamp : -1;
    case 11:
      return keyIs(b, s, e, 'source_type') ? VECTOR.SourceType : -1;
    default:
      return -1;
  }
}

const LAST_MEMBER = -1;
const NOT_A_MEMBER = -2;
/**
 * After a member's value in a record's JSON object, from `p`: where the next member starts (after
 * its comma), `LAST_MEMBER` when the object's `}` follows and ends the line `b[…, e)`, else
 * `NOT_A_MEMBER`.
 */
function nextMember(b: Uint8Array, p: number, e: number): number {
  while (isJsonSpace(b[p])) p++;
  if (b[p] === 0x2c) return p + 1;
  return b[p] === 0x7d && p === e - 1 ? LAST_MEMBER : NOT_A_MEMBER;
}

/** Does the host `b[s, e)` end in a `:port`, which the record stage removes (`/:\d+$/`)? */
function endsInPort(b: Uint8Array, s: number, e: number): boolean {
  let d = e;
  while (d > s && b[d - 1]! >= 0x30 && b[d - 1]! <= 0x39) d--;
  return d < e && d > s && b[d - 1] === 0x3a;
}

/** A record's `__REALTIME_TIMESTAMP` (1 to 16 digits, as journald writes it): its value, else -1. */
function digits(b: Uint8Array, s: number, e: number): number {
  if (e === s || e - s > 16) return -1;
  let n = 0;
  for (let q = s; q < e; q++) {
    const d = b[q]! - 0x30;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** ExportAssembler keeps this many fields of a record (MAX_FIELDS): a longer one is its. */
const MAX_EXPORT_FIELDS = 1000;

/**
 * Where a `journalctl -o json` record's message, host, identifier and time are, read in place:
 * undefined unless `b[i, e)` is one JSON object (nothing after it) whose keys are all journal
 * field names (upper-case letters, digits, `_`: no other record shape's keys, so the record stage
 * reads it as the journal's) and whose values are all strings, with MESSAGE, __REALTIME_TIMESTAMP
 * (digits), _HOSTNAME (non-empty) and an identifier, each once and the last three without escapes.
 * Anything else is the full path's. The result is shared between calls. Without `needTime`, the
 * record may lack __REALTIME_TIMESTAMP (`usec` is then -1): a Fluentd record's time is its framing's.
 * Vector's record (`RecordFields.vector`) has four keys of its own besides: `message` (and no
 * MESSAGE), `host`, `source_type` and `timestamp`; it is Vector's as the record stage recognises
 * one (`source_type` is `journald`, or it has __REALTIME_TIMESTAMP), else the full path's.
 */
function scanJournalRecord(b: Uint8Array, i: number, e: number, needTime = true): RecordFields | undefined {
  const f = freshFields();
  let msg = -1;
  let host = -1;
  let ident = -1;
  let comm = -1;
  let commEnd = 0;
  // Vector's own keys: `message`, `host`, `source_type` (is it `journald`?)
  let vmsg = -1;
  let vmsgEnd = 0;
  let vmsgEscaped = false;
  let vhost = -1;
  let vhostEnd = 0;
  let journald = false;
  let p = i + 1;
  for (;;) {
    while (isJsonSpace(b[p])) p++;
    if (b[p] !== 0x22) return undefined;
    const ks = p + 1;
    let k = ks;
    for (; k < e; k++) {
      const c = b[k]!;
      if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f)) break;
    }
    let own = -1;
    if (k === ks && b[k]! >= 0x61 && b[k]! <= 0x7a) {
      // (one of Vector's keys, or another shape's: the full path's)
      while (k < e && ((b[k]! >= 0x61 && b[k]! <= 0x7a) || b[k] === 0x5f)) k++;
      own = vectorKey(b, ks, k);
      if (own === -1) return undefined;
    }
    if (k === ks || b[k] !== 0x22) return undefined;
    p = k + 1;
    while (isJsonSpace(b[p])) p++;
    if (b[p] !== 0x3a) return undefined;
    p++;
    while (isJsonSpace(b[p])) p++;
    if (b[p] !== 0x22) return undefined;
    const vs = p + 1;
    const ve = stringEnd(b, vs, e);
    if (ve === -1) return undefined;
    if (own !== -1) {
      f.vector = true;
      if (own === VECTOR.Message) {
        if (vmsg !== -1) return undefined;
        vmsg = vs;
        vmsgEnd = ve;
        vmsgEscaped = sawEscape;
      } else if (own === VECTOR.Host) {
        if (vhost !== -1 || sawEscape) return undefined;
        vhost = vs;
        vhostEnd = ve;
      } else if (own === VECTOR.SourceType) journald = !sawEscape && bytesEqualText(b, vs, ve, 'journald');
      else {
        if (f.timeStart !== -1 || sawEscape) return undefined;
        f.timeStart = vs;
        f.timeEnd = ve;
      }
      p = nextMember(b, ve + 1, e);
      if (p === LAST_MEMBER) break;
      if (p === NOT_A_MEMBER) return undefined;
      continue;
    }
    switch (k - ks) {
      case 7:
        if (keyIs(b, ks, k, 'MESSAGE')) {
          if (msg !== -1) return undefined;
          msg = vs;
          f.msgStart = vs;
          f.msgEnd = ve;
          f.msgEscaped = sawEscape;
        }
        break;
      case 20:
        if (keyIs(b, ks, k, '__REALTIME_TIMESTAMP')) {
          if (f.usec !== -1) return undefined;
          f.usec = digits(b, vs, ve);
          if (f.usec === -1) return undefined;
        }
        break;
      case 9:
        if (keyIs(b, ks, k, '_HOSTNAME')) {
          if (host !== -1 || sawEscape || ve === vs) return undefined;
          host = vs;
          f.hostStart = vs;
          f.hostEnd = ve;
        }
        break;
      case 17:
        if (keyIs(b, ks, k, 'SYSLOG_IDENTIFIER')) {
          if (ident !== -1 || sawEscape) return undefined;
          ident = vs;
          f.identStart = vs;
          f.identEnd = ve;
        }
        break;
      case 26:
        if (keyIs(b, ks, k, '_SOURCE_REALTIME_TIMESTAMP')) f.sourceTime = true;
        break;
      case 5:
        if (keyIs(b, ks, k, '_COMM')) {
          if (comm !== -1 || sawEscape) return undefined;
          comm = vs;
          commEnd = ve;
        }
        break;
      default: {
        const x = extraField(b, ks, k);
        if (x !== -1) {
          if (f.extra[x] !== -1 || sawEscape) f.plain = false;
          f.extra[x] = vs;
          f.extra[x + 1] = ve;
        }
      }
    }
    p = nextMember(b, ve + 1, e);
    if (p === LAST_MEMBER) break;
    if (p === NOT_A_MEMBER) return undefined;
  }
  if (f.vector) {
    // (with MESSAGE too, or not Vector's as the record stage tells one: the full path's)
    if (msg !== -1 || vmsg === -1 || (!journald && f.usec === -1)) return undefined;
    msg = vmsg;
    f.msgStart = vmsg;
    f.msgEnd = vmsgEnd;
    f.msgEscaped = vmsgEscaped;
    // (the record stage's host is `host` when it is there, whatever it holds)
    if (vhost !== -1) {
      host = vhost;
      f.hostStart = vhost;
      f.hostEnd = vhostEnd;
    }
  } else if (needTime && f.usec === -1) return undefined;
  if (msg === -1 || host === -1) return undefined;
  if (ident === -1) {
    // (with neither, the record stage names the entry by its unit)
    if (comm === -1) return undefined;
    f.identStart = comm;
    f.identEnd = commEnd;
  }
  return f;
}

/**
 * The labels a `logcli` record's host, unit and identifier are read from, in the record stage's
 * order (`SHAPE_TABLE.logcli`, src/records/shapes.ts: the first present wins): each label name,
 * what it names (0 host, 1 unit, 2 identifier) and its rank among those of its kind.
 */
const LOGCLI_LABELS = (['host', 'unit', 'ident'] as const).flatMap((field, kind) =>
  SHAPE_TABLE.logcli[field].map((path, rank) => ({ name: path.slice('labels.'.length), kind, rank })),
);
/** `LOGCLI_LABELS` by the length of their names (a label of another length is none of them). */
const LABELS_BY_LENGTH = Array.from({ length: 32 }, (_, n) => LOGCLI_LABELS.filter((l) => l.name.length === n));
const NO_LABELS: typeof LOGCLI_LABELS = [];
/** Per kind (host, unit, identifier, at `kind * 3`): the best rank seen and where its value is (start, end). */
const LABEL = new Int32Array(9);
const HOST_LABEL = 0;
const UNIT_LABEL = 3;
const IDENT_LABEL = 6;
/** Is the label of `slot` absent, or a value the record stage's `text` reads as none (empty, `None`)? */
function labelNone(b: Uint8Array, slot: number): boolean {
  const s = LABEL[slot + 1]!;
  const e = LABEL[slot + 2]!;
  return s === -1 || e === s || bytesEqualText(b, s, e, 'None');
}

/**
 * Where a Loki `logcli --output=jsonl` record's message, time, host and identifier are, read in
 * place: undefined unless `b[i, e)` is one JSON object (nothing after it) of `line` (a string),
 * `timestamp` (a string) and `labels` (an object of strings), each once and nothing else — the
 * record the record stage reads as `logcli` — whose labels and keys hold no escape, no host,
 * unit or identifier label is there twice, and whose host and identifier are what the record
 * stage makes of them without a doubt: the first host label present, not empty or `None`, not
 * ending in a `:port`; the first identifier label present, else the first unit label's name less
 * `.service`, neither empty, `None` nor in parentheses. The result is `FIELDS`, shared; the
 * time's text is at `LOGCLI_TIME`. Anything else is the full path's.
 */
function scanLogcliRecord(b: Uint8Array, i: number, e: number): RecordFields | undefined {
  const f = freshFields();
  LABEL.fill(-1);
  let line = -1;
  let ts = -1;
  let labels = -1;
  let p = i + 1;
  for (;;) {
    while (isJsonSpace(b[p])) p++;
    if (b[p] !== 0x22) return undefined;
    const ks = p + 1;
    const k = stringEnd(b, ks, e);
    if (k === -1 || sawEscape) return undefined;
    p = k + 1;
    while (isJsonSpace(b[p])) p++;
    if (b[p] !== 0x3a) return undefined;
    p++;
    while (isJsonSpace(b[p])) p++;
    if (keyIs(b, ks, k, 'labels')) {
      if (labels !== -1 || b[p] !== 0x7b) return undefined;
      labels = p;
      p = scanLabels(b, p, e);
      if (p === -1) return undefined;
    } else {
      const isLine = keyIs(b, ks, k, 'line');
      if (!isLine && !keyIs(b, ks, k, 'timestamp')) return undefined;
      if (b[p] !== 0x22) return undefined;
      const vs = p + 1;
      const ve = stringEnd(b, vs, e);
      if (ve === -1) return undefined;
      if (isLine) {
        if (line !== -1) return undefined;
        line = vs;
        f.msgStart = vs;
        f.msgEnd = ve;
        f.msgEscaped = sawEscape;
      } else {
        if (ts !== -1 || sawEscape) return undefined;
        ts = vs;
        LOGCLI_TIME[0] = vs;
        LOGCLI_TIME[1] = ve;
      }
      p = ve + 1;
    }
    p = nextMember(b, p, e);
    if (p === LAST_MEMBER) break;
    if (p === NOT_A_MEMBER) return undefined;
  }
  if (line === -1 || ts === -1 || labels === -1) return undefined;
  // the host: the record stage's `text` (empty or `None` is none) and its `:port` removal
  if (labelNone(b, HOST_LABEL)) return undefined;
  const hs = LABEL[HOST_LABEL + 1]!;
  const he = LABEL[HOST_LABEL + 2]!;
  if (endsInPort(b, hs, he)) return undefined;
  f.hostStart = hs;
  f.hostEnd = he;
  // the identifier, else the unit's name (`kubelet.service` → `kubelet`)
  const slot = !labelNone(b, IDENT_LABEL) ? IDENT_LABEL : !labelNone(b, UNIT_LABEL) ? UNIT_LABEL : -1;
  if (slot === -1) return undefined;
  const is = LABEL[slot + 1]!;
  let ie = LABEL[slot + 2]!;
  if (slot === UNIT_LABEL && ie - is >= 8 && bytesEqualText(b, ie - 8, ie, '.service')) ie -= 8;
  if (ie === is || b[is] === 0x28) return undefined;
  f.identStart = is;
  f.identEnd = ie;
  return f;
}
/** Where `scanLogcliRecord` found the record's `timestamp` (start, end). */
const LOGCLI_TIME = new Int32Array(2);

// ---- Filebeat's records of journal entries, as Elasticsearch hits ----------------------------

/**
 * The end of the JSON value at `p` (after leading spaces), or -1 when it is not valid JSON
 * before `e` or nests deeper than `depth`: a string (`stringEnd`), a number as JSON writes one,
 * `true`, `false`, `null`, an array or an object of such. Skips a value the fast path does not
 * read, checking it as `JSON.parse` would.
 */
function skipValue(b: Uint8Array, p: number, e: number, depth: number): number {
  while (isJsonSpace(b[p])) p++;
  const c = b[p];
  if (c === 0x22) {
    const q = stringEnd(b, p + 1, e);
    return q === -1 ? -1 : q + 1;
  }
  if (c === 0x7b || c === 0x5b) {
    if (depth === 0) return -1;
    const close = c === 0x7b ? 0x7d : 0x5d;
    p++;
    while (isJsonSpace(b[p])) p++;
    if (b[p] === close) return p + 1;
    for (;;) {
      if (c === 0x7b) {
        while (isJsonSpace(b[p])) p++;
        if (b[p] !== 0x22) return -1;
        const k = stringEnd(b, p + 1, e);
        if (k === -1) return -1;
        p = k + 1;
        while (isJsonSpace(b[p])) p++;
        if (b[p] !== 0x3a) return -1;
        p++;
      }
      p = skipValue(b, p, e, depth - 1);
      if (p === -1) return -1;
      while (isJsonSpace(b[p])) p++;
      if (b[p] === close) return p + 1;
      if (b[p] !== 0x2c) return -1;
      p++;
    }
  }
  if (c === 0x74) return bytesEqualText(b, p, p + 4, 'true') ? p + 4 : -1;
  if (c === 0x66) return bytesEqualText(b, p, p + 5, 'false') ? p + 5 : -1;
  if (c === 0x6e) return bytesEqualText(b, p, p + 4, 'null') ? p + 4 : -1;
  return numberEnd(b, p, e);
}

/** The end of the JSON number at `p` (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`), or -1. */
function numberEnd(b: Uint8Array, p: number, e: number): number {
  if (b[p] === 0x2d) p++;
  if (b[p] === 0x30) p++;
  else if (b[p]! >= 0x31 && b[p]! <= 0x39) while (p < e && isDigit(b[p]!)) p++;
  else return -1;
  if (b[p] === 0x2e) {
    const d = ++p;
    while (p < e && isDigit(b[p]!)) p++;
    if (p === d) return -1;
  }
  if (b[p] === 0x65 || b[p] === 0x45) {
    p++;
    if (b[p] === 0x2b || b[p] === 0x2d) p++;
    const d = p;
    while (p < e && isDigit(b[p]!)) p++;
    if (p === d) return -1;
  }
  return p > e ? -1 : p;
}

/**
 * The values the record stage reads of Filebeat's record (`SHAPE_TABLE.filebeat`), each a place
 * in `ECS_AT` (start, end) and what is there (`ECS_KIND`); in each list the first present and
 * not null wins (`first`).
 */
const ECS = {
  Hostname: 0,
  HostName: 1,
  SyslogIdent: 2,
  ProcessName: 3,
  JournaldProcessName: 4,
  ProcessPid: 5,
  JournaldPid: 6,
  SyslogPid: 7,
  SystemdUnit: 8,
} as const;
const ECS_PATHS = 9;
const ECS_AT = new Int32Array(ECS_PATHS * 2);
/** 0 absent, then `K_STRING` (no escape), `K_INT` (digits, as JSON writes an integer), `K_NULL`, `K_OTHER` (anything else) */
const ECS_KIND = new Uint8Array(ECS_PATHS);
const K_STRING = 1;
const K_INT = 2;
const K_NULL = 3;
const K_OTHER = 4;
/**
 * The members of `_source` the paths are read from: a key that holds a path's value, or an
 * object (each once: `bit`) of such keys.
 */
interface EcsKey {
  readonly name: string;
  readonly path?: number;
  readonly bit: number;
  readonly keys: readonly EcsKey[];
}
const pathKey = (name: string, path: number): EcsKey => ({ name, path, bit: 0, keys: [] });
const ECS_OBJECTS: readonly EcsKey[] = [
  { name: 'host', bit: 1, keys: [pathKey('hostname', ECS.Hostname), pathKey('name', ECS.HostName)] },
  { name: 'syslog', bit: 2, keys: [pathKey('identifier', ECS.SyslogIdent), pathKey('pid', ECS.SyslogPid)] },
  { name: 'process', bit: 4, keys: [pathKey('name', ECS.ProcessName), pathKey('pid', ECS.ProcessPid)] },
  { name: 'systemd', bit: 8, keys: [pathKey('unit', ECS.SystemdUnit)] },
  {
    name: 'journald',
    bit: 16,
    keys: [pathKey('pid', ECS.JournaldPid), { name: 'process', bit: 32, keys: [pathKey('name', ECS.JournaldProcessName)] }],
  },
];
/** Where `scanEcsHit` found `@timestamp` (start, end). */
const ECS_TIME = new Int32Array(2);

/** Keys of `_source` by which a shape tested before Filebeat's could know the record (src/records/shapes.ts): such a record is the full path's. */
const ECS_FOREIGN = [
  '_source',
  'value',
  'stream',
  'line',
  'logName',
  'timestamp',
  'SyslogMessage',
  'source_type',
  '__REALTIME_TIMESTAMP',
  'record',
  'tag',
  'time',
  'MESSAGE',
];
const FOREIGN_BY_LENGTH = Array.from({ length: 32 }, (_, n) => ECS_FOREIGN.filter((k) => k.length === n));

/**
 * The members of the object whose `{` is at `p`, each handed to `member` (the key's place, the
 * value's start): `member` returns the value's end, or -1. Returns the end of the object, or -1
 * for what is not plain (a key with an escape or a dot, in which `at` could find a path) or not
 * valid JSON.
 */
function members(b: Uint8Array, p: number, e: number, member: (ks: number, k: number, vs: number) => number): number {
  p++;
  while (isJsonSpace(b[p])) p++;
  if (b[p] === 0x7d) return p + 1;
  for (;;) {
    while (isJsonSpace(b[p])) p++;
    if (b[p] !== 0x22) return -1;
    const ks = p + 1;
    const k = stringEnd(b, ks, e);
    if (k === -1 || sawEscape) return -1;
    for (let d = ks; d < k; d++) if (b[d] === 0x2e) return -1;
    p = k + 1;
    while (isJsonSpace(b[p])) p++;
    if (b[p] !== 0x3a) return -1;
    p++;
    while (isJsonSpace(b[p])) p++;
    p = member(ks, k, p);
    if (p === -1) return -1;
    while (isJsonSpace(b[p])) p++;
    if (b[p] === 0x7d) return p + 1;
    if (b[p] !== 0x2c) return -1;
    p++;
  }
}

/** Note the value at `vs` as path `path`'s (once: a path twice is the full path's); returns its end, or -1. */
function ecsValue(b: Uint8Array, path: number, vs: number, e: number): number {
  if (ECS_KIND[path] !== 0) return -1;
  const c = b[vs];
  let end: number;
  let kind: number;
  if (c === 0x22) {
    const q = stringEnd(b, vs + 1, e);
    if (q === -1) return -1;
    kind = sawEscape ? K_OTHER : K_STRING;
    ECS_AT[path * 2] = vs + 1;
    ECS_AT[path * 2 + 1] = q;
    end = q + 1;
  } else {
    end = skipValue(b, vs, e, 8);
    if (end === -1) return -1;
    kind = c === 0x6e ? K_NULL : K_OTHER;
    if (c! >= 0x30 && c! <= 0x39) {
      let d = vs;
      while (d < end && isDigit(b[d]!)) d++;
      if (d === end) kind = K_INT;
    }
    ECS_AT[path * 2] = vs;
    ECS_AT[path * 2 + 1] = end;
  }
  ECS_KIND[path] = kind;
  return end;
}

/** Is path `x` (-1: none) present and not null? */
const ecsThere = (x: number) => x !== -1 && ECS_KIND[x] !== 0 && ECS_KIND[x] !== K_NULL;
/** The first of the paths `a`, `b`, `c` (-1: none) present and not null (`first`), or -1. */
function firstOf(a: number, b: number, c = -1): number {
  return ecsThere(a) ? a : ecsThere(b) ? b : ecsThere(c) ? c : -1;
}

/**
 * Where an Elasticsearch hit of Filebeat's journald input (`{"_index":…,"_source":{…}}`, as
 * elasticdump and a search's hits give it) keeps its message, host, identifier, PID and time,
 * read in place: undefined unless `b[i, e)` is one valid JSON object with `_source` (an
 * object) and `_index` or `_id` and nothing after it (the hit's own time, `fields`, gives way to
 * `@timestamp`), and the
 * record stage reads `_source` as Filebeat's (ECS fields: a string `message`, and `host.hostname`,
 * `systemd.unit`, `journald.pid` or `syslog.identifier`; no key another shape tested first knows
 * it by, `ECS_FOREIGN`; no key with a dot or an escape where a path is looked up) and makes of it
 * what the fast path makes: `@timestamp` a string, the host `host.hostname` else `host.name`,
 * the identifier `syslog.identifier`, `process.name` else `journald.process.name`, the PID
 * `process.pid`, `journald.pid` else `syslog.pid` (the first present and not null of each): the
 * host and identifier strings without escapes, not empty or `None`, the host without a `:port`,
 * the identifier not in parentheses, the PID digits (a number or a string, ten at most) or none.
 * The result is `FIELDS`, shared; the time's text is at `ECS_TIME`. Anything else is the full path's.
 */
function scanEcsHit(b: Uint8Array, i: number, e: number): RecordFields | undefined {
  const f = freshFields();
  ECS_KIND.fill(0);
  let source = -1;
  let id = false;
  let message = -1;
  let time = -1;
  // the objects paths are looked up in, each once (of a key twice, JSON.parse keeps the last)
  let seen = 0;
  /** The value at `vs` of the member of `keys` (`ECS_OBJECTS`) keyed `b[ks, k)`: its end, -1, or -2 when no key of `keys` is `b[ks, k)`. */
  const member = (keys: readonly EcsKey[], ks: number, k: number, vs: number): number => {
    for (const m of keys) {
      if (!keyIs(b, ks, k, m.name)) continue;
      if (m.path !== undefined) return ecsValue(b, m.path, vs, e);
      if ((seen & m.bit) !== 0) return -1;
      seen |= m.bit;
      if (b[vs] !== 0x7b) return skipValue(b, vs, e, 8);
      return members(b, vs, e, (s0, s1, v) => {
        const end = member(m.keys, s0, s1, v);
        return end === -2 ? skipValue(b, v, e, 8) : end;
      });
    }
    return -2;
  };
  const inner = (ks: number, k: number, vs: number): number => {
    if (keyIs(b, ks, k, 'message')) {
      if (message !== -1 || b[vs] !== 0x22) return -1;
      const q = stringEnd(b, vs + 1, e);
      if (q === -1) return -1;
      message = vs + 1;
      f.msgStart = vs + 1;
      f.msgEnd = q;
      f.msgEscaped = sawEscape;
      return q + 1;
    }
    if (keyIs(b, ks, k, '@timestamp')) {
      if (time !== -1 || b[vs] !== 0x22) return -1;
      const q = stringEnd(b, vs + 1, e);
      if (q === -1 || sawEscape) return -1;
      time = vs + 1;
      ECS_TIME[0] = vs + 1;
      ECS_TIME[1] = q;
      return q + 1;
    }
    const end = member(ECS_OBJECTS, ks, k, vs);
    if (end !== -2) return end;
    if (k - ks < 32 && FOREIGN_BY_LENGTH[k - ks]!.some((name) => keyIs(b, ks, k, name))) return -1;
    return skipValue(b, vs, e, 8);
  };
  const end = members(b, i, e, (ks, k, vs) => {
    if (keyIs(b, ks, k, '_source')) {
      if (source !== -1 || b[vs] !== 0x7b) return -1;
      source = vs;
      return members(b, vs, e, inner);
    }
    if (keyIs(b, ks, k, '_index') || keyIs(b, ks, k, '_id')) id = true;
    return skipValue(b, vs, e, 8);
  });
  if (end !== e || source === -1 || !id || message === -1 || time === -1) return undefined;
  // (Filebeat's, as the record stage tells it: one of these paths is there, null or not)
  if (ECS_KIND[ECS.Hostname] === 0 && ECS_KIND[ECS.SystemdUnit] === 0 && ECS_KIND[ECS.JournaldPid] === 0 && ECS_KIND[ECS.SyslogIdent] === 0)
    return undefined;
  const host = firstOf(ECS.Hostname, ECS.HostName);
  const ident = firstOf(ECS.SyslogIdent, ECS.ProcessName, ECS.JournaldProcessName);
  if (host === -1 || ECS_KIND[host] !== K_STRING || ident === -1 || ECS_KIND[ident] !== K_STRING) return undefined;
  f.hostStart = ECS_AT[host * 2]!;
  f.hostEnd = ECS_AT[host * 2 + 1]!;
  f.identStart = ECS_AT[ident * 2]!;
  f.identEnd = ECS_AT[ident * 2 + 1]!;
  if (!namesAsTheyAre(b, f)) return undefined;
  const pid = firstOf(ECS.ProcessPid, ECS.JournaldPid, ECS.SyslogPid);
  if (pid !== -1) {
    // (`text` then /^\d{1,10}$/: digits, as a number or a string; anything else is none, and the full path's here)
    const ps = ECS_AT[pid * 2]!;
    const pe = ECS_AT[pid * 2 + 1]!;
    if ((ECS_KIND[pid] !== K_INT && ECS_KIND[pid] !== K_STRING) || pe === ps || pe - ps > 10) return undefined;
    for (let d = ps; d < pe; d++) if (!isDigit(b[d]!)) return undefined;
    f.extra[EXTRA.Pid] = ps;
    f.extra[EXTRA.Pid + 1] = pe;
  }
  return f;
}

/**
 * A logcli record's labels from their `{`: the index after their `}`, or -1 (an escape, a value
 * not a string, a label that counts there twice, a name with a dot: `members`).
 */
function scanLabels(b: Uint8Array, p: number, e: number): number {
  return members(b, p, e, (ks, k, vs) => {
    if (b[vs] !== 0x22) return -1;
    const ve = stringEnd(b, vs + 1, e);
    if (ve === -1 || sawEscape) return -1;
    const named = k - ks < 32 ? LABELS_BY_LENGTH[k - ks]! : NO_LABELS;
    for (let n = 0; n < named.length; n++) {
      const l = named[n]!;
      if (!keyIs(b, ks, k, l.name)) continue;
      const slot = l.kind * 3;
      if (LABEL[slot] === l.rank) return -1;
      if (LABEL[slot] === -1 || l.rank < LABEL[slot]!) {
        LABEL[slot] = l.rank;
        LABEL[slot + 1] = vs + 1;
        LABEL[slot + 2] = ve;
      }
    }
    return ve + 1;
  });
}

/**
 * The entry the full path makes of the journal record read into `r` — `journalEntry`
 * (src/journal/decode.ts) of its JSON.parse (`scanJournalRecord`) or of its fields as the
 * ExportAssembler collects them (`fastExport`): the message, its instant, host, identifier, PID
 * and unit — made from the scan; undefined where that could differ, for the full path to read:
 * a PID or unit field twice or escaped, a `\u` escape in the message, a JSON message that is a
 * record itself (the record stage reads it again), an instant no clock writes, or digits past
 * 2^53 (which `Number` would round otherwise than the scan). `to` is scratch room for the
 * message with its escapes undone.
 */
function recordEntry(b: Buffer, r: RecordFields, to: Buffer, format: 'json' | 'export'): JournalLine | undefined {
  if (!r.plain || r.usec < 0 || r.usec > Number.MAX_SAFE_INTEGER || !isDateMs(r.usec / 1000)) return undefined;
  let message: string;
  if (r.msgEscaped) {
    const n = unescapeJson(b, r.msgStart, r.msgEnd, to);
    if (n === -1) return undefined;
    message = to.toString('utf8', 0, n);
  } else message = b.toString('utf8', r.msgStart, r.msgEnd);
  if (format === 'json' && message.charCodeAt(0) === 0x7b && message.endsWith('}')) return undefined;
  const field = (x: number) => (r.extra[x] === -1 ? undefined : b.toString('utf8', r.extra[x], r.extra[x + 1]));
  // (journalEntry: `_PID`, else `SYSLOG_PID`, when it is digits; `_SYSTEMD_UNIT`, else `UNIT`)
  const pid = field(EXTRA.Pid) ?? field(EXTRA.SyslogPid);
  const unit = field(EXTRA.Unit) ?? field(EXTRA.UnitField);
  return {
    type: 'entry',
    format,
    time: { kind: 'instant', ms: r.usec / 1000, precise: true },
    host: nameAt(b, r.hostStart, r.hostEnd),
    ident: nameAt(b, r.identStart, r.identEnd),
    ...(pid !== undefined && /^\d+$/.test(pid) ? { pid: Number(pid) } : {}),
    ...(unit !== undefined ? { unit } : {}),
    message,
  };
}

/**
 * The JSON string content `b[s, e)` (valid, see `stringEnd`) with its escapes undone, into
 * `to`: its length, or -1 for a `\u` escape (the full path reads those) or no room. Copied
 * four bytes at a time while none of them is a backslash (`haszero` of the word with every
 * byte a backslash taken out, as `stringEnd` tests), then byte by byte.
 */
function unescapeJson(b: Uint8Array, s: number, e: number, to: Uint8Array): number {
  const w = wordsOf(b);
  const o = wordsOf(to);
  const room = to.length;
  let n = 0;
  let p = s;
  for (;;) {
    while (p + 4 <= e && n + 4 <= room) {
      const x = w.getUint32(p, true);
      const q = x ^ 0x5c5c5c5c;
      if ((q - 0x01010101) & ~q & 0x80808080) break;
      o.setUint32(n, x, true);
      p += 4;
      n += 4;
    }
    if (p >= e) return n;
    if (n >= room) return -1;
    let c = b[p]!;
    if (c === 0x5c) {
      const x = b[++p]!;
      if (x === 0x75) return -1;
      c = x === 0x62 ? 0x08 : x === 0x66 ? 0x0c : x === 0x6e ? 0x0a : x === 0x72 ? 0x0d : x === 0x74 ? 0x09 : x;
    }
    to[n++] = c;
    p++;
  }
}

/**
 * A line in a log store's text framing (src/records/text.ts): an RFC 3339 time followed by a TAB
 * (Fluentd out_file: `time<TAB>tag<TAB>{json}`), by Loki labels (logcli: `time {labels} line`),
 * or by a klog header (logcli `--no-labels`). A `short-iso` journal line has a host there.
 */
function framed(b: Uint8Array, i: number, e: number): boolean {
  if (!(b[i]! >= 0x30 && b[i]! <= 0x39) || b[i + 4] !== 0x2d || b[i + 10] !== 0x54) return false;
  let k = i + 19;
  const to = Math.min(e, i + 40);
  while (k < to && b[k] !== 0x20 && b[k] !== 0x09) k++;
  if (k >= to) return false;
  if (b[k] === 0x09) return true;
  const c = b[k + 1];
  return (
    c === 0x7b || ((c === 0x49 || c === 0x57 || c === 0x45 || c === 0x46) && b[k + 2]! >= 0x30 && b[k + 2]! <= 0x39 && b[k + 6] === 0x20)
  );
}

/** A journal message `b[s, e)` with no header that is empty or ends in a cut header: its rest is to come. */
function messageCut(b: Buffer, s: number, e: number): boolean {
  const msg = b.toString('latin1', s, e);
  return msg.trim() === '' || HEADER_CUT.test(msg);
}

/**
 * Display columns of UTF-8 bytes: a character a column, the wide ones of East Asian scripts two
 * (CJK, Hangul, fullwidth forms: the 3-byte sequences led by 0xE1 or 0xE2–0xED with their range).
 */
function displayWidth(b: Uint8Array, s: number, e: number): number {
  let w = 0;
  for (let i = s; i < e; i++) {
    const c = b[i]!;
    if ((c & 0xc0) === 0x80) continue;
    w++;
    if (c >= 0xe1 && c <= 0xef && i + 1 < e) {
      const cp = ((c & 0x0f) << 12) | ((b[i + 1]! & 0x3f) << 6);
      if (
        (cp >= 0x1100 && cp <= 0x115f) ||
        (cp >= 0x2e80 && cp <= 0xa4cf) ||
        (cp >= 0xac00 && cp <= 0xd7a3) ||
        (cp >= 0xf900 && cp <= 0xfaff) ||
        (cp >= 0xff00 && cp <= 0xff60) ||
        (cp >= 0xffe0 && cp <= 0xffe6)
      )
        w++;
    }
  }
  return w;
}

/** `-- Boot <32 lower-case hex digits> --` at `b[i, e)`, the whole line (journal/decode.ts's MARKER). */
function bootMarker(b: Uint8Array, i: number, e: number): boolean {
  if (e - i !== 43 || !bytesEqualText(b, i, i + 8, '-- Boot ') || !bytesEqualText(b, e - 3, e, ' --')) return false;
  for (let k = i + 8; k < e - 3; k++) {
    const c = b[k]!;
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

/** A numbered paste's empty line: a line number and its separator alone (`46950 `, `12: `, `  7 | `). */
function gutterOnly(b: Uint8Array, s: number, e: number): boolean {
  let i = s;
  while (i < e && b[i]! >= 0x30 && b[i]! <= 0x39) i++;
  if (i === s || i === e) return false;
  const digits = i;
  while (i < e && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x3a || b[i] === 0x7c)) i++;
  return i === e && i > digits;
}

/** Events of a line that completed none (shared; callers only read it). */
const NO_EVENTS: KubeletEvent[] = [];
Object.freeze(NO_EVENTS);

/**
 * A copy of a string that does not share memory with the line it was cut from. V8 keeps
 * a slice (`SlicedString`) pointing into its parent: one kept pod name would keep its
 * whole line alive (or, for a caller giving big strings, a whole chunk).
 * Concatenation then slicing makes V8 flatten into a new string of the slice's size. The
 * copies of the last few thousand values up to 256 characters are kept and given again: a
 * kubelet that crash-loops logs the same version, error and exit every 10 s, each start an
 * event of its own (a start with its own copies cost the timeline 700 bytes).
 */
function own(s: string): string {
  if (s.length < 13) return s;
  if (s.length > OWN_MAX) return (' ' + s).slice(1);
  let o = owned.get(s);
  if (o === undefined) {
    o = (' ' + s).slice(1);
    if (owned.size >= OWNED) owned.clear();
    owned.set(o, o);
  }
  return o;
}
const OWN_MAX = 256;
const OWNED = 4096;
const owned = new Map<string, string>();

/** `own` for every string in an event's fields (plain objects and arrays). */
function detach<T>(v: T): T {
  if (typeof v === 'string') return own(v) as T;
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(detach) as T;
  if (Object.getPrototypeOf(v) !== Object.prototype) return v;
  const out: Record<string, unknown> = {};
  for (const k in v) out[k] = detach(v[k]);
  return out as T;
}

/** A copy of an event's fields, made key by key as `detach` makes one (a spread copy has other hidden classes). */
function copyFields(v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in v) out[k] = v[k];
  return out;
}

interface Block {
  first: Provenance;
  journal: Extract<JournalLine, { type: 'entry' }>;
  parts: string[];
  /** `=<` ... ` >` klog block (joined by newlines) or a journald split (joined as is) */
  mode: 'klog' | 'split';
}

/**
 * Where the record or marker that line `b[s, e)` holds begins (journal JSON, json-seq, json-sse,
 * a `-- marker --`, a store's text framing: logcli, Fluentd out_file), or -1: a text line. A
 * record or a marker may be indented by a paste, or numbered: `46948 {"ts":…}`, `12 | {…}`.
 */
function recordStart(b: Uint8Array, s: number, e: number): number {
  let i = s;
  while (i < e && (b[i] === 0x20 || b[i] === 0x09)) i++;
  if (b[i]! >= 0x30 && b[i]! <= 0x39) {
    let k = i;
    while (k < e && b[k]! >= 0x30 && b[k]! <= 0x39) k++;
    if (b[k] === 0x3a || b[k] === 0x7c) k++;
    const digitsEnd = k;
    while (k < e && (b[k] === 0x20 || b[k] === 0x09)) k++;
    if (b[k] === 0x7c) k++;
    while (k < e && (b[k] === 0x20 || b[k] === 0x09)) k++;
    if (b[k] === 0x7b && k > digitsEnd - 1) i = k;
  }
  // (`journalctl -o json-sse`, as systemd-journal-gatewayd serves it: `data: ` before each record)
  if (b[i] === 0x64 && startsWithText(b, i, e, 'data: {')) i += 6;
  const c0 = b[i];
  return c0 === 0x7b /* { */ ||
    c0 === 0x1e /* json-seq */ ||
    (c0 === 0x2d && b[i + 1] === 0x2d && b[i + 2] === 0x20) /* -- marker -- */ ||
    framed(b, i, e) /* a store's text framing: logcli, Fluentd out_file */
    ? i
    : -1;
}

/**
 * A line that may have been cut by a terminal at its width (the widest so far): it waits for
 * the next line to say whether the rest follows on it, without a prefix.
 */
interface Wrapped {
  /** the line as text; undefined while it is `buf[start, end)` of the buffer being read, located in the analyzer's `wv` */
  raw: string | undefined;
  buf: Buffer | undefined;
  start: number;
  end: number;
  ascii: boolean;
  lineNo: number;
  /** display columns: a row the terminal filled */
  width: number;
  /** the line lacks a landmark it has begun (an envelope without a header, `… 1064 evic`): what follows is its rest */
  cut: boolean;
  /** a record (journal JSON, the JSON logging format) cut before its end */
  record: boolean;
  /** the line-number gutter it begins with (`46949 `: `gutterNumber`), -1: none; or -2: it begins with a tab (a paste's indentation) */
  gutter: number;
  /** located as a line of the kubelet's run (`runLine`): read as the run's (`takeRun`) when nothing went on it */
  inRun: boolean;
}

/** All counters at zero: the one place that lists them. */
export function newCounters(): Counters {
  return { lines: 0, kubeletLines: 0, events: 0, unrecognized: 0, skipped: 0, duplicates: 0, otherLines: 0, verboseLines: 0 };
}

/** Add `b` into `a`, counter by counter. */
export function addCounters(a: Counters, b: Counters): void {
  for (const k of Object.keys(a) as Array<keyof Counters>) a[k] += b[k];
}

export class LineAnalyzer {
  readonly counters: Counters = newCounters();
  readonly unrecognized: UnrecognizedLine[] = [];
  private readonly skips = new Map<string, SkipReason>();
  private readonly nodes = new Map<string, NodeState>();
  /** the node states of the last hosts seen by the fast path (found without slicing the host) */
  private readonly hot: NodeState[] = [];
  private block: Block | undefined;
  private pendingMarker: { marker: 'boot' | 'reboot'; detail: string; src: Provenance } | undefined;
  /** the boot each host's entries were last marked with (`-- Boot <id> --`): a change of host is no new boot */
  private readonly bootOf = new Map<string, string>();
  /** the node of the first kubelet line, and whether another node's came after it (`track`) */
  private firstHost: string | undefined;
  private manyHosts = false;
  /**
   * A start systemd announced in a line without time (`journalctl -o cat`): it is the start of the
   * kubelet lines that follow, so it takes the time of the next one (the line before's would be
   * the stop's, hours earlier).
   */
  private announced: { c: Classified; src: Provenance; text: string; node: string } | undefined;
  /**
   * A `systemctl status` block of the kubelet's unit being read (STATUS_UNIT), and its `Active:`
   * line waiting for the `Main PID:` line that gives its PID or exit status.
   */
  private unitStatus: { active: StatusActive | undefined } | undefined;
  /** the line of the last status header of another unit (its `Loaded:` line under it is not the kubelet's) */
  private otherUnitAt = -1;
  /** what a year-less stamp's year is inferred from: `--year`, the clock, the span the input states (`-- Logs begin at … --`, klog's file header) */
  private years: YearOptions;
  /** what that span is, in words, for the note that says the year was inferred */
  yearBasis: string | undefined;
  /**
   * The zone the input says its stamps are printed in, with the offset they were read in, and
   * whether any stamp was read in `--timezone` (a wall time): journalctl's first line (`-- Logs
   * begin at … CEST, … --`), or a pasted `systemctl status`'s `Active: … since Thu 2024-08-15
   * 17:28:19 +07;` (systemctl prints its times in the zone journalctl prints the tail under it in)
   */
  statedZone: { token: string; offset: number; readOffset: number; by: string; said: string; evidence: Provenance } | undefined;
  readWall = false;
  /** last resolved time, for lines that carry none (a header stripped by the reporter) */
  private lastAt = NaN;
  /** `wallToMs`: the wall-clock hour (`wallHourKey`) whose first second is `wallHourMs` UTC, the whole hour at one offset */
  private wallHour = -1;
  private wallHourMs = NaN;
  /**
   * How many times this input's kubelet lines went back in time, and the time of the newest: an
   * entry repeated within one pass (systemd restarting the kubelet twice in one second writes the
   * same line twice) is two entries; repeated after a step back (a paste or a concatenation that
   * repeats a stretch) it is one (src/analyze/order.ts).
   */
  private pass = 0;
  private passAt = NaN;
  /** where `locate` puts what it finds of the line being read */
  private v: Located = newLocated();
  /** the envelope of the last kubelet line the fast path took, and its node: the lines after it with the same (`runLine`) */
  private readonly run: Run = newRun();
  private runNode: NodeState | undefined;
  /** whether the run's identifier is the kubelet's own (its lines without a klog header are the kubelet's stderr: fastLine's noHeader) */
  private runHeaderless = false;
  /** the same for another program's lines without a klog header, and how its identifier reads (`IDENT`) */
  private readonly otherRun: Run = newRun();
  private otherKind: number = IDENT.Unknown;
  /** where the line that waits in case a terminal wrapped it (`wrapped`) was located, while it is in its buffer */
  private wv: Located = newLocated();
  /** the same for a journal JSON record's message (`fastRecord`), and that message with its escapes undone (or a store record's message: `fastDecoded`) */
  private readonly mv: Located = newLocated();
  private readonly msgBuf = Buffer.alloc(3 * SPLIT_AT);
  /** nodes whose newest line is held as bytes of the current `pushBytes` buffer */
  private readonly holding: NodeState[] = [];
  private readonly exported = new ExportAssembler();
  private readonly verbose = new VerboseAssembler();
  /** per host: wall ms − monotonic ms of the current boot (short-monotonic) */
  private readonly monoOffset = new Map<string, number>();
  /** nodes whose kubelet logged at --v>=3 (the verbosity is a per-node flag) */
  readonly verboseNodes = new Set<string>();
  /** the last identifiers seen on the byte path, with how each is read (`IDENT`) */
  private readonly idents: Array<{ bytes: Uint8Array; kind: number }> = [];
  /** the identifier of the last store record on the fast path (`fastDecoded`), and how it reads */
  private recIdent: string | undefined = '';
  private recIdentKind: number = IDENT.Unknown;
  /** what `fastMessage` found the message it cleared repeats (`repeatOf`; undefined: nothing a rule wants) */
  private repeat: Classified | undefined;
  /**
   * The node of lines that name none: the host of the kubelet lines before them in this input,
   * or the node the kubelet's own words name (`Successfully registered node worker-1`); until
   * one is known, their events wait in `held` (at most PENDING_LINES lines), then go to the
   * fallback (`--node-name`'s absence: the file name, or `unknown`).
   */
  private inputNode: string | undefined;
  private readonly held: KubeletEvent[] = [];
  /** the time, PID (-1: none) and number of each line held with them, for the coverage */
  private readonly heldLines: number[] = [];
  private heldSince = -1;
  /** the widest line so far (display columns): a line as wide may have been wrapped */
  private maxWidth = 0;
  /** the line waiting in case a terminal wrapped it */
  private wrapped: Wrapped | undefined;
  /** the width lines were seen wrapped at in this input */
  private wrapWidth = 0;
  /** a width several lines of a stretch shared as their greatest: a terminal's, likely */
  private wrapSeen = 0;
  /** where the lines of the stretch being read end */
  private ends = new Int32Array(4096);
  /** lines the fast path took (dropped on their bytes): for tests and the bench */
  fastLines = 0;
  /** of those, the lines located as a run's (`runLine`) */
  runLines = 0;
  /** of those, the records read in place (`fastEntry`: no `JSON.parse`, no record stage) */
  inPlaceRecords = 0;
  /** lines read through a paste's damage, by kind (Damage bits) */
  readonly damaged = { prefix: 0, noStamp: 0, header: 0 };
  /** the first line that has eviction words but no landmark the tool can place, and how many */
  unplaced: UnplacedLines | undefined;

  constructor(
    readonly input: string,
    private readonly opts: AnalyzeOptions,
  ) {
    if (opts.defaultNode !== undefined) this.inputNode = opts.defaultNode;
    this.years = opts;
  }

  /**
   * Feed one line (without its line end). Returns the events it completed (an empty
   * array shared between calls when there are none: read it, do not keep or change it).
   */
  push(raw: string, lineNo: number): KubeletEvent[] {
    const out: KubeletEvent[] = [];
    const b = Buffer.from(raw, 'utf8');
    this.lineAt(b, 0, b.length, lineNo, out, b.indexOf(0) !== -1, isAscii(b));
    this.release(b);
    return out;
  }

  /**
   * Feed the lines held in `b[start, end)`, as read (UTF-8): each ends with `\n`, except a last
   * one at the end of input; a CR before the `\n` is cut. Events go to `out`, in line order.
   * Returns the number of lines. Nothing of `b` is kept after the call: the caller may reuse it.
   */
  pushBytes(b: Buffer, start: number, end: number, firstLineNo: number, out: KubeletEvent[]): number {
    const ascii = isAscii(b.subarray(start, end));
    // where each line ends (its `\n`), and how many lines share the greatest width: lines a
    // terminal wrapped are all as wide as the terminal, which a single long line is not
    let count = 0;
    let widest = 0;
    let atWidest = 0;
    for (let p = start; p < end; count++) {
      let nl = b.indexOf(0x0a, p);
      if (nl === -1 || nl > end) nl = end;
      if (count >= this.ends.length) {
        const grown = new Int32Array(this.ends.length * 2);
        grown.set(this.ends);
        this.ends = grown;
      }
      this.ends[count] = nl;
      const e = nl - (nl > p && b[nl - 1] === 0x0d ? 1 : 0);
      // (a line of fewer bytes than the widest has fewer columns too)
      const len = ascii || e - p < widest ? e - p : displayWidth(b, p, e);
      if (len > widest) {
        widest = len;
        atWidest = 1;
      } else if (len === widest) atWidest++;
      p = nl + 1;
    }
    if (atWidest >= 2 && widest >= WRAP_MIN && widest >= this.maxWidth) this.wrapSeen = widest;
    // the next NUL (rare: found by a native scan rather than per line, within [start, end): a
    // caller may give a large buffer a range at a time)
    const range = b.subarray(start, end);
    let nul = range.indexOf(0);
    nul = nul === -1 ? end : start + nul;
    let p = start;
    for (let k = 0; k < count; k++) {
      const nl = this.ends[k]!;
      let e = nl;
      if (e > p && b[e - 1] === 0x0d) e--;
      if (nul < p) {
        nul = range.indexOf(0, p - start);
        nul = nul === -1 ? end : start + nul;
      }
      if (b[p] === 0x5f && b[p + 1] === 0x5f && !this.exported.active && this.wrapped === undefined && this.opts.fastPath !== false) {
        // `__CURSOR=`: an export record, read in place when it can be
        let n = this.fastExport(b, p, k, count, firstLineNo + k, ascii, out);
        if (n !== 0) {
          // (negative: the record's lines were read as its entry, down the full path)
          if (n > 0) this.fastLines += n;
          else n = -n;
          k += n - 1;
          p = this.ends[k]! + 1;
          continue;
        }
      }
      // (a line of a chunk that is not all ASCII is tested where it matters: its payload, fastLine)
      if (nul >= e && this.opts.fastPath !== false && this.runLine(b, p, e, firstLineNo + k, ascii, out)) {
        p = nl + 1;
        continue;
      }
      this.lineAt(b, p, e, firstLineNo + k, out, nul < e, ascii);
      p = nl + 1;
    }
    this.release(b);
    return count;
  }

  /**
   * Read one line `b[s, e)`. Records and markers (journal JSON, export fields, `-- Boot --`) and
   * lines with NUL bytes are the decoders' (as strings); every text line is located once
   * (`locate`), and then either dropped on its bytes (`fastLine`: a kubelet line no rule or watch
   * can want) or decoded from what was located and read in full (`decoded`).
   */
  private lineAt(b: Buffer, s: number, e: number, lineNo: number, out: KubeletEvent[], nul: boolean, ascii: boolean): void {
    this.counters.lines++;
    if (nul || this.exported.active || (b[s] === 0x5f && b[s + 1] === 0x5f && b[s + 2]! >= 0x41 && b[s + 2]! <= 0x5a) /* __CURSOR= */) {
      this.unwrap(out);
      this.record(b.toString('utf8', s, e), lineNo, out);
      return;
    }
    // `journalctl -o verbose`: a header with the cursor, then the entry's fields
    if (this.verbose.active || verboseHeaderAt(b, s, e)) {
      this.unwrap(out);
      const r = this.verbose.push(b.toString('utf8', s, e), lineNo);
      if (r.record) this.exportRecord(r.record, out, 'verbose');
      if (r.consumed) return;
    }
    const r0 = recordStart(b, s, e);
    const rec = r0 !== -1;
    const i = rec ? r0 : s;
    const c0 = b[i];
    const v = this.v;
    if (!rec) locate(b, s, e, v);
    const blank = !rec && (v.lineStart >= e || gutterOnly(b, v.lineStart, e));
    // (display columns are needed only against a waiting line or the widest so far: a line of
    // fewer bytes than those has fewer columns too, and its bytes stand in for them)
    const bytes = e - s;
    const width = ascii || (this.wrapped === undefined && (bytes < WRAP_MIN || bytes < this.maxWidth)) ? bytes : displayWidth(b, s, e);
    // the rest of a line a terminal wrapped: no envelope, and no header of its own (whole or cut)
    // at its start, at most as wide as the row it goes on
    const w = this.wrapped;
    if (w !== undefined) {
      // (a row of a wrapped JSON value may begin with `{`: a record it is not, unless it is one whole)
      const partRecord = rec && c0 === 0x7b && !wholeRecord(b.toString('utf8', i, e));
      if (partRecord) locate(b, s, e, v);
      // (a row that ends a line and begins one glued to it: words, then an envelope and a header)
      const glued = !rec && proseBefore(b, s, v);
      const goesOn =
        (!rec || partRecord) &&
        !blank &&
        (v.env === Env.None || (w.cut && v.env === Env.HostOnly) || glued) &&
        width <= w.width &&
        // (a paste numbers and indents lines, not rows: a row with the gutter's next number, or
        // indented by a tab as the line was, is the next line, at any width)
        (w.gutter === -1 || (w.gutter === -2 ? b[s] !== 0x09 : gutterNumber(b, s, e) !== w.gutter + 1024)) &&
        // (after a line of a systemctl status block — text alone, no envelope — a `Field: value`
        // line is a line of its own at any width)
        (this.unitStatus === undefined || w.record || this.wv.env !== Env.None || this.wv.hdr !== Hdr.None || !statusField(b, s, e)) &&
        (w.cut || glued || (v.hdr === Hdr.None && !STAMP_FIRST.test(b.toString('latin1', s, Math.min(e, s + 80))))) &&
        // at a width known to be the terminal's (a common one, one seen wrapped, one several
        // rows share) anything goes on; else only what goes on mid-word (a lower-case letter, a
        // digit, punctuation: not the capital of a sentence of prose after the paste)
        (w.cut ||
          w.width === this.wrapWidth ||
          w.width === this.wrapSeen ||
          TERMINAL_WIDTHS.has(w.width) ||
          // (an indented `Field: value` line — systemctl status — is a line of its own, behind a gutter too)
          (GOES_ON.test(b.toString('latin1', s, Math.min(e, s + 40))) && !statusField(b, s, e)) ||
          // the rest of a quoted FLAG value or of a bracket the line ends inside, whatever it begins with
          this.closesOpen(w, b, s, e)) &&
        // (nothing goes on a whole JSON record behind a paste's prompt or indentation)
        !this.wholeRecordWaits(w) &&
        // (klog's log file header starts a file, a fence closes a paste: a row of either is a line of its own)
        !ROW_OF_ITS_OWN.test(b.toString('latin1', s, Math.min(e, s + 40)));
      if (goesOn) {
        this.wrapWidth = w.width;
        const row = b.toString('utf8', s, e);
        w.raw = this.wrappedText(w) + row;
        w.buf = undefined;
        // (the cut is mended; the row just added may end in a cut of its own)
        w.cut = CUT_HEADER_TAIL.test(row) || CUT_STAMP.test(w.raw);
        // a full row goes on again; a shorter one ends the line
        if (width < w.width) this.unwrap(out);
        return;
      }
      // (it is read from where it was located, `wv`: this line's `v` stays as it is)
      this.unwrap(out);
    }
    if (rec) {
      // a JSON record cut before its end, or a store's framed text line (logcli) cut inside the
      // stamp or the host of its message: the widest line so far, its rest may follow
      if (
        width >= WRAP_MIN &&
        width >= this.maxWidth &&
        (c0 === 0x7b ? b[e - 1] !== 0x7d : c0 !== 0x1e && c0 !== 0x2d && endsInCutStamp(b, Math.max(i, e - 120), e))
      ) {
        this.maxWidth = width;
        this.wrapped = {
          raw: b.toString('utf8', i, e),
          buf: undefined,
          start: 0,
          end: 0,
          ascii,
          lineNo,
          width,
          cut: true,
          record: true,
          gutter: gutterNumber(b, s, e),
          inRun: false,
        };
        return;
      }
      // (`journalctl -o json-seq` puts a record separator before each record: the decoder drops it)
      if ((c0 === 0x7b || (c0 === 0x1e && b[i + 1] === 0x7b)) && this.opts.fastPath !== false) {
        const scanned = this.fastRecord(b, c0 === 0x7b ? i : i + 1, e, lineNo, ascii, out);
        if (scanned === true) {
          this.fastLines++;
          return;
        }
        // (one the prefilter keeps, an event most likely: its entry from the same scan, not JSON.parse)
        const j = scanned === undefined ? undefined : recordEntry(b, scanned, this.msgBuf, 'json');
        if (j !== undefined) {
          this.decoded(j, { input: this.input, line: lineNo }, out);
          return;
        }
        if (
          scanned === undefined &&
          c0 === 0x7b &&
          (this.fastLogcli(b, i, e, lineNo, ascii, out) || this.fastEcs(b, i, e, lineNo, ascii, out))
        ) {
          this.fastLines++;
          return;
        }
      }
      if (b[i]! >= 0x30 && b[i]! <= 0x39 && this.opts.fastPath !== false && this.fastFluentd(b, i, e, lineNo, ascii, out)) {
        this.fastLines++;
        return;
      }
      if (c0 === 0x2d && this.block === undefined && this.opts.fastPath !== false && bootMarker(b, i, e)) {
        // `-- Boot <id> --` read on its bytes, as decodeJournalLine and `decoded` read it (a journal
        // of several hosts has one between every two hosts' entries)
        this.pendingMarker = { marker: 'boot', detail: nameAt(b, i + 8, e - 3), src: { input: this.input, line: lineNo } };
        this.monoOffset.clear();
        this.fastLines++;
        return;
      }
      this.record(b.toString('utf8', i, e), lineNo, out);
      return;
    }
    if (blank) {
      this.decoded(BLANK, { input: this.input, line: lineNo }, out);
      return;
    }
    if (width >= WRAP_MIN && width >= this.maxWidth) {
      this.wait(b, s, e, lineNo, ascii, width, v, false);
      return;
    }
    this.read(b, s, e, lineNo, out, ascii, v);
  }

  /**
   * The widest text line so far, located in `v`, may have been cut by a terminal: it waits for
   * the next line where it is, in its buffer and located (the next line is located into the
   * other Located). `inRun`: located as a line of the kubelet's run (`runLine`).
   */
  private wait(b: Buffer, s: number, e: number, lineNo: number, ascii: boolean, width: number, v: Located, inRun: boolean): void {
    this.maxWidth = width;
    // (cut: a stamp or header the row ends in, an envelope whose message is still to come)
    // (or, with a header, a stamp a row ends in: the start of a line glued to it, cut by the terminal)
    const cut =
      v.hdr === Hdr.None
        ? v.env === Env.None
          ? isJunkOrStamp(b, v.lineStart, e)
          : messageCut(b, v.msgStart, e)
        : endsInCutStamp(b, Math.max(v.textStart, e - 120), e);
    this.wrapped = {
      raw: undefined,
      buf: b,
      start: s,
      end: e,
      ascii,
      lineNo,
      width,
      cut,
      record: false,
      gutter: gutterNumber(b, s, e),
      inRun,
    };
    this.v = this.wv;
    this.wv = v;
  }

  /** The line that waited in case a terminal wrapped it is read now, with what went on it. */
  private unwrap(out: KubeletEvent[]): boolean {
    const w = this.wrapped;
    if (w === undefined) return false;
    this.wrapped = undefined;
    if (w.record) {
      this.record(w.raw!, w.lineNo, out);
      return false;
    }
    if (w.buf !== undefined) {
      // still in its buffer, as it was located: read it there (a line of the kubelet's run as
      // runLine reads one: nothing was read since it waited, so the run is as it was)
      if (w.inRun && !this.heldUp() && this.takeRun(w.buf, w.start, w.end, w.lineNo, w.ascii, this.wv, out)) return true;
      this.read(w.buf, w.start, w.end, w.lineNo, out, w.ascii, this.wv);
      return false;
    }
    const b = Buffer.from(w.raw!, 'utf8');
    locate(b, 0, b.length, this.wv);
    this.read(b, 0, b.length, w.lineNo, out, isAscii(b), this.wv);
    return false;
  }

  /**
   * Does the row `b[s, e)` close what the waiting line ends inside: a FLAG line's quoted value
   * (`FLAG: --eviction-hard="memory.available<100` + `Mi,nodefs…"`: `%q` always closes it) with no
   * space up to the quote, or a bracket (`node has conditions: [Disk` + `Pressure]`) with no space
   * up to the one that closes it? (Asked only of a row no other sign says goes on: it reads the
   * waiting line's end.)
   */
  private closesOpen(w: Wrapped, b: Buffer, s: number, e: number): boolean {
    const tail = w.raw !== undefined ? w.raw.slice(-4096) : w.buf!.toString('latin1', Math.max(w.start, w.end - 4096), w.end);
    if (FLAG_OPEN.test(tail) && FLAG_REST.test(b.toString('latin1', s, Math.min(e, s + 4096)))) return true;
    const closer = openBracket(tail);
    return closer !== '' && closesBracket(b, s, e, closer.charCodeAt(0));
  }

  /** Is the waiting text line a whole JSON record behind a paste's prefix (`#   {"ts":…,"msg":…}`)? Nothing goes on it. */
  private wholeRecordWaits(w: Wrapped): boolean {
    if (w.record) return false;
    const text = this.wrappedText(w);
    if (!text.endsWith('}')) return false;
    const i = text.indexOf('{');
    return i !== -1 && wholeRecord(text.slice(i));
  }

  /** The text of the line that waits. */
  private wrappedText(w: Wrapped): string {
    return w.raw ?? w.buf!.toString('utf8', w.start, w.end);
  }

  /** Read a line located in `v`: dropped on its bytes (`fastLine`), or decoded and read in full. */
  private read(b: Buffer, s: number, e: number, lineNo: number, out: KubeletEvent[], ascii: boolean, v: Located): void {
    if (v.damage !== 0) {
      if ((v.damage & Damage.Prefix) !== 0) this.damaged.prefix++;
      if ((v.damage & Damage.NoStamp) !== 0) this.damaged.noStamp++;
      if ((v.damage & Damage.Header) !== 0) this.damaged.header++;
    }
    this.readPart(b, s, e, lineNo, out, ascii, v);
  }

  /**
   * `read` without the damage counts: the fast path, else the full path, unless the line holds
   * a second journal line a paste glued to it (its newline lost) and a rule may want it: then
   * each is read as a line of its own, at this line's number.
   */
  private readPart(b: Buffer, s: number, e: number, lineNo: number, out: KubeletEvent[], ascii: boolean, v: Located): void {
    if (this.opts.fastPath !== false && this.fastLine(b, s, e, lineNo, v, ascii, out)) {
      this.fastLines++;
      return;
    }
    // (only a line a rule may want: one the prefilter clears is the fast path's whole, either way)
    const g = v.env !== Env.None && v.hdr === Hdr.Klog ? gluedLineAt(b, v.textStart, e) : -1;
    if (g !== -1 && mayWant(b, v.fileStart, v.fileEnd, v.textStart, e)) {
      const gv = newLocated();
      locate(b, g, e, gv);
      if (gv.env !== Env.None && gv.env !== Env.HostOnly && gv.hdr === Hdr.Klog && gv.damage === 0) {
        // the first ends before the spaces, and a gutter's next number, before the second
        let cut = blanksBefore(b, v.textStart, g);
        if (gutterNumber(b, s, e) >= 0) {
          let d = cut;
          while (d > v.textStart && b[d - 1]! >= 0x30 && b[d - 1]! <= 0x39) d--;
          if (d < cut && (b[d - 1] === 0x20 || b[d - 1] === 0x09)) cut = blanksBefore(b, v.textStart, d);
        }
        this.readPart(b, s, cut, lineNo, out, ascii, v);
        this.readPart(b, g, e, lineNo, out, ascii, gv);
        return;
      }
    }
    const j = entryOf(b, e, v);
    // the header was located with the line; a JSON-format payload is the klog decoder's
    const rec = b[v.msgStart] === 0x7b ? undefined : recordOf(b, e, v);
    this.decoded(j, { input: this.input, line: lineNo }, out, rec);
  }

  /** A record or marker line, as text: `-o export` records span many lines (and binary fields hold NULs). */
  private record(raw: string, lineNo: number, out: KubeletEvent[]): void {
    if (this.exported.active || /^__[A-Z]/.test(raw)) {
      const r = this.exported.push(raw, lineNo);
      if (r.record) this.exportRecord(r.record, out);
      if (r.consumed) return;
    }
    // a log-store record or a store's text framing (src/records; `journalctl -o json` is one of
    // its shapes), else the journal decoder's (a marker, json-seq, the JSON logging format)
    const j = decodeRecordLine(raw, this.opts.records);
    if (j !== undefined && this.opts.fastPath !== false && this.fastDecoded(j, lineNo, out)) {
      this.fastLines++;
      return;
    }
    this.decoded(j ?? decodeJournalLine(raw), { input: this.input, line: lineNo }, out);
  }

  /**
   * What is still held as bytes of `b` becomes strings: a node's newest line. `pushBytes` keeps
   * nothing of its buffer, so the reader may reuse it.
   */
  private release(b: Buffer): void {
    const w = this.wrapped;
    if (w !== undefined && w.buf === b) {
      w.raw = this.wrappedText(w);
      w.buf = undefined;
    }
    for (const st of this.holding) {
      if (st.lastBuf !== b) continue;
      st.lastRaw = b.toString('utf8', st.lastStart, st.lastEnd);
      st.lastBuf = undefined;
    }
    this.holding.length = 0;
  }

  private exportRecord(r: ExportRecord, out: KubeletEvent[], format: 'export' | 'verbose' = 'export'): void {
    const j = journalEntry(r.fields, format, r.lossy.includes('MESSAGE'));
    this.decoded(j, { input: this.input, line: r.firstLine }, out);
  }

  /**
   * An entry, decoded. `rec` is its klog record when the line was located (else the message is
   * decoded here).
   */
  private decoded(j: JournalLine, src: Provenance, out: KubeletEvent[], rec?: KlogRecord): void {
    // A klog multi-line value (`key=<` ... ` >`, klog ≥ 2.40) arrives as one journal entry per
    // physical line, none with a klog header.
    if (this.block) {
      if (j.type === 'entry' && this.continues(j)) {
        this.counters.kubeletLines++;
        this.block.parts.push(j.message);
        const full = this.block.parts.length >= MAX_BLOCK_LINES;
        if ((this.block.mode === 'klog' && j.message.trim() === '>') || full) this.flushBlock(out);
        else if (this.block.mode === 'split' && j.message.length < SPLIT_AT) this.flushBlock(out);
        return;
      }
      this.flushBlock(out);
    }

    switch (j.type) {
      case 'blank':
        return;
      case 'undecodable':
        this.skip(src, j.reason);
        return;
      case 'marker':
        // A marker names no host: it belongs to the node of the entry after it.
        // journalctl's first line before systemd 250 states the journal's span: year-less stamps fall inside it
        if (j.marker === 'logs-begin') {
          const span = journalSpan(j.detail);
          if (span !== undefined) this.dateFrom(span, `the date the journal begins at ("-- ${j.detail} --")`);
          // (and the zone its stamps are printed in)
          const token = journalZone(j.detail);
          const offset = token === undefined ? undefined : tokenOffset(token);
          if (span !== undefined && token !== undefined && offset !== undefined && this.statedZone === undefined) {
            this.statedZone = {
              token,
              offset,
              readOffset: this.opts.zone.offsetAt(span.from + 12 * 3_600_000),
              by: 'journalctl',
              said: `-- ${j.detail} --`,
              evidence: src,
            };
          }
        }
        if (j.marker === 'boot' || j.marker === 'reboot') {
          this.pendingMarker = { marker: j.marker, detail: j.detail, src };
          this.monoOffset.clear(); // monotonic time restarts with the boot
        }
        return;
      case 'entry':
        break;
    }
    const opens = j.message.endsWith('=<');
    if ((opens || j.message.length >= SPLIT_AT) && (this.isKubeletIdent(j) || (rec ?? decodeKlog(j.message)).header !== 'none')) {
      this.counters.kubeletLines++;
      this.block = { first: src, journal: j, parts: [j.message], mode: opens ? 'klog' : 'split' };
      return;
    }
    this.entry(j, j.message, src, out, false, rec);
  }

  /**
   * The input paused at a line end (a live journal between lines): the line held in case a
   * terminal wrapped it is read now rather than when the next line comes. Events go to `out`.
   */
  idle(out: KubeletEvent[]): void {
    this.unwrap(out);
  }

  /** End of input: flush what is pending. */
  end(): KubeletEvent[] {
    const out: KubeletEvent[] = [];
    this.unwrap(out);
    const rec = this.exported.flush();
    if (rec) this.exportRecord(rec, out);
    const verbose = this.verbose.flush();
    if (verbose) this.exportRecord(verbose, out, 'verbose');
    if (this.block) this.flushBlock(out);
    if (this.announced) this.announce(this.lastAt, this.announced.node, out);
    this.endStatus(out);
    if (this.heldSince !== -1) this.settle(this.opts.fallbackNode ?? UNKNOWN_NODE, out);
    return out;
  }

  /** The start systemd announced without a time, at `at` (the kubelet's next line, or the last time seen). */
  private announce(at: number, node: string, out: KubeletEvent[]): void {
    const a = this.announced!;
    this.announced = undefined;
    const at0 = out.length;
    this.fromClassified(out, a.c, at, node, identify(a.src, a.text, undefined, undefined, this.passOf(at)));
    // (no node known yet: it waits with the lines that wait for theirs)
    if (node === PENDING && this.heldSince !== -1) {
      this.holdBack(out, at0);
    }
  }

  /**
   * A line of a pasted `systemctl status` (STATUS_UNIT): true when it was one and is read. The
   * `Active:` line of the kubelet's unit is a start (`active`) or a stop (anything else) at its
   * `since` time, told once the `Main PID:` line (or the block's end) has said the PID or status.
   */
  private statusLine(text: string, src: Provenance, node: string, out: KubeletEvent[]): boolean {
    const u = STATUS_UNIT.exec(text);
    if (u) {
      this.endStatus(out);
      if (KUBELET_UNIT.test(u[1]!)) this.unitStatus = { active: undefined };
      else this.otherUnitAt = src.line;
      this.counters.otherLines++;
      return true;
    }
    if (!this.unitStatus) {
      // (not the `Loaded:` line right under another unit's header)
      const l = STATUS_LOADED.exec(text);
      if (!l || !KUBELET_UNIT.test(l[1]!) || this.otherUnitAt === src.line - 1) return false;
      this.unitStatus = { active: undefined };
      this.counters.otherLines++;
      return true;
    }
    const st = this.unitStatus;
    const a = STATUS_ACTIVE.exec(text);
    if (a) {
      this.endStatus(out);
      this.unitStatus = st;
      const zone = a[10];
      const [year, month, day, hour, minute, second] = a.slice(4, 10).map(Number) as [number, number, number, number, number, number];
      // (the zone as short-full's: UTC, GMT or an offset pin the instant, an abbreviation is read in --timezone)
      const offset = zone === undefined ? NaN : zoneOffset(Buffer.from(zone, 'latin1'), 0, zone.length);
      const wallMs = Date.UTC(year, month - 1, day, hour, minute, second);
      const stamp: Stamp = Number.isNaN(offset)
        ? { kind: 'wall', year, month, day, hour, minute, second }
        : { kind: 'instant', ms: wallMs - offset * 60_000, precise: false };
      st.active = { state: a[1]!, sub: a[2]!, result: a[3], stamp, src, text: own(text.trim()), node };
      // (the zone systemctl printed it in is the one of the journal tail pasted under it)
      const stated = zone === undefined ? undefined : tokenOffset(zone);
      if (stated !== undefined && this.statedZone === undefined) {
        this.statedZone = {
          token: zone!,
          offset: stated,
          readOffset: this.opts.zone.offsetAt(wallMs - stated * 60_000),
          by: 'systemctl status',
          said: own(text.trim().replace(/;.*$/, '')),
          evidence: src,
        };
      }
      this.counters.kubeletLines++;
      return true;
    }
    const m = STATUS_PID.exec(text);
    if (m && st.active) {
      const what = m[2]!;
      const status = /status=([^),]+)/.exec(what)?.[1];
      this.statusEvent(st.active, what.startsWith('code=') ? undefined : Number(m[1]), status, out);
      st.active = undefined;
      this.counters.otherLines++;
      return true;
    }
    if (STATUS_FIELD.test(text)) {
      this.counters.otherLines++;
      return true;
    }
    this.endStatus(out);
    return false;
  }

  /** The status block ended: its `Active:` line, if still waiting, is told as it is. */
  private endStatus(out: KubeletEvent[]): void {
    const a = this.unitStatus?.active;
    this.unitStatus = undefined;
    if (a) this.statusEvent(a, undefined, undefined, out);
  }

  private statusEvent(a: StatusActive, pid: number | undefined, status: string | undefined, out: KubeletEvent[]): void {
    const at = this.stampToMs(a.stamp, this.yearsOf(this.state(a.node)));
    const src = identify(a.src, a.text, a.stamp, undefined, this.passOf(at));
    const at0 = out.length;
    if (a.state === 'active' || a.state === 'reloading') {
      // (systemd's own `Started` line may follow in the journal tail: the same start, as after `Starting`)
      this.emit(out, 'kubelet-start', at, a.node, src, { via: 'systemd', starting: true, ...(pid !== undefined ? { pid } : {}) });
    } else {
      const detail = `Active: ${a.state} (${a.sub})${a.result ? ` (Result: ${a.result})` : ''}`;
      this.emit(out, 'kubelet-stop', at, a.node, src, { detail, ...(status !== undefined ? { status } : {}) });
    }
    // (no node known yet: it waits with the lines that wait for theirs)
    if (a.node === PENDING) {
      if (this.heldSince === -1) this.heldSince = a.src.line;
      this.holdBack(out, at0);
    }
  }

  /** The events `out` gained since `at0` wait, with the lines that wait for their node, until it is known (`settle`). */
  private holdBack(out: KubeletEvent[], at0: number): void {
    for (let k = at0; k < out.length; k++) this.held.push(out[k]!);
    out.length = at0;
  }

  /** How the identifier `b[s, e)` is read (`IDENT`), remembered for the last few seen. */
  private identOf(b: Uint8Array, s: number, e: number): number {
    const ids = this.idents;
    const len = e - s;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id.bytes.length !== len) continue;
      let k = 0;
      while (k < len && id.bytes[k] === b[s + k]) k++;
      if (k === len) return id.kind;
    }
    const kind = identKind(Buffer.prototype.toString.call(b, 'utf8', s, e));
    if (ids.length >= 16) ids.shift();
    ids.push({ bytes: Uint8Array.prototype.slice.call(b, s, e), kind });
    return kind;
  }

  /**
   * The fast path: a kubelet line with a whole klog header that no rule or watch can want (the
   * byte prefilter, `bytescan.ts`, says so) is counted, checked for a pasted duplicate, a hole in
   * the journal and a PID change, and dropped without building a string or the journal and klog
   * records. False sends the line down the full path: it might be wanted, or it is of a shape the
   * full path reads (a block, a marker pending, a stamp with an abbreviated zone, …).
   */
  private fastLine(b: Buffer, s: number, e: number, lineNo: number, v: Located, ascii: boolean, out: KubeletEvent[]): boolean {
    if (this.block !== undefined || this.announced !== undefined || this.heldSince !== -1) return false;
    const env = v.env;
    // (an envelope whose host a paste cut out: its node is the input's, as the full path decides)
    if (env !== Env.None && v.hostEnd === v.hostStart) return false;
    // (a boot marker pending is settled by a kubelet line's host, below, or on the full path)
    if (this.pendingMarker !== undefined && (v.hdr !== Hdr.Klog || env === Env.None)) return false;
    // the kubelet's own line without a klog header (its stderr, a wrapper's output, a probe's)
    let noHeader = false;
    if (v.hdr === Hdr.None) {
      if ((env !== Env.Short && env !== Env.Iso && env !== Env.Unix && env !== Env.Mono && env !== Env.Full) || v.damage !== 0)
        return false;
      const kind = this.identOf(b, v.identStart, v.identEnd);
      if (kind !== IDENT.Kubelet || env === Env.Mono) {
        // another program's line (no klog header, not the kubelet's identifier): only counted
        if (!this.otherLine(b, v.msgStart, e, kind)) return false;
        // (its host counts towards telling one host's journal from several hosts': markerBoots)
        this.sawHostAt(b, v.hostStart, v.hostEnd);
        // (the lines after it with its envelope are located as its run's: runLine)
        if (env !== Env.Mono && runOf(b, v, this.otherRun)) this.otherKind = kind;
        return true;
      }
      // (not the JSON logging format, journalctl's note of a binary entry, or docker's lines)
      if (b[v.msgStart] === 0x7b || blobTail(b, v.msgStart, e) || bytesEqualText(b, v.identStart, v.identEnd, DOCKERD)) return false;
      noHeader = true;
    } else if (v.hdr !== Hdr.Klog) return false;
    if (env !== Env.Short && env !== Env.Iso && env !== Env.Full && env !== Env.Unix && env !== Env.Mono && env !== Env.None) return false;
    if ((env === Env.Iso || env === Env.Full) && Number.isNaN(v.offset)) return false;
    if (env === Env.None && this.inputNode === undefined) return false;
    const rep = this.cleared(b, e, v, ascii, noHeader);
    if (rep === false) return false;
    let st: NodeState;
    if (env !== Env.None) {
      const kind = this.identOf(b, v.identStart, v.identEnd);
      if (this.pendingMarker !== undefined && kind !== IDENT.Kubelet && kind !== IDENT.Unknown) return false;
      if (kind === IDENT.Other) {
        if (rep !== undefined) return false;
        this.counters.otherLines++;
        this.sawHostAt(b, v.hostStart, v.hostEnd);
        return true;
      }
      if (kind !== IDENT.Kubelet && kind !== IDENT.Unknown) return false;
      st = this.hotNode(b, v.hostStart, v.hostEnd, v.hostHash);
      if (this.pendingMarker !== undefined) {
        // (a new boot of this host is an event: the full path's)
        if (this.markerBoots(st.name)) return false;
        this.markerRead(st.name);
      }
      if (this.opts.defaultNode === undefined) this.inputNode = st.name;
    } else st = this.state(this.inputNode!);
    // (the kubelet lines after it with its envelope are located as its run's: runLine)
    if (runOf(b, v, this.run)) {
      this.runNode = st;
      this.runHeaderless =
        noHeader ||
        (env !== Env.None &&
          this.identOf(b, v.identStart, v.identEnd) === IDENT.Kubelet &&
          !bytesEqualText(b, v.identStart, v.identEnd, DOCKERD));
    }
    return this.take(st, b, s, e, lineNo, v, noHeader, rep, out);
  }

  /**
   * May the fast path take the kubelet line ending at `e` that `v` located (`fastLine`,
   * `runLine`)? Not a klog block's start or a long entry that may continue in the next one, an
   * ASCII payload (the prefilter's soundness, see bytescan.ts: a month token may be `10月`), and
   * nothing a rule or watch can want — unless it repeats a text the classifier read, which is
   * asked first (a few comparisons, where a control loop's lines would each cost a prefilter
   * scan). False when not; else the repeat's classification (undefined: no repeat).
   */
  private cleared(b: Buffer, e: number, v: Located, ascii: boolean, noHeader: boolean): Classified | undefined | false {
    const ms = v.msgStart;
    const ts = v.textStart;
    if (e - ms >= SPLIT_AT || (b[e - 1] === 0x3c && b[e - 2] === 0x3d)) return false;
    if (!ascii && !isAscii(b.subarray(ms, e))) return false;
    const rep = noHeader ? undefined : this.repeatOf(b, ts, e, v.kPid);
    if (rep === undefined && (noHeader ? mayWant(b, ts, ts, ts, e) : mayWant(b, v.fileStart, v.fileEnd, ts, e))) return false;
    return rep;
  }

  /**
   * A line of a run (`locateInRun`): the last kubelet line the fast path took (`fastLine`), or
   * the last other program's line it counted, had this line's envelope, so it is located without
   * a scan of its envelope and, when it is a line `fastLine` would take, taken as `fastLine`
   * takes it. False: the line is `lineAt`'s from its start (and nothing was changed). The caller
   * knows the line has no NUL.
   */
  private runLine(b: Buffer, s: number, e: number, lineNo: number, ascii: boolean, out: KubeletEvent[]): boolean {
    if (this.exported.active || this.verbose.active) return false;
    const v = this.v;
    const r = this.run;
    // whether `v` holds this line, located as the kubelet run's
    let located = false;
    if (this.wrapped !== undefined) {
      // A line with the envelope of the kubelet's run, at its start, is no row of the line that
      // waits (lineAt's `goesOn` wants none, or a cut host alone, or prose before it): that line
      // is read first, as lineAt reads it, and then this one, located again in case the waiting
      // line made the run another's — unless it was read as the run's (`takeRun`), which changes
      // neither the run nor `v`. (The widest line of a control loop waits every 10 s.)
      if (r.env === -1 || r.env === Env.None || !locateInRun(b, s, e, v, r)) return false;
      located = this.unwrap(out);
    }
    // (the widest line so far waits, in case a terminal wrapped it, as lineAt has it wait: an
    // ASCII line of the kubelet's run, no record or marker, waits located as the run's)
    const bytes = e - s;
    if (bytes >= WRAP_MIN && bytes >= this.maxWidth) {
      if (!ascii || r.env === -1 || !(located || locateInRun(b, s, e, v, r))) return false;
      if (verboseHeaderAt(b, s, e) || recordStart(b, s, e) !== -1 || v.lineStart >= e || gutterOnly(b, v.lineStart, e)) return false;
      this.counters.lines++;
      this.wait(b, s, e, lineNo, ascii, bytes, v, true);
      return true;
    }
    if (this.heldUp()) return false;
    if (r.env !== -1 && (located || locateInRun(b, s, e, v, r))) {
      if (!this.takeRun(b, s, e, lineNo, ascii, v, out)) return false;
      this.counters.lines++;
      return true;
    }
    // another program's line without a klog header: counted (fastLine's `otherLine`)
    const o = this.otherRun;
    if (o.env === -1 || !locateInRun(b, s, e, v, o) || v.hdr !== Hdr.None || !this.otherLine(b, v.msgStart, e, this.otherKind))
      return false;
    this.sawHostAt(b, v.hostStart, v.hostEnd);
    this.counters.lines++;
    this.fastLines++;
    this.runLines++;
    return true;
  }

  /** A klog block, a start-up announcement, lines of no node yet or a boot marker waits: the next line is the full path's. */
  private heldUp(): boolean {
    return this.block !== undefined || this.announced !== undefined || this.heldSince !== -1 || this.pendingMarker !== undefined;
  }

  /**
   * A line located in `v` as one of the kubelet's run (`locateInRun`), taken as `fastLine` would
   * take it: false when `fastLine` would not (then nothing was changed). Its line is counted
   * already; the caller knows nothing is held up (`heldUp`).
   */
  private takeRun(b: Buffer, s: number, e: number, lineNo: number, ascii: boolean, v: Located, out: KubeletEvent[]): boolean {
    const ms = v.msgStart;
    // (the kubelet's own line without a klog header: not the JSON logging format or journalctl's note of a binary entry)
    const noHeader = v.hdr === Hdr.None;
    if (noHeader ? !this.runHeaderless || b[ms] === 0x7b || blobTail(b, ms, e) : v.hdr !== Hdr.Klog || v.damage !== 0) return false;
    const rep = this.cleared(b, e, v, ascii, noHeader);
    if (rep === false) return false;
    let st: NodeState;
    if (this.run.env === Env.None) {
      if (this.inputNode === undefined) return false;
      st = this.state(this.inputNode);
    } else {
      st = this.runNode!;
      if (this.opts.defaultNode === undefined) this.inputNode = st.name;
    }
    this.fastLines++;
    this.runLines++;
    this.take(st, b, s, e, lineNo, v, noHeader, rep, out);
    return true;
  }

  /**
   * A kubelet line the fast path takes (`fastLine`, `runLine`), of the node `st`: counted, held as
   * its node's newest line, its time resolved and tracked; the event of a repeat (`rep`) made.
   */
  private take(
    st: NodeState,
    b: Buffer,
    s: number,
    e: number,
    lineNo: number,
    v: Located,
    noHeader: boolean,
    rep: Classified | undefined,
    out: KubeletEvent[],
  ): true {
    const env = v.env;
    const ms = v.msgStart;
    this.counters.kubeletLines++;
    if (st.lastBuf !== b) this.holding.push(st);
    st.lastBuf = b;
    st.lastStart = s;
    st.lastEnd = e;
    st.lastRaw = undefined;
    st.lastDecoded = undefined;
    st.lastMs = NaN;
    // resolve(): the journal's time (year inferred per node for `short`), with the klog header's
    // fraction borrowed when the stamp has whole seconds and the seconds agree; a bare line's
    // time is its header's
    const ys = this.yearsOf(st);
    let at: number;
    let micros: number;
    if (env === Env.Iso || env === Env.Full || env === Env.Unix) {
      at =
        env === Env.Unix
          ? v.seconds * 1000 + v.micros / 1000
          : Date.UTC(v.year, v.month - 1, v.day, v.hour, v.minute, v.second) - v.offset * 60_000 + (v.micros >= 0 ? v.micros / 1000 : 0);
      micros = v.micros;
      anchorHour(st, ys, at, this.opts.zone);
    } else {
      // (a bare line's time is its header's, and so is a `short-monotonic` line's: its stamp is
      // seconds since boot)
      const bare = env === Env.None || env === Env.Mono;
      const month = bare ? v.kMonth : v.month;
      const day = bare ? v.kDay : v.day;
      const hour = bare ? v.kHour : v.hour;
      const minute = bare ? v.kMinute : v.minute;
      const second = bare ? v.kSecond : v.second;
      micros = bare ? v.kMicros : v.micros;
      const hourKey = (month * 32 + day) * 24 + hour;
      const intoHour = (minute * 60 + second) * 1000;
      if (ys.year !== undefined && ys.year === st.hourYear && ys.lastMonth === month && st.hourKey === hourKey && st.hourMs === st.hourMs) {
        // the node's hour of the line before: yearFor would change nothing, and wallToUtc is linear in it
        at = st.hourMs + intoHour;
      } else {
        const year = yearFor(ys, month, day, this.years);
        this.readWall = true;
        at = this.wallToMs(year, month, day, hour, minute, second);
        st.hourKey = hourKey;
        st.hourYear = year;
        st.hourMs = this.wallHour === wallHourKey(year, month, day, hour) ? this.wallHourMs : NaN;
      }
      at += (micros === -1 ? 0 : micros) / 1000;
      if (st.skew === undefined && env === Env.Short && !noHeader)
        this.readSkew(st, month, day, hour, minute, second, v.kMonth, v.kDay, v.kHour, v.kMinute, v.kSecond, at, lineNo);
      if (Number.isNaN(at) && !bare && !noHeader) {
        // (an out-of-range year) resolve() falls back to the klog header's own time (a whole header: it has one)
        at = this.stampToMs(headerStamp(v)!, ys);
        micros = 0;
      }
    }
    if (micros === -1 && !noHeader) at = withHeaderFraction(at, v);
    // (resolve(): wall − monotonic of the host's boot, for its lines without a klog header)
    if (env === Env.Mono && !Number.isNaN(at)) this.monoOffset.set(st.name, at - (v.seconds * 1e6 + v.micros) / 1000);
    at = this.lineTime(at);
    // (a line without a header is the PID of its envelope's, as readEntry has it)
    const evs = this.track(st, at, noHeader ? (v.pid >= 0 ? v.pid : undefined) : v.kPid, lineNo, NO_EVENTS);
    for (let k = 0; k < evs.length; k++) out.push(evs[k]!);
    if (rep !== undefined) {
      // identify(): the time as precise as the entry's stamp gives it, else the klog header's
      const precise = env === Env.Unix || (env === Env.None || env === Env.Mono ? v.kMicros >= 0 : v.micros >= 0);
      const src = provenance(this.input, lineNo, messageIdOf(b, ms, e), precise ? TICK_US : TICK_S, this.pass);
      this.classified(rep, at, st.name, v.kPid, src, out, true);
    }
    return true;
  }

  /**
   * The fast path of a `journalctl -o json` record: the record is read in place, without
   * JSON.parse, when it is one the full path would read as a journal entry (an object of string
   * values under journal field names, `MESSAGE` and `__REALTIME_TIMESTAMP` among them, valid
   * JSON) whose MESSAGE is a kubelet line with a whole klog header that no rule or watch can want
   * (the same tests as `fastLine`, on the message with its JSON escapes undone). Only the host,
   * the identifier and the time are taken from the rest; the PID is the klog header's, as the full
   * path's. True when it took the record; the scan when the record is a journal entry it did not
   * take (a message the prefilter keeps: `recordEntry` makes the entry of it); undefined for any
   * doubt (another shape, a field twice, a value that is not a string), which the record stage reads.
   */
  private fastRecord(
    b: Buffer,
    i: number,
    e: number,
    lineNo: number,
    ascii: boolean,
    out: KubeletEvent[],
  ): true | RecordFields | undefined {
    if (!this.recordsFast()) return undefined;
    const r = scanJournalRecord(b, i, e);
    if (r === undefined) return undefined;
    // (Vector's record is the record stage's: one the fast path does not take is decoded there)
    if (r.vector) return this.fastVector(b, r, lineNo, ascii, out) ? true : undefined;
    // (the journal's time is precise: the header's fraction is not borrowed)
    return this.fastEntry(b, r, r.usec / 1000, true, lineNo, ascii, out) ? true : r;
  }

  /**
   * The fast path of a Vector journald record (`scanJournalRecord` read it in place): taken as
   * `fastRecord` takes a journal record when the record stage would make of it what it makes of
   * the journal's fields (`fields` with `SHAPE_TABLE.vector`): the host `host` (else `_HOSTNAME`)
   * not `None` nor with a `:port`, the identifier `SYSLOG_IDENTIFIER` else `_COMM` (neither empty,
   * `None` nor parenthesised), the time __REALTIME_TIMESTAMP when it has the µs's 15 or 16
   * digits (stampOf reads a time's unit from its length), else `timestamp` in the RFC 3339 shape
   * `rfc3339At` reads. False sends the record down the full path (`decodeRecordLine`), which is
   * the reference.
   */
  private fastVector(b: Buffer, r: RecordFields, lineNo: number, ascii: boolean, out: KubeletEvent[]): boolean {
    if (!namesAsTheyAre(b, r)) return false;
    if (r.usec !== -1) {
      // (the digits' count says µs: 15 or 16 of them, as a clock writes them since 2001; the ms
      // as stampOf makes them, the whole ms and then the fraction: `fromDigits`)
      if (r.usec < 1e14 || r.usec > Number.MAX_SAFE_INTEGER) return false;
      const whole = Math.floor(r.usec / 1000);
      return this.fastEntry(b, r, whole + (r.usec - whole * 1000) / 1000, true, lineNo, ascii, out);
    }
    return r.timeStart !== -1 && this.fastAt(b, r, r.timeStart, r.timeEnd, false, lineNo, ascii, out);
  }

  /**
   * The fast path of a Fluentd out_file line, `time<TAB>tag<TAB>{record}`, whose record is journal
   * fields (Fluentd's systemd input): read in place as `fastRecord` reads a `-o json` record, with
   * the time the framing's, where the record stage would make of it what it makes of the journal
   * shape (src/records: `fields`): the host `_HOSTNAME` (not `None`, no `:port`), the identifier
   * `SYSLOG_IDENTIFIER` else `_COMM` (neither empty, `None` nor parenthesised), no time of the
   * record's own (`__REALTIME_TIMESTAMP`, `_SOURCE_REALTIME_TIMESTAMP`); the rest is `fastEntry`'s.
   * False sends the line down the full path (`decodeRecordLine`), which is the reference.
   */
  private fastFluentd(b: Buffer, i: number, e: number, lineNo: number, ascii: boolean, out: KubeletEvent[]): boolean {
    if (!this.recordsFast()) return false;
    // the time (10–40 bytes) and a tag, neither holding a TAB, then the record to the line's end
    let t = i;
    while (t < e && b[t] !== 0x09 && t - i <= 40) t++;
    if (b[t] !== 0x09 || t - i < 10 || t - i > 40) return false;
    let g = t + 1;
    while (g < e && b[g] !== 0x09) g++;
    if (g === t + 1 || g + 1 >= e || b[g + 1] !== 0x7b) return false;
    const r = scanJournalRecord(b, g + 1, e, false);
    // (a record of Vector's keys is Vector's to the record stage, not the journal's)
    if (r === undefined || r.vector || r.usec !== -1 || r.sourceTime || !namesAsTheyAre(b, r)) return false;
    return this.fastAt(b, r, i, t, true, lineNo, ascii, out);
  }

  /**
   * The fast path of a Loki `logcli --output=jsonl` record (`{"labels":{…},"line":…,"timestamp":…}`):
   * read in place as `fastRecord` reads a `-o json` record (`scanLogcliRecord` says which records
   * the record stage would read as plainly), its time the record's `timestamp`. False sends the
   * line down the full path (`decodeRecordLine`), which is the reference.
   */
  private fastLogcli(b: Buffer, i: number, e: number, lineNo: number, ascii: boolean, out: KubeletEvent[]): boolean {
    if (!this.recordsFast()) return false;
    const r = scanLogcliRecord(b, i, e);
    if (r === undefined) return false;
    return this.fastAt(b, r, LOGCLI_TIME[0]!, LOGCLI_TIME[1]!, true, lineNo, ascii, out);
  }

  /**
   * `fastEntry` of the record `r` whose time is the value `b[ts, te)`: in the common RFC 3339
   * shape read in place (`rfc3339At`; the regexes stampOf tries first read nothing it reads);
   * with `anyStamp`, any other the record stage reads as an instant (`stampOf`), else none.
   */
  private fastAt(
    b: Buffer,
    r: RecordFields,
    ts: number,
    te: number,
    anyStamp: boolean,
    lineNo: number,
    ascii: boolean,
    out: KubeletEvent[],
  ): boolean {
    if (!ascii && !isAscii(b.subarray(ts, te))) return false;
    const ms = rfc3339At(b, ts, te);
    if (!Number.isNaN(ms)) return this.fastEntry(b, r, ms, b[ts + 19] === 0x2e, lineNo, ascii, out);
    if (!anyStamp) return false;
    const time = stampOf(b.toString('latin1', ts, te));
    return time?.kind === 'instant' && this.fastEntry(b, r, time.ms, time.precise, lineNo, ascii, out);
  }

  /**
   * The fast path of an Elasticsearch hit of Filebeat's journald input (`scanEcsHit` says which
   * hits the record stage reads plainly), its time `@timestamp` in the RFC 3339 shape
   * `rfc3339At` reads. False sends the line down the full path (`decodeRecordLine`), which is
   * the reference.
   */
  private fastEcs(b: Buffer, i: number, e: number, lineNo: number, ascii: boolean, out: KubeletEvent[]): boolean {
    if (!this.recordsFast()) return false;
    const r = scanEcsHit(b, i, e);
    if (r === undefined) return false;
    return this.fastAt(b, r, ECS_TIME[0]!, ECS_TIME[1]!, false, lineNo, ascii, out);
  }

  /** May a record be read on the fast path now? Not inside a block, with a marker pending, while lines wait for their node, or with the records' fields named by the user. */
  private recordsFast(): boolean {
    if (this.block !== undefined || this.pendingMarker !== undefined || this.announced !== undefined || this.heldSince !== -1) return false;
    const ro = this.opts.records;
    return ro === undefined || (ro.from === undefined && ro.fields === undefined);
  }

  /**
   * The fast path of an `-o export` record: its lines `k` to the blank line that ends it, all in
   * this `pushBytes` buffer (`ends`), read in place when each is a `FIELD=value` line (no binary
   * field, no second record start: what ExportAssembler would make of them is then plain)
   * and the entry is one `fastEntry` takes. Returns how many lines it took (0: none, the lines go
   * their own way), negated when it read them as the record's entry (`recordEntry`: the one the
   * ExportAssembler's fields make) and sent that down the full path.
   */
  private fastExport(b: Buffer, p: number, k: number, count: number, lineNo: number, ascii: boolean, out: KubeletEvent[]): number {
    if (!this.recordsFast()) return 0;
    const f = FIELDS;
    // (the ExportAssembler keeps a field's last value: so does this)
    f.extra.fill(-1);
    f.plain = true;
    let msg = -1;
    let host = -1;
    let ident = -1;
    let comm = -1;
    let commEnd = 0;
    let rt = -1;
    let cursor = -1;
    for (let j = k, q = p; j < count && j - k < MAX_EXPORT_FIELDS; j++) {
      const nl = this.ends[j]!;
      const le = nl > q && b[nl - 1] === 0x0d ? nl - 1 : nl;
      if (le === q) {
        // the blank line that ends the record
        if (j === k || msg === -1 || rt === -1 || host === -1) return 0;
        if (ident === -1) {
          if (comm === -1) return 0;
          f.identStart = comm;
          f.identEnd = commEnd;
        }
        // (an export value is as it was written: no escapes; the journal's time is precise)
        f.msgEscaped = false;
        const n = j - k + 1;
        const taken = this.fastEntry(b, f, f.usec / 1000, true, lineNo, ascii, out);
        // (one the prefilter keeps: the entry the ExportAssembler's fields make, from the same scan)
        const e = taken ? undefined : recordEntry(b, f, this.msgBuf, 'export');
        if (!taken && e === undefined) return 0;
        // (its lines are the record's: counted as lineAt counts them)
        this.counters.lines += n;
        if (taken) return n;
        this.decoded(e!, { input: this.input, line: lineNo }, out);
        return -n;
      }
      let c = q;
      for (; c < le; c++) {
        const x = b[c]!;
        if (!((x >= 0x41 && x <= 0x5a) || (x >= 0x61 && x <= 0x7a) || (x >= 0x30 && x <= 0x39) || x === 0x5f)) break;
      }
      if (c === q || b[c] !== 0x3d /* = */) return 0;
      // (a record starts with one of these: ExportAssembler's startsExportRecord)
      if (j === k && !keyIs(b, q, c, '__CURSOR') && !keyIs(b, q, c, '__REALTIME_TIMESTAMP')) return 0;
      const vs = c + 1;
      switch (c - q) {
        case 7:
          if (keyIs(b, q, c, 'MESSAGE')) {
            if (msg !== -1) return 0;
            msg = vs;
            f.msgStart = vs;
            f.msgEnd = le;
          }
          break;
        case 8:
          if (keyIs(b, q, c, '__CURSOR')) {
            if (cursor !== -1) return 0;
            cursor = vs;
          }
          break;
        case 20:
          if (keyIs(b, q, c, '__REALTIME_TIMESTAMP')) {
            if (rt !== -1) return 0;
            rt = vs;
            const n = digits(b, vs, le);
            if (n === -1) return 0;
            f.usec = n;
          }
          break;
        case 9:
          if (keyIs(b, q, c, '_HOSTNAME')) {
            if (host !== -1 || le === vs) return 0;
            host = vs;
            f.hostStart = vs;
            f.hostEnd = le;
          }
          break;
        case 17:
          if (keyIs(b, q, c, 'SYSLOG_IDENTIFIER')) {
            if (ident !== -1) return 0;
            ident = vs;
            f.identStart = vs;
            f.identEnd = le;
          }
          break;
        case 5:
          if (keyIs(b, q, c, '_COMM')) {
            if (comm !== -1) return 0;
            comm = vs;
            commEnd = le;
          }
          break;
        default: {
          const x = extraField(b, q, c);
          if (x !== -1) {
            f.extra[x] = vs;
            f.extra[x + 1] = le;
          }
        }
      }
      q = nl + 1;
    }
    return 0;
  }

  /**
   * A journal entry of a record (journal JSON, export, a Fluentd record) on the fast path: its
   * fields are `r`'s in `b` (the message's JSON escapes are undone here), its instant `at`; a time
   * not `precise` (whole seconds) takes the klog header's fraction, as resolve() does. A kubelet
   * line with a whole klog header that no rule or watch can want is counted and tracked, another
   * program's is counted (`otherLine`), as the full path would; false for anything else. (A
   * message that is itself a JSON object is the full path's: the record stage reads it again as a
   * record; an export record's, which it does not read so, goes there too.)
   */
  private fastEntry(
    b: Buffer,
    r: RecordFields,
    at: number,
    precise: boolean,
    lineNo: number,
    ascii: boolean,
    out: KubeletEvent[],
  ): boolean {
    if (!isDateMs(at)) return false;
    let mb = b;
    let ms = r.msgStart;
    let me = r.msgEnd;
    if (r.msgEscaped) {
      if (me - ms >= SPLIT_AT) return false;
      const n = unescapeJson(b, ms, me, this.msgBuf);
      if (n === -1) return false;
      mb = this.msgBuf;
      ms = 0;
      me = n;
    }
    if (mb[ms] === 0x7b && mb[me - 1] === 0x7d) return false;
    const cleared = this.fastMessage(mb, ms, me, ascii, this.identOf(b, r.identStart, r.identEnd));
    if (cleared === FAST.Counted || cleared === FAST.No) return cleared === FAST.Counted;
    let pid: number | undefined = this.mv.kPid;
    if (cleared === FAST.NoHeader) {
      // (recordEntry's: `_PID`, else `SYSLOG_PID`, when it is digits; none for docker's lines)
      if (!r.plain || bytesEqualText(b, r.identStart, r.identEnd, DOCKERD)) return false;
      const x = r.extra[EXTRA.Pid] !== -1 ? EXTRA.Pid : EXTRA.SyslogPid;
      pid = r.extra[x] === -1 ? undefined : digits(b, r.extra[x]!, r.extra[x + 1]!);
      // (a PID field that is not a number as digits() reads one: the full path's)
      if (pid === -1) return false;
    }
    let hash = 0;
    for (let k = r.hostStart; k < r.hostEnd; k++) hash = (Math.imul(hash, 31) + b[k]!) | 0;
    const st = this.hotNode(b, r.hostStart, r.hostEnd, hash);
    const t = precise || cleared === FAST.NoHeader ? at : withHeaderFraction(at, this.mv);
    this.fastTrack(st, t, pid, lineNo, mb, ms, me, precise, out);
    this.inPlaceRecords++;
    return true;
  }

  /**
   * A log store's record, decoded (`decodeRecordLine`), on the fast path: an entry with a host and
   * an instant whose message `fastMessage` clears is counted and tracked as `entry` and
   * `readEntry` would, without the klog record or the classifier. False for anything else.
   */
  private fastDecoded(j: JournalLine, lineNo: number, out: KubeletEvent[]): boolean {
    if (j.type !== 'entry' || j.host === undefined || j.time?.kind !== 'instant' || j.lossy || !this.recordsFast()) return false;
    let at = j.time.ms;
    if (!isDateMs(at)) return false;
    const m = j.message;
    if (m.length >= SPLIT_AT || m.endsWith('=<')) return false;
    // (as many UTF-8 bytes as UTF-16 units: ASCII; the buffer holds three bytes a unit, so nothing is cut)
    const n = this.msgBuf.write(m, 0, 'utf8');
    if (n !== m.length) return false;
    if (j.ident !== this.recIdent) {
      this.recIdent = j.ident;
      this.recIdentKind = identKind(j.ident ?? '');
    }
    const cleared = this.fastMessage(this.msgBuf, 0, n, true, this.recIdentKind);
    if (cleared === FAST.Counted || cleared === FAST.No) return cleared === FAST.Counted;
    if (cleared === FAST.NoHeader && j.ident === DOCKERD) return false;
    if (!j.time.precise && cleared === FAST.Kubelet) at = withHeaderFraction(at, this.mv);
    const pid = cleared === FAST.Kubelet ? this.mv.kPid : j.pid;
    this.fastTrack(this.state(j.host), at, pid, lineNo, this.msgBuf, 0, n, j.time.precise, out);
    return true;
  }

  /**
   * The message `mb[ms, me)` of an entry whose identifier reads as `kind`, on the fast path:
   * `FAST.Counted` when it is another program's and was counted (`otherLine`), `FAST.Kubelet`
   * when it is a kubelet line with a whole klog header (located in `mv`) that no rule or watch
   * can want, `FAST.No` when it needs the full path.
   */
  private fastMessage(mb: Buffer, ms: number, me: number, ascii: boolean, kind: number): number {
    this.repeat = undefined;
    // `key=<` opens a klog block; a very long entry may continue in the next one
    if (me - ms >= SPLIT_AT || (mb[me - 1] === 0x3c && mb[me - 2] === 0x3d)) return FAST.No;
    if (!ascii && !isAscii(mb.subarray(ms, me))) return FAST.No;
    const v = this.mv;
    locateHeader(mb, ms, me, v);
    if (v.hdr === Hdr.None) {
      // the kubelet's own line without a header (not the JSON logging format, nor journalctl's
      // note of a binary entry) that no rule or watch can want: its PID is the record's (the caller's)
      if (kind === IDENT.Kubelet) return mb[ms] === 0x7b || blobTail(mb, ms, me) || mayWant(mb, ms, ms, ms, me) ? FAST.No : FAST.NoHeader;
      return this.otherLine(mb, ms, me, kind) ? FAST.Counted : FAST.No;
    }
    if (v.hdr !== Hdr.Klog) return FAST.No;
    const ts = v.textStart;
    // (a line a rule may want is the full path's, unless it repeats one the classifier read: asked first)
    this.repeat = this.repeatOf(mb, ts, me, v.kPid);
    if (this.repeat === undefined ? mayWant(mb, v.fileStart, v.fileEnd, ts, me) : kind === IDENT.Other) return FAST.No;
    if (kind === IDENT.Other) {
      this.counters.otherLines++;
      return FAST.Counted;
    }
    return kind === IDENT.Kubelet || kind === IDENT.Unknown ? FAST.Kubelet : FAST.No;
  }

  /**
   * A kubelet line of a record cleared by `fastMessage` (its message `mb[ms, me)`, its header, if
   * any, in `mv`), of node `st` and PID `pid`, at the record's instant `at` (`precise`: to the
   * microsecond): tracked, and when it repeats a line the full path read, what that line made.
   */
  private fastTrack(
    st: NodeState,
    at: number,
    pid: number | undefined,
    lineNo: number,
    mb: Uint8Array,
    ms: number,
    me: number,
    precise: boolean,
    out: KubeletEvent[],
  ): void {
    if (this.opts.defaultNode === undefined) this.inputNode = st.name;
    this.counters.kubeletLines++;
    st.lastRaw = undefined;
    st.lastBuf = undefined;
    st.lastDecoded = undefined;
    st.lastMs = at;
    anchorHour(st, this.yearsOf(st), at, this.opts.zone);
    const t = this.lineTime(at);
    this.track(st, t, pid, lineNo, NO_EVENTS);
    const rep = this.repeat;
    if (rep !== undefined) {
      this.repeat = undefined;
      const src = provenance(this.input, lineNo, messageIdOf(mb, ms, me), precise ? TICK_US : TICK_S, this.pass);
      this.classified(rep, t, st.name, this.mv.kPid, src, out, true);
    }
  }

  /**
   * An entry of another program (its identifier neither the kubelet's, nor systemd's, nor a
   * unit's), or systemd's about another unit, whose message `b[ms, me)` has no klog header: the full path counts it as other text
   * and learns nothing else from it (no time, no node), unless the message is the kubelet's all
   * the same (the JSON logging format, its header-less stderr) or journalctl's note of a binary
   * entry. True when it was counted here.
   */
  private otherLine(b: Uint8Array, ms: number, me: number, kind: number): boolean {
    if (kind === IDENT.Systemd) {
      // systemd's line about another unit (`Started libcontainer container …`, a mount
      // deactivated): other text, as `entry` counts it. (The test on the bytes as Latin-1 is the
      // test on the text: the unit words are ASCII, and an /i regex without `u` folds nothing
      // outside ASCII onto ASCII.)
      if (KUBELET_UNIT.test(Buffer.prototype.toString.call(b, 'latin1', ms, me))) return false;
      this.counters.otherLines++;
      return true;
    }
    if (kind !== IDENT.Other && kind !== IDENT.Unknown) return false;
    if (b[ms] === 0x7b || startsWithText(b, ms, me, 'Flag --') || startsWithText(b, ms, me, 'error: failed to run Kubelet')) return false;
    if (blobTail(b, ms, me)) return false;
    this.counters.otherLines++;
    return true;
  }

  /**
   * What every kubelet line tells, fast path or full: its time and PID go to the node's
   * coverage. Holes in the journal and new PIDs (restarts) are told from it once the entries are
   * in time order (src/analyze/order.ts), so that a newest-first or overlapping input tells them
   * as an oldest-first one does. (The lines of a node not known yet wait with its events: settle.)
   */
  private track(st: NodeState, at: number, pid: number | undefined, line: number, out: KubeletEvent[]): KubeletEvent[] {
    if (!(st.firstAt <= at)) st.firstAt = at;
    if (st.name !== this.firstHost && !this.manyHosts) this.sawHost(st.name);
    this.passOf(at);
    const cov = this.opts.coverage;
    if (!cov) return out;
    if (st.name === PENDING) this.heldLines.push(at, pid ?? -1, line);
    else (st.cov ??= cov.node(st.name)).line(at, pid, line);
    return out;
  }

  /**
   * The input's pass (`pass`) once a kubelet line at `at` is read. Any step back counts, a time
   * of whole seconds taken as the start of its second: systemd's `Started` at 09 after the
   * kubelet's line at 09.381 begins a pass (a stretch pasted again), and only lines of whole
   * seconds with nothing between them (systemd restarting a kubelet that never ran) stay in one.
   */
  private passOf(at: number): number {
    if (Number.isFinite(at)) {
      if (at < this.passAt) this.pass++;
      this.passAt = at;
    }
    return this.pass;
  }

  private hotNode(b: Buffer, start: number, end: number, hash: number): NodeState {
    const hot = this.hot;
    for (let i = 0; i < hot.length; i++) {
      const st = hot[i]!;
      if (st.hash === hash && bytesEqualText(b, start, end, st.name)) return st;
    }
    // (a host's name is UTF-8: one that is not ASCII is never equal to its bytes as codes, so it
    // is looked up by name each time)
    const st = this.state(b.toString('utf8', start, end));
    if (hot.length >= 8) hot.shift();
    hot.push(st);
    return st;
  }

  private state(node: string): NodeState {
    let st = this.nodes.get(node);
    if (!st) {
      st = {
        name: own(node),
        hash: textHash(node),
        cov: undefined,
        years: undefined,
        lastRaw: undefined,
        lastBuf: undefined,
        lastStart: 0,
        lastEnd: 0,
        lastDecoded: undefined,
        lastMs: NaN,
        firstAt: NaN,
        hourKey: -1,
        hourYear: undefined,
        hourMs: NaN,
        hourMonth: 0,
        clock: undefined,
        skew: undefined,
      };
      this.nodes.set(st.name, st);
    }
    return st;
  }

  private yearsOf(st: NodeState): YearState {
    return (st.years ??= newYearState());
  }

  /** The time of the first kubelet line per node (a node whose lines made no event is still one). */
  firstSeen(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [node, st] of this.nodes) if (node !== PENDING && Number.isFinite(st.firstAt)) out.set(node, st.firstAt);
    return out;
  }

  /** The time of the last kubelet line per node (for "is the incident still going?"). */
  lastSeen(): Map<string, number> {
    const out = new Map<string, number>();
    // (a look back changes nothing: a line without a time takes the time of the line before it,
    // `lineTime`, and one node's look back is not the line before another's)
    const lastAt = this.lastAt;
    for (const [node, st] of this.nodes) {
      this.lastAt = lastAt;
      let last = st.lastDecoded;
      const raw = st.lastRaw ?? st.lastBuf?.toString('utf8', st.lastStart, st.lastEnd);
      if (last === undefined && raw === undefined && Number.isFinite(st.lastMs)) {
        // (a record's precise time: what resolve() makes of it)
        out.set(node, st.lastMs);
        continue;
      }
      if (last === undefined && raw !== undefined) {
        const j = decodeJournalLine(raw);
        if (j.type === 'entry') last = { j, rec: decodeKlog(j.message) };
      }
      if (last === undefined) continue;
      const ys = this.yearState(node);
      const saved = { ...ys };
      const at = this.resolve(last.j, last.rec, node);
      Object.assign(ys, saved); // a look back, not a step forward
      if (Number.isFinite(at)) out.set(node, at);
    }
    this.lastAt = lastAt;
    return out;
  }

  private continues(j: Extract<JournalLine, { type: 'entry' }>): boolean {
    const b = this.block!.journal;
    const m = j.message;
    if (j.host !== b.host || j.ident !== b.ident || j.pid !== b.pid) return false;
    // journald split: the next entry of the same process without a klog header
    if (this.block!.mode === 'split') return !m.startsWith('{') && decodeKlog(m).header === 'none' && !/^(?:Flag --|error: )/.test(m);
    // journalctl renders the TAB of block lines as is or as spaces; the block ends with ` >`
    return m.startsWith('\t') || m.startsWith(' ') || m.trim() === '>';
  }

  private flushBlock(out: KubeletEvent[]): void {
    const b = this.block!;
    this.block = undefined;
    this.entry(b.journal, b.parts.join(b.mode === 'klog' ? '\n' : ''), b.first, out, true);
  }

  private isKubeletIdent(j: Extract<JournalLine, { type: 'entry' }>): boolean {
    return j.ident !== undefined && isKubeletIdentName(j.ident);
  }

  /**
   * The node of an entry: its host; for a line that names none, `--node-name`, else the node of
   * the kubelet lines before it in this input (or the one the kubelet's words named), else
   * PENDING (its events wait for the input to say: `settle`).
   */
  private nodeOf(host: string | undefined): string {
    return host ?? this.inputNode ?? PENDING;
  }

  /**
   * The input said which node its hostless lines are (a kubelet line with a host, the kubelet
   * naming its node), or it is time to stop waiting: the held events, and the state kept for
   * them, become that node's; they go out before the line that settled it.
   */
  private settle(node: string, out: KubeletEvent[]): void {
    this.run.env = -1;
    this.otherRun.env = -1;
    const pending = this.nodes.get(PENDING);
    if (pending) {
      this.nodes.delete(PENDING);
      const into = this.nodes.get(node);
      if (into === undefined) {
        pending.name = own(node);
        pending.hash = textHash(node);
        this.nodes.set(pending.name, pending);
      } else {
        if (into.years === undefined) into.years = pending.years;
        if (into.clock === undefined) into.clock = pending.clock;
      }
      const h = this.hot.indexOf(pending);
      if (h !== -1) this.hot.splice(h, 1);
    }
    if (this.inputNode === undefined) this.inputNode = node;
    if (this.verboseNodes.delete(PENDING)) this.verboseNodes.add(node);
    const cov = this.opts.coverage;
    if (cov) {
      const st = this.state(node);
      const nc = (st.cov ??= cov.node(st.name));
      const l = this.heldLines;
      for (let k = 0; k < l.length; k += 3) nc.line(l[k]!, l[k + 1]! === -1 ? undefined : l[k + 1], l[k + 2]!);
      for (const e of this.held) if (Number.isFinite(e.at)) nc.seen(e.at);
    }
    this.heldLines.length = 0;
    for (const e of this.held) {
      e.node = own(node);
      out.push(e);
    }
    this.held.length = 0;
    this.heldSince = -1;
  }

  /**
   * Does the pending boot marker say that `host`, the host of the entry after it, booted anew?
   * journalctl prints `-- Boot <id> --` (`-- Reboot --` before systemd 243) wherever the boot
   * changes from one entry to the next, so in a journal of several hosts (journal-remote's,
   * `journalctl -m`, `-D`) also between two hosts' entries. A new boot of `host` when its entries
   * were marked with another boot before; for a host whose boot was not named yet, when it is the
   * only node of the input so far (one host's journal); a marker before the input's first kubelet
   * line, or before an entry that names no host, is one (a paste that begins at a boot). The boot
   * it names is recorded for the host (`markerRead`).
   */
  private markerBoots(host: string | undefined): boolean {
    const pm = this.pendingMarker!;
    // (before any kubelet line, or before an entry that names no host: a paste that begins at a boot)
    if (host === undefined || this.firstHost === undefined) return true;
    const known = this.bootOf.get(host);
    if (known !== undefined && pm.marker === 'boot') return known !== pm.detail;
    return host === this.firstHost && !this.manyHosts;
  }

  /** An entry of `host` (a node's name, or PENDING) was read: is it the input's only one so far? */
  private sawHost(host: string): void {
    if (this.firstHost === undefined || this.firstHost === PENDING) this.firstHost = host;
    else if (host !== this.firstHost && host !== PENDING) this.manyHosts = true;
  }

  /** `sawHost` for the host `b[s, e)` of a line the fast path takes (its name made only when it is a new one). */
  private sawHostAt(b: Buffer, s: number, e: number): void {
    if (!this.manyHosts && (this.firstHost === undefined || !bytesEqualText(b, s, e, this.firstHost))) this.sawHost(nameAt(b, s, e));
  }

  /** The boot (`-- Boot <id> --`) the host's entries were last marked with, if any. */
  bootIdOf(host: string): string | undefined {
    return this.bootOf.get(host);
  }

  /** The pending boot marker is read: the boot it names is `host`'s now. */
  private markerRead(host: string | undefined): void {
    const pm = this.pendingMarker!;
    if (host !== undefined && pm.marker === 'boot') this.bootOf.set(host, pm.detail);
    this.pendingMarker = undefined;
  }

  /** Year-less stamps from here on fall inside `span`, which `basis` names. */
  private dateFrom(span: NonNullable<YearOptions['span']>, basis: string): void {
    this.years = { ...(this.opts.year !== undefined ? { year: this.opts.year } : {}), now: this.opts.now, span };
    this.yearBasis = basis;
  }

  /**
   * klog's log file header (`--log-file`, `--log-dir`: `Log file created at: 2025/03/02 00:00:03`,
   * `Running on machine: node-a`, at the top of every file it starts): the creation date dates
   * the lines after it (a file of a year already read goes on from it), and the machine names
   * their node when nothing else does (`--node-name`). False for any other line.
   */
  private logFileHeader(message: string, out: KubeletEvent[]): boolean {
    const created = LOG_FILE_CREATED.exec(message);
    if (created) {
      const [y, m, d] = [Number(created[1]), Number(created[2]), Number(created[3])];
      const from = dateMs(y, m, d);
      // (a date no clock writes dates nothing)
      if (Number.isNaN(from)) return true;
      const st = this.inputNode !== undefined ? this.nodes.get(this.inputNode) : undefined;
      if (st?.years?.year !== undefined) anchorYear(st.years, y, m);
      else this.dateFrom({ from, until: undefined }, `the date klog created its log file ("${message.trim()}")`);
      return true;
    }
    const machine = RUNNING_ON.exec(message);
    if (machine === null) return false;
    if (this.opts.defaultNode === undefined) {
      if (this.heldSince !== -1 || this.inputNode === undefined) this.settle(machine[1]!, out);
      this.inputNode = machine[1]!;
    }
    return true;
  }

  private skip(src: { line: number }, reason: string, count = 1): void {
    this.counters.skipped += count;
    const s = this.skips.get(reason);
    if (s) s.count += count;
    else this.skips.set(reason, { input: this.input, line: src.line, reason, count });
  }

  /** Lines skipped, one entry per reason. */
  get skipped(): SkipReason[] {
    return [...this.skips.values()];
  }

  /**
   * Lines the stream adapter could not deliver (longer than the line limit,
   * a binary file, a corrupt .gz): counted as read and skipped, with why.
   */
  skipRaw(lineNo: number, reason: string, count = 1): void {
    this.counters.lines += count;
    this.skip({ line: lineNo }, reason, count);
  }

  private entry(
    j: Extract<JournalLine, { type: 'entry' }>,
    message: string,
    src: Provenance,
    out: KubeletEvent[],
    counted = false,
    located?: KlogRecord,
  ): void {
    // a line with a host settles which node the hostless lines before it are
    if (j.host !== undefined && this.heldSince !== -1 && this.opts.defaultNode === undefined) this.settle(j.host, out);
    const node = this.nodeOf(j.host);
    if (this.pendingMarker) {
      const pm = this.pendingMarker;
      const boots = this.markerBoots(j.host);
      this.markerRead(j.host);
      if (boots) {
        // its identity: the marker, at the entry's time
        const mat = this.resolve(j, undefined, node);
        const msrc = identify(pm.src, `-- ${pm.detail} --`, j.time, undefined, this.passOf(mat));
        this.emit(out, 'journal-marker', mat, node, msrc, { marker: pm.marker, detail: pm.detail });
      }
    }
    if (j.host !== undefined && !this.manyHosts && j.host !== this.firstHost) this.sawHost(j.host);
    // systemd's own lines about the kubelet unit (`Started kubelet: ...`).
    // (`-o with-unit` names systemd by its unit, `init.scope[1]`.)
    if (j.ident === 'systemd' || j.ident === 'systemd-journald' || j.ident === 'init.scope') {
      const c = KUBELET_UNIT.test(message) ? classifySystemd(message) : undefined;
      if (c) {
        this.counters.kubeletLines++;
        // (its host is the kubelet's: the lines without one around it are that node's)
        if (j.host !== undefined && this.opts.defaultNode === undefined) this.inputNode = j.host;
        // (a paste cut its host out: it waits, like a bare kubelet line, for the node of the lines around it)
        if (node === PENDING && this.heldSince === -1) this.heldSince = src.line;
        const at0 = out.length;
        const at = this.resolve(j, undefined, node);
        this.fromClassified(out, c, at, node, identify(src, message, j.time, undefined, this.passOf(at)));
        if (this.heldSince !== -1 && this.inputNode === undefined) this.holdBack(out, at0);
      } else this.counters.otherLines++;
      return;
    }

    // journalctl prints `[61B blob data]` for an entry that is not valid UTF-8.
    if (message.endsWith('B blob data]') && /^\[\d+(?:\.\d+)?[KMGT]?B blob data\]$/.test(message)) {
      this.skip(src, 'journalctl printed "[…B blob data]" for an entry that is not text; use journalctl --all or -o json to include it');
      return;
    }
    let rec = located ?? decodeKlog(message);
    if (rec.badTime !== undefined) {
      this.skip(src, rec.badTime);
      return;
    }
    const other = j.ident !== undefined && OTHER_COMPONENT.test(j.ident);
    let c: Classified | undefined;
    let kubelet =
      this.isKubeletIdent(j) ||
      (rec.header !== 'none' && !other) ||
      // Lines the kubelet writes to stderr without a header (cobra/pflag).
      /^(?:Flag --\S+ has been deprecated|error: failed to run Kubelet)/.test(message);
    if (!kubelet && !other && j.format === 'bare') {
      // (klog's log file header: counted as other text, as before, and read for its date and machine)
      if (rec.header === 'none' && this.logFileHeader(message, out)) {
        this.counters.otherLines++;
        return;
      }
      // a line of text alone (a paste cut its prefix): the kubelet's when a rule reads it, or when
      // it carries the eviction manager's or image GC's own words
      const sd = rec.header === 'none' ? message.replace(BARE_PREFIX, '') : message;
      if (rec.header === 'none' && this.statusLine(sd, src, node, out)) return;
      c = classify(rec);
      if (c === undefined && sd !== message) {
        // a message alone behind what a paste put before it (a gutter, a prompt, `MESSAGE=`)
        const r = decodeKlog(sd);
        const rc = classify(r);
        if (rc) {
          c = rc;
          rec = r;
          message = sd;
        }
      }
      if (c === undefined && rec.header === 'none') {
        // systemd's own line without its envelope (`journalctl -u kubelet -o cat`, `-o export |
        // grep MESSAGE=`): read as systemd's when it is about the kubelet's unit
        const s = KUBELET_UNIT.test(sd) ? classifySystemd(sd) : undefined;
        if (s) {
          this.counters.kubeletLines++;
          // (no node of its own: it waits, like a bare kubelet line, for the node of the lines around it)
          if (node === PENDING && this.heldSince === -1) this.heldSince = src.line;
          if (s.rule.kind === 'kubelet-start' && j.time === undefined) {
            this.announced ??= { c: s, src, text: sd, node };
            return;
          }
          const at0 = out.length;
          // (systemd's next word on the unit before any kubelet line: the start it announced failed)
          if (this.announced) this.announce(this.lastAt, this.announced.node, out);
          const at = this.resolve(j, undefined, node);
          this.fromClassified(out, s, at, node, identify(src, sd, j.time, undefined, this.passOf(at)));
          if (this.heldSince !== -1 && this.inputNode === undefined) {
            this.holdBack(out, at0);
          }
          return;
        }
      }
      kubelet = c !== undefined || KUBELET_WORDS.test(rec.text);
      if (!kubelet && isWatched(rec) && !SHELL_COMMAND.test(rec.text)) {
        if (this.unplaced) this.unplaced.count++;
        else this.unplaced = { line: src.line, text: own(message.length > 300 ? message.slice(0, 300) : message), count: 1 };
      }
    }
    if (!kubelet) {
      this.counters.otherLines++;
      return;
    }
    if (!counted) this.counters.kubeletLines++;
    if (j.host !== undefined && this.opts.defaultNode === undefined) this.inputNode = j.host;
    else if (j.host === undefined && node === PENDING) {
      // the kubelet naming its node settles it; else wait, but not for ever
      const named = nodeNamed(message);
      if (named !== undefined) this.settle(named, out);
      else if (this.heldSince === -1) this.heldSince = src.line;
      else if (src.line - this.heldSince > PENDING_LINES) this.settle(this.opts.fallbackNode ?? UNKNOWN_NODE, out);
    }
    const at0 = out.length;
    this.readEntry(j, message, rec, c, this.nodeOf(j.host), src, out);
    // the events of a line whose node is not known yet wait with the others
    if (this.heldSince !== -1 && this.inputNode === undefined) {
      this.holdBack(out, at0);
    }
  }

  /** A kubelet line of `node`: duplicates, time, restarts and holes, then what its rule makes of it. */
  private readEntry(
    j: Extract<JournalLine, { type: 'entry' }>,
    message: string,
    rec: KlogRecord,
    classified: Classified | undefined,
    node: string,
    line: Provenance,
    out: KubeletEvent[],
  ): void {
    let src = line;
    const st = this.state(node);
    st.lastDecoded = { j, rec };
    st.lastRaw = undefined;
    st.lastBuf = undefined;
    st.lastMs = NaN;

    // the entry's identity: an entry read twice (a paste that repeats itself, two overlapping
    // files) is counted once where the inputs are merged (src/analyze/order.ts)
    const at = this.resolve(j, rec, node);
    const jt = j.time;
    const kt = rec.time;
    if (st.skew === undefined && jt?.kind === 'wall' && kt?.kind === 'wall' && node !== PENDING)
      this.readSkew(st, jt.month, jt.day, jt.hour, jt.minute, jt.second, kt.month, kt.day, kt.hour, kt.minute, kt.second, at, src.line);
    if (this.announced) this.announce(at, node, out);
    const pid = rec.pid ?? (this.isKubeletIdent(j) && j.ident !== DOCKERD ? j.pid : undefined);
    this.track(st, at, pid, src.line, out);
    src = identify(src, message, j.time, rec.time, this.pass);

    const c = classified ?? classify(rec);
    if (c !== undefined && c.rule.kind === 'observation' && st.clock === undefined)
      this.readClock(st, j.time ?? rec.time, c.fields['statsTime'], at, src);
    if (c) {
      this.classified(c, at, node, pid, src, out);
    } else if (isWatched(rec)) {
      this.counters.unrecognized++;
      if (this.unrecognized.length < 1000) this.unrecognized.push({ input: src.input, line: src.line, text: own(message) });
    }
  }

  /** The first observation of a node that names its stats time: the kubelet's clock beside the reading `w` its line was placed by (`resolve`). */
  private readClock(st: NodeState, w: Stamp | undefined, statsTime: unknown, at: number, src: Provenance): void {
    if (typeof statsTime !== 'string' || !Number.isFinite(at) || w === undefined) return;
    const stated = goTime(statsTime);
    if (stated === undefined) return;
    // (a line placed by an instant is where it is: nothing to set)
    if (w.kind !== 'wall') {
      st.clock = null;
      return;
    }
    const ys = this.yearsOf(st);
    st.clock = {
      evidence: { input: src.input, line: src.line },
      at,
      stated,
      wall: { month: w.month, day: w.day, hour: w.hour, minute: w.minute, second: w.second, micros: w.micros ?? 0 },
      year: w.year ?? ys.year ?? NaN,
      firstYear: w.year === undefined ? ys.first : undefined,
      zoneOffset: this.opts.zone.offsetAt(at),
    };
  }

  /**
   * A node's first line with both a year-less journal stamp and a klog header (`HeaderSkew`):
   * how far apart the two readings are, when that is a whole number of quarter hours (to within
   * 5 s: the journal stamps a line as the kubelet writes it) within the -12:00..+14:00 of a zone
   * beside UTC; else null, as when they agree.
   */
  private readSkew(
    st: NodeState,
    month: number,
    day: number,
    hour: number,
    minute: number,
    second: number,
    kMonth: number,
    kDay: number,
    kHour: number,
    kMinute: number,
    kSecond: number,
    at: number,
    line: number,
  ): void {
    st.skew = null;
    if (!Number.isFinite(at)) return;
    // (in the year the stamp was placed in, a leap year or not; the header may be on the other
    // side of a new year: the nearest of its readings)
    const readOffset = this.opts.zone.offsetAt(at);
    const year = new Date(at + readOffset * 60_000).getUTCFullYear();
    const journal = Date.UTC(year, month - 1, day, hour, minute, second);
    let d = NaN;
    for (const y of [year - 1, year, year + 1]) {
      const x = (journal - Date.UTC(y, kMonth - 1, kDay, kHour, kMinute, kSecond)) / 1000;
      if (Number.isNaN(d) || Math.abs(x) < Math.abs(d)) d = x;
    }
    const minutes = Math.round(d / 900) * 15;
    if (minutes === 0 || Math.abs(d - minutes * 60) > 5 || minutes < -12 * 60 || minutes > 14 * 60) return;
    const hms = (h: number, m: number, s: number) => [h, m, s].map((x) => String(x).padStart(2, '0')).join(':');
    st.skew = {
      evidence: { input: this.input, line },
      minutes,
      readOffset,
      journal: hms(hour, minute, second),
      header: hms(kHour, kMinute, kSecond),
    };
  }

  /** Nodes whose journal stamps and klog headers are zones apart (see `HeaderSkew`). */
  get skews(): Array<HeaderSkew & { readonly node: string }> {
    const out: Array<HeaderSkew & { readonly node: string }> = [];
    for (const st of this.nodes.values()) if (st.skew && st.name !== PENDING) out.push({ node: st.name, ...st.skew });
    return out;
  }

  /** The kubelet's clock beside where its lines were placed, per node (see `KubeletClock`). */
  get clocks(): Array<KubeletClock & { readonly node: string }> {
    const out: Array<KubeletClock & { readonly node: string }> = [];
    for (const st of this.nodes.values()) if (st.clock && st.name !== PENDING) out.push({ node: st.name, ...st.clock });
    return out;
  }

  /**
   * What the classifier made lately of a kubelet line's text `b[ts, e)` (ASCII) after a whole
   * klog header of PID `pid`, when the same line's repeat may take it on the fast path: not an
   * observation (its first sets the node's clock: the full path's).
   */
  private repeatOf(b: Uint8Array, ts: number, e: number, pid: number): Classified | undefined {
    // (a text of none of the kept texts' lengths is no repeat: one bit, asked of every line)
    if ((recentLengths & (1 << ((e - ts) & 31))) === 0) return undefined;
    const c = classifiedBefore(b, ts, e, pid);
    return c === undefined || c.rule.kind === 'observation' ? undefined : c;
  }

  /** A kubelet line of `node` the classifier read as `c`: the verbosity it shows, and its event. */
  private classified(
    c: Classified,
    at: number,
    node: string,
    pid: number | undefined,
    src: Provenance,
    out: KubeletEvent[],
    repeat = false,
  ): void {
    if ((c.rule.v ?? 0) >= 3) {
      this.counters.verboseLines++;
      this.verboseNodes.add(node);
    }
    if (c.rule.kind === 'kubelet-start' && pid !== undefined) {
      this.fromClassified(out, { rule: c.rule, fields: { ...c.fields, pid } }, at, node, src, repeat);
    } else this.fromClassified(out, c, at, node, src, repeat);
  }

  private fromClassified(out: KubeletEvent[], c: Classified, at: number, node: string, src: Provenance, repeat = false): void {
    if (c.rule.kind === 'known') return;
    this.emit(out, c.rule.kind, at, node, src, c.fields, repeat);
  }

  private emit(
    out: KubeletEvent[],
    kind: EventKind,
    at: number,
    node: string,
    src: Provenance,
    fields: Record<string, unknown>,
    repeat = false,
  ): void {
    this.counters.events++;
    // (the node's coverage has got this far, also when the line was systemd's: see NodeCoverage.seen)
    const cov = this.opts.coverage;
    if (cov && node !== PENDING && Number.isFinite(at)) {
      const st = this.state(node);
      (st.cov ??= cov.node(st.name)).seen(at);
    }
    // events outlive their line: keep none of its text (see `own`); the fields first, as `{ ...fields, kind, ... }`
    // (a repeat's fields are the classifier's, kept for the text it read lately: only copied)
    let e = repeat ? copyFields(fields) : detach(fields);
    if (e === fields) e = { ...fields }; // (not a plain object: never the caller's to change)
    e['kind'] = kind;
    e['at'] = at;
    // (the node's own name when it has a state: one string for all its events)
    e['node'] = this.nodes.get(node)?.name ?? own(node);
    e['src'] = src;
    out.push(e as unknown as KubeletEvent);
  }

  /** The UTC instant of an entry: the journal's stamp, else the klog header's. */
  private resolve(j: Extract<JournalLine, { type: 'entry' }>, rec: KlogRecord | undefined, node: string): number {
    let at = NaN;
    const ys = this.yearState(node);
    const jt = j.time;
    if (jt) at = this.stampToMs(jt, ys);
    const kt = rec?.time;
    if (kt) {
      if (Number.isNaN(at)) at = this.stampToMs(kt, ys);
      else if (kt.kind === 'wall' && jt && !(jt.kind === 'instant' && jt.precise) && kt.micros !== undefined) {
        // `short` has whole seconds; borrow the header's fraction when the
        // seconds agree (the header may be in another zone: compare mm:ss only).
        const s = Math.floor(at / 1000) % 60;
        if (s === kt.second && (jt.kind !== 'wall' || jt.micros === undefined)) at = Math.floor(at / 1000) * 1000 + kt.micros / 1000;
      }
    }
    // short-monotonic: learn wall − monotonic from lines with a klog header, and
    // give the lines without one (systemd's "Started kubelet") their own time.
    const mono = j.monotonicUs;
    if (mono !== undefined) {
      const key = j.host ?? '';
      if (!Number.isNaN(at)) this.monoOffset.set(key, at - mono / 1000);
      else {
        const off = this.monoOffset.get(key);
        if (off !== undefined) at = Math.round((mono / 1000 + off) * 1000) / 1000;
      }
    }
    return this.lineTime(at);
  }

  /** The time of a line (no time: the line before's). */
  private lineTime(at: number): number {
    if (Number.isNaN(at)) return this.lastAt;
    this.lastAt = at;
    return at;
  }

  private yearState(node: string): YearState {
    return this.yearsOf(this.state(node));
  }

  /** Some year had to be guessed (no --year, no dated entry before it). */
  get yearInferred(): boolean {
    for (const st of this.nodes.values()) if (st.years?.inferred) return true;
    return false;
  }

  /** Entries dated Feb 29 in a year that has none (shown on Mar 1): how many, and the first such year. */
  get noLeapDay(): { count: number; year: number } | undefined {
    let count = 0;
    let year: number | undefined;
    for (const st of this.nodes.values()) {
      if (!st.years?.noLeapDay) continue;
      count += st.years.noLeapDay;
      year ??= st.years.noLeapYear;
    }
    return count > 0 && year !== undefined ? { count, year } : undefined;
  }

  private stampToMs(t: Stamp, years: YearState): number {
    if (t.kind === 'instant') {
      if (Number.isFinite(t.ms)) {
        const [year, month] = wallMonth(this.opts.zone, t.ms);
        anchorYear(years, year, month);
      }
      return t.ms;
    }
    let year = t.year;
    this.readWall = true;
    if (year === undefined) year = yearFor(years, t.month, t.day, this.years);
    else anchorYear(years, year, t.month);
    const us = t.micros ?? 0;
    // the repeated hour of a DST fall-back: the reading nearest the line before
    return this.wallToMs(year, t.month, t.day, t.hour, t.minute, t.second) + us / 1000;
  }

  /**
   * A wall-clock time in the zone as UTC ms: `wallToUtcNear`, read once per wall-clock hour
   * where the zone's offset holds all of it (a control loop's lines fall in the same hour). A
   * fall-back's repeated hour is read by the order of lines, the reading nearest the line
   * before, so it is never kept.
   */
  private wallToMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
    const key = wallHourKey(year, month, day, hour);
    const into = (minute * 60 + second) * 1000;
    if (key === this.wallHour) return this.wallHourMs + into;
    const zone = this.opts.zone;
    const at = wallToUtcNear(zone, year, month, day, hour, minute, second, this.lastAt);
    const [h0, h0b] = wallReadings(zone, year, month, day, hour, 0, 0);
    const [h1, h1b] = wallReadings(zone, year, month, day, hour, 59, 59);
    if (h0 === h0b && h1 === h1b && h1 - h0 === 3_599_000 && at - h0 === into) {
      this.wallHour = key;
      this.wallHourMs = h0;
    }
    return at;
  }
}
