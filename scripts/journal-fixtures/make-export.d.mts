export declare const ENTRIES: ReadonlyArray<Record<string, unknown>>;
export declare function exportStream(opts?: { bootChange?: boolean }): Buffer;
export declare function groundTruth(): Array<Record<string, unknown>>;
