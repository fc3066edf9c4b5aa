/**
 * The CLI options about where the journal comes from: `--journal` (run
 * journalctl) with `--unit`, `--directory`, `--file`, `--follow`, and
 * `--node-name` for inputs whose lines name no host. Kept out of main.ts so
 * the flag list there stays small.
 */
import type { Command } from 'commander';
import { openJournalctl, type JournalctlSource } from '../source/journalctl.js';
import { nodeFromFileName } from '../source/node-name.js';

export interface JournalOpts {
  journal?: boolean;
  unit?: string[];
  directory?: string[];
  file?: string[];
  follow?: boolean;
  nodeName?: string;
  /** --since/--until: this module's strings, or the values of the reports work's own flags */
  since?: string | number | Date;
  until?: string | number | Date;
}

const collect = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];

export const JOURNAL_EXAMPLES = `  klog-eviction --journal                         on a node: runs journalctl -u kubelet -o json
  klog-eviction --journal --directory ./var/log/journal   a journal copied off a node (sosreport)`;

/** Add the options to the program (call after the other options). */
export function addJournalOptions(program: Command): Command {
  program
    .option('--journal', 'read the journal itself: run journalctl -u kubelet -o json (no pipe needed)')
    .option('--unit <name>', "with --journal: the kubelet's unit, repeatable (default kubelet; k3s, rke2-agent ...)", collect)
    .option(
      '--directory <dir>',
      'with --journal: a journal directory, e.g. copied off a node or from journal-remote (journalctl -D), repeatable',
      collect,
    )
    .option('--file <journal>', 'with --journal: a journal file (journalctl --file), repeatable', collect)
    .option('--follow', 'with --journal: keep reading new entries (journalctl -f); Ctrl-C prints the report')
    .option(
      '--node-name <name>',
      'the node of lines that name no host (a bare kubelet.log, journalctl -o cat); default: from the file name',
    );
  // The reports work adds --since/--until as report filters; when they exist, reuse them.
  const has = (flag: string) => program.options.some((o) => o.long === flag);
  if (!has('--since')) program.option('--since <time>', 'with --journal: passed to journalctl --since');
  if (!has('--until')) program.option('--until <time>', 'with --journal: passed to journalctl --until');
  return program;
}

/** A usage problem with the combination, or undefined. */
export function journalUsageError(o: JournalOpts): string | undefined {
  if (o.journal) return undefined;
  const stray = [o.unit && '--unit', o.directory && '--directory', o.file && '--file', o.follow && '--follow'].filter(Boolean);
  return stray.length > 0 ? `${stray.join(', ')} ${stray.length > 1 ? 'apply' : 'applies'} only with --journal` : undefined;
}

/** Start journalctl for --journal. */
export function openJournal(o: JournalOpts, env: Readonly<Record<string, string | undefined>>): Promise<JournalctlSource> {
  return openJournalctl(
    {
      units: o.unit && o.unit.length > 0 ? o.unit : ['kubelet'],
      ...(o.directory ? { directories: o.directory } : {}),
      ...(o.file ? { files: o.file } : {}),
      ...(o.since !== undefined ? { since: o.since } : {}),
      ...(o.until !== undefined ? { until: o.until } : {}),
      ...(o.follow ? { follow: true } : {}),
    },
    // KLOG_EVICTION_JOURNALCTL names another journalctl binary (tests, unusual installs).
    { command: env['KLOG_EVICTION_JOURNALCTL'] || 'journalctl' },
  );
}

/**
 * The node for lines of this input that name none: `--node-name` always; else the file name's,
 * only when the input names no node at all (neither in a journal envelope nor in the kubelet's words).
 */
export function defaultNodeFor(o: JournalOpts, file: string | undefined): { node?: string; fallback?: string } {
  if (o.nodeName !== undefined) return { node: o.nodeName };
  const guess = file !== undefined ? nodeFromFileName(file) : undefined;
  return guess !== undefined ? { fallback: guess } : {};
}
