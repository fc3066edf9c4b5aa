/** The CLI's messages on standard error: one prefixed line, nothing raw from the input or the command line. */
import type { Writable } from 'node:stream';
import { safeText } from '../render/sanitize.js';

/**
 * Commander's own messages (an unknown option, a bad argument) in the tool's voice: prefixed
 * like every other message, with the way to the help, and nothing from the command line
 * reaching the terminal raw.
 */
export function commanderOutput(io: { readonly stdout: Writable; readonly stderr: Writable }) {
  return {
    writeOut: (s: string) => void io.stdout.write(s),
    writeErr: (s: string) => void io.stderr.write(s),
    outputError: (s: string, write: (s: string) => void) =>
      write(`${safeText(s.replace(/^error: /, 'klog-eviction: ').trimEnd())}\nSee klog-eviction --help.\n`),
  };
}
