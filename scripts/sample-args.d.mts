export declare const SAMPLE_ARGS: Record<string, string[]>;
export declare function snapshotName(file: string, format: string): string;
export declare const FORMATS: readonly string[];
export declare function sampleFiles(readdirSync: (p: string) => string[]): string[];
