export declare const GENERATOR_VERSION: number;
export declare const MiB: number;
export interface GeneratorStats {
  entries?: number;
  evictionLines?: number;
  restarts?: number;
  incidents?: number;
}
export interface JournalHost {
  hostname: string;
  machineId: string;
  bootId: string;
  bootUs: number;
  cmdline: string;
  runtime: { ident: string; comm: string; exe: string; cmdline: string; unit: string };
}
export interface Entry {
  us: number;
  mono: number;
  host: JournalHost;
  source: 'kubelet' | 'systemd' | 'runtime';
  ident: string;
  pid: number;
  message: string;
  eviction: boolean;
  start: { invocationId: string; streamId: string };
  fileOnly: boolean;
}
export declare function journalEntries(opts: { seed: number; hosts?: 1 | 3; stats?: GeneratorStats }): Generator<Entry>;
export declare function bareLine(e: Entry): string;
export declare function syslogWriter(): (e: Entry) => string;
export declare function shortWriter(): (e: Entry) => string;
export declare function exportRecord(e: Entry): string;
export declare function written(opts: {
  seed: number;
  hosts?: 1 | 3;
  bytes: number;
  write: (e: Entry) => string;
  stats?: GeneratorStats;
}): Generator<string>;
export declare function journalChunks(opts: { seed: number; bytes: number; stats?: GeneratorStats }): Generator<string>;
