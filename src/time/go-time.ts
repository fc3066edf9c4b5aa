/**
 * Go's `time.Time` as its `String()` writes it — `2019-04-11 14:25:34.581066943 +0800 CST
 * m=+0.311963340` — which the kubelet prints in its V3 observations (`time: …`): an instant
 * with its year and the kubelet's own UTC offset, where the klog header beside it has neither.
 */

const GO_TIME = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))? ([+-])(\d\d)(\d\d)(?: |$)/;

export interface GoTime {
  /** the instant, epoch ms */
  readonly ms: number;
  readonly year: number;
  /** minutes east of UTC, as written */
  readonly offset: number;
  /** `2019-04-11 14:25:34 +0800` */
  readonly text: string;
}

/** The instant a Go `time.Time` string names; undefined when it is not one. */
export function goTime(t: string): GoTime | undefined {
  const m = GO_TIME.exec(t);
  if (!m) return undefined;
  const n = (k: number) => Number(m[k]);
  const [year, month, day, hour, minute, second, oh, om] = [n(1), n(2), n(3), n(4), n(5), n(6), n(9), n(10)] as const;
  // (Go's zero time, 0001-01-01, is no clock reading; Date.UTC reads years below 100 as 19xx)
  if (
    year < 1970 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > 31 ||
    hour > 23 ||
    minute > 59 ||
    second > 60 ||
    oh * 60 + om > 14 * 60 ||
    om > 59
  )
    return undefined;
  const offset = (m[8] === '-' ? -1 : 1) * (oh * 60 + om);
  const frac = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) + frac - offset * 60_000;
  if (!Number.isFinite(ms)) return undefined;
  return { ms, year, offset, text: `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]} ${m[8]}${m[9]}${m[10]}` };
}
