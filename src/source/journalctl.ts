/**
 * `--journal`: read the journal itself by running journalctl, so on a node the
 * tool needs no pipe. Spawning a process is input I/O, so it lives here at the
 * edge with src/source/open.ts; the core only sees lines.
 *
 * Always `-o json`: it is the one rendering that keeps the year, the zone, the
 * microseconds, the host and the PID whatever the machine's locale and zone
 * (test/fixtures/journalctl/README.md), and it decodes like a pipe of
 * `journalctl -o json`.
 */
import { spawn } from 'node:child_process';
import { InputError, type Source } from './open.js';

export interface JournalctlQuery {
  /** `-u` per unit; default kubelet */
  readonly units: readonly string[];
  /** `-D DIR`: a journal directory (the node's, or one copied off it: sosreport, must-gather) */
  readonly directories?: readonly string[];
  /** `--file FILE`: journal files (globs are journalctl's) */
  readonly files?: readonly string[];
  /** passed through as journalctl's `--since`/`--until` (its own syntax, or an instant) */
  readonly since?: string | number | Date;
  readonly until?: string | number | Date;
  /** `-f`: keep reading until interrupted */
  readonly follow?: boolean;
}

/** A time for journalctl: its own syntax as given, or `@epoch-seconds` for an instant. */
function when(v: string | number | Date): string {
  if (typeof v === 'string') return v;
  const ms = typeof v === 'number' ? v : v.getTime();
  return `@${Math.floor(ms / 1000)}`;
}

/** The journalctl argument list for a query (pure, tested). */
export function journalctlArgs(q: JournalctlQuery): string[] {
  const a = ['-o', 'json', '--no-pager'];
  for (const u of q.units) a.push('-u', u);
  for (const d of q.directories ?? []) a.push('-D', d);
  for (const f of q.files ?? []) a.push('--file', f);
  if (q.since !== undefined) a.push('--since', when(q.since));
  if (q.until !== undefined) a.push('--until', when(q.until));
  if (q.follow) a.push('-f');
  return a;
}

export interface JournalctlSource extends Source {
  /** resolves when journalctl exits 0 (or was stopped by us); rejects with an InputError otherwise */
  readonly done: Promise<void>;
  /** stop journalctl (`--follow` interrupted) */
  stop(): void;
}

/** Start journalctl. Rejects with an InputError when it cannot be run. */
export function openJournalctl(
  q: JournalctlQuery,
  opts: { command?: string; env?: Readonly<Record<string, string | undefined>> } = {},
): Promise<JournalctlSource> {
  const command = opts.command ?? 'journalctl';
  const args = journalctlArgs(q);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(opts.env ? { env: opts.env as NodeJS.ProcessEnv } : {}),
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => {
      if (stderr.length < 4096) stderr += s;
    });
    let stopped = false;
    const done = new Promise<void>((res, rej) => {
      child.on('close', (code, signal) => {
        if (code === 0 || stopped || (code === null && signal !== null && stopped)) return res();
        const why = stderr
          .split('\n')
          .map((l) => l.trim())
          .find((l) => l.length > 0);
        rej(new InputError('journalctl', `journalctl ${args.join(' ')} failed (exit ${code ?? signal})${why ? `: ${why}` : ''}`));
      });
    });
    done.catch(() => undefined); // observed by the caller after reading
    child.once('error', (e: NodeJS.ErrnoException) => {
      reject(
        new InputError(
          'journalctl',
          e.code === 'ENOENT'
            ? `--journal needs journalctl (systemd), which is not on this machine; copy the journal off the node and read it where journalctl exists (--journal --directory DIR), or pipe saved journalctl output in`
            : `cannot run ${command}: ${e.message}`,
        ),
      );
    });
    child.once('spawn', () =>
      resolve({
        name: 'journalctl',
        stream: child.stdout,
        done,
        stop: () => {
          stopped = true;
          child.kill('SIGTERM');
        },
      }),
    );
  });
}
