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
export declare function shapeFile(shape: JournalShape | WrittenShape, seed: number, mb: number, journal?: string): string;
/** `journal`: a Journal Export Format file of your own, rendered in place of the model's journal (journalctl shapes only). */
export declare function ensureShape(
  shape: JournalShape | WrittenShape,
  opts?: { seed?: number; mb?: number; log?: (s: string) => void; journal?: string | undefined },
): Promise<{ path: string; bytes: number; cached: boolean }>;
/** The records of a Journal Export Format file, each as its fields (name, value). */
export declare function exportRecords(b: Buffer): Generator<Array<[string, Buffer]>>;
/** One record in the Journal Export Format. */
export declare function exportText(fields: ReadonlyArray<readonly [string, Buffer]>): Buffer;
