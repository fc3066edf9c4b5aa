/**
 * The real systemd tools for tests that build journal files
 * (systemd-journal-remote) and read them (journalctl). When they are missing
 * the tests that need them skip LOUDLY; under CI (CI set) they fail instead,
 * because .ci/run installs them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function which(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  const p = r.stdout.trim();
  return r.status === 0 && p ? p : undefined;
}

export const JOURNALCTL = which('journalctl');
export const JOURNAL_REMOTE = (
  process.env['SYSTEMD_JOURNAL_REMOTE'] ?? '/lib/systemd/systemd-journal-remote /usr/lib/systemd/systemd-journal-remote'
)
  .split(/\s+/)
  .find((p) => p && existsSync(p));
export const HAVE_SYSTEMD_TOOLS = JOURNALCTL !== undefined && JOURNAL_REMOTE !== undefined;

/** Call at module level: says loudly why the suite is skipped, or fails under CI. */
export function requireSystemdTools(suite: string): boolean {
  if (HAVE_SYSTEMD_TOOLS) return true;
  const missing = [
    !JOURNALCTL && 'journalctl (Debian: systemd)',
    !JOURNAL_REMOTE && 'systemd-journal-remote (Debian: systemd-journal-remote)',
  ]
    .filter(Boolean)
    .join(' and ');
  const msg = `\n!!!!! ${suite}: SKIPPED — ${missing} not found. Install them (see .ci/run) to run it. !!!!!\n`;
  if (process.env['CI']) throw new Error(msg);
  console.error(msg);
  return false;
}

/** Turn an export stream into a journal file with systemd-journal-remote. */
export function buildJournal(exportStream: Buffer, path: string): void {
  const r = spawnSync(JOURNAL_REMOTE!, ['-o', path, '-'], { input: exportStream, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`systemd-journal-remote failed: ${r.stderr}`);
}

/** Render a journal file with the real journalctl. */
export function journalctl(args: string[], env: Record<string, string> = {}): Buffer {
  const r = spawnSync(JOURNALCTL!, ['--no-pager', ...args], { env: { ...process.env, ...env }, maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`journalctl ${args.join(' ')} failed: ${r.stderr.toString()}`);
  return r.stdout;
}
