export declare function median(xs: readonly number[]): number;
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}
export declare function selfTimes(profile: CpuProfile): Array<{ name: string; url: string; line: number; selfMs: number; percent: number }>;
export declare function table(rows: ReadonlyArray<ReadonlyArray<string | number>>): string;
export declare const TARGETS: { wallRatio: number; cpuRatio: number; rssMiB: number; rssFlatRatio: number };
export declare function parseTime(text: string): { wallMs: number; userMs: number; sysMs: number; rssKiB: number };
export declare function shellQuote(s: string): string;
