export declare function median(xs: readonly number[]): number;
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  timeDeltas: number[];
}
export declare function selfTimes(profile: CpuProfile): Array<{ name: string; url: string; line: number; selfMs: number; percent: number }>;
export declare function table(rows: ReadonlyArray<ReadonlyArray<string | number>>): string;
