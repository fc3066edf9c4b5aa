/**
 * The kubelet's built-in hard eviction thresholds, per kubelet version and OS: the one table
 * the builder (which removed thresholds were defaults) and the remediation (the value that
 * keeps them) read. From the kubelet source, release by release:
 *
 * | kubelet | Linux | Windows / other |
 * | --- | --- | --- |
 * | ≤1.3 | none (eviction was opt-in) | none |
 * | 1.4–1.6 | `memory.available<100Mi` (PR #28607) | same |
 * | 1.7–1.8 | + `nodefs.available<10%`, `nodefs.inodesFree<5%` (PR #46448) | same |
 * | 1.9–1.11 | + `imagefs.available<15%` (issue #53074) | same |
 * | 1.12–1.29 | unchanged | without `nodefs.inodesFree` (PR #67709, `defaults_others.go`) |
 * | 1.30+ | + `imagefs.inodesFree<5%` (PR #121834) | unchanged |
 * | 1.31+ | unchanged | Windows: `memory.available<500Mi` (PR #122922, `defaults_windows.go`) |
 *
 * `containerfs.*` and `pid.available` are never defaulted. Setting any `--eviction-hard` key (or
 * `evictionHard:` in a KubeletConfiguration) replaces the whole map: the defaults are not merged.
 */
import type { Threshold } from '../model/events.js';

export type KubeletOs = 'linux' | 'windows';

/** `v1.7.5`, `1.29.2`, `v1.18.6+k3s1` → [1, 7]; undefined when the text is no version. */
export function minorVersion(version: string | undefined): [number, number] | undefined {
  const m = version === undefined ? null : /^v?(\d+)\.(\d+)(?:\.|$|[-+])/.exec(version.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

const t = (signal: string, value: string): Threshold => ({ signal, value });

/** The default hard thresholds of a kubelet version on an OS; undefined when the version is unknown. */
export function defaultHard(version: string | undefined, os: KubeletOs = 'linux'): Threshold[] | undefined {
  const v = minorVersion(version);
  if (!v) return undefined;
  const [major, minor] = v;
  // (a 2.x kubelet does not exist; read it as the newest defaults known)
  const at = (m: number) => major > 1 || minor >= m;
  if (!at(4)) return [];
  const out: Threshold[] = [t('memory.available', os === 'windows' && at(31) ? '500Mi' : '100Mi')];
  if (at(7)) out.push(t('nodefs.available', '10%'));
  if (at(7) && (os === 'linux' || !at(12))) out.push(t('nodefs.inodesFree', '5%'));
  if (at(9)) out.push(t('imagefs.available', '15%'));
  if (at(30) && os === 'linux') out.push(t('imagefs.inodesFree', '5%'));
  return out;
}

/**
 * Every value any version defaults a signal to on Linux, for a kubelet whose version the
 * journal does not show (a removed `nodefs.available<10%` was then probably a default).
 */
export const ANY_VERSION_DEFAULTS: readonly Threshold[] = defaultHard('v1.30')!;

/** Is `signal<value` a default of this kubelet version (any version's, when it is unknown)? */
export function isDefault(signal: string, value: string, version: string | undefined, os: KubeletOs = 'linux'): boolean {
  const ds = defaultHard(version, os) ?? ANY_VERSION_DEFAULTS;
  return ds.some((d) => d.signal === signal && d.value === value);
}

/**
 * The OS of a kubelet as its stated thresholds show it: Windows when a statement is exactly the
 * Windows default set of its version (and not the Linux one); Linux otherwise (the journal
 * carries no other sign of the OS).
 */
export function osOf(stated: readonly (readonly Threshold[])[], version: string | undefined): KubeletOs {
  const win = defaultHard(version, 'windows');
  const lin = defaultHard(version, 'linux');
  if (!win || !lin) return 'linux';
  const same = (a: readonly Threshold[], b: readonly Threshold[]) =>
    a.length === b.length && a.every((x) => b.some((y) => y.signal === x.signal && y.value === x.value));
  return stated.some((s) => same(s, win) && !same(s, lin)) ? 'windows' : 'linux';
}
