export declare const GENERATOR_VERSION: number;
export declare const MiB: number;
export declare const OUT_DIR: string;
export interface GeneratorStats {
  lines?: number;
  evictionLines?: number;
  restarts?: number;
  incidents?: number;
}
export declare function journalChunks(opts: { seed: number; bytes: number; stats?: GeneratorStats }): Generator<string>;
export declare function journalName(seed: number, mb: number): string;
export declare function ensureJournal(opts?: { seed?: number; mb?: number; dir?: string; log?: (s: string) => void }): {
  path: string;
  bytes: number;
  cached: boolean;
};
