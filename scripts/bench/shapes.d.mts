import type { Entry } from './generate.mjs';
export declare const OUT_DIR: string;
export interface JournalShape {
  id: string;
  label: string;
  hosts: 1 | 3;
  journalctl: string;
  /** LANG and LC_ALL journalctl renders in (default C.UTF-8) */
  locale?: string;
  ext: string;
  extra?: boolean;
}
export interface WrittenShape {
  id: string;
  label: string;
  hosts: 1 | 3;
  writer: () => (entry: Entry) => string;
  ext: string;
  extra?: boolean;
}
export declare const SHAPES: ReadonlyArray<JournalShape | WrittenShape>;
export declare function journalTools(): { remote: string | undefined; journalctl: string | undefined };
export declare function shapeFile(shape: JournalShape | WrittenShape, seed: number, mb: number): string;
export declare function ensureShape(
  shape: JournalShape | WrittenShape,
  opts?: { seed?: number; mb?: number; log?: (s: string) => void },
): Promise<{ path: string; bytes: number; cached: boolean }>;
