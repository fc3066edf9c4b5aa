/**
 * The reader's side of merging inputs by time (src/analyze/order.ts): when the core holds a lot
 * of one input while another is behind, that input's reader waits. A pass-through stream in
 * front of `feed` holds its next chunk back until the core says go (`Pace.resume`), so the
 * source stops reading (stream backpressure); `feed` and its own pausing are not touched.
 */
import { Transform, type Readable } from 'node:stream';

/** Set by the core: `waiting` while the input should pause; `resume` is called by the core when it may go on. */
export interface Pace {
  readonly waiting: boolean;
  resume: (() => void) | undefined;
}

/** `readable` through a gate the core opens and closes. Errors pass through; closing the gate stops the source. */
export function paced(readable: Readable, pace: Pace): Readable {
  const gate = new Transform({
    transform(chunk: Buffer, _enc, done) {
      this.push(chunk);
      if (!pace.waiting) return done();
      pace.resume = () => {
        pace.resume = undefined;
        done();
      };
    },
  });
  readable.on('error', (err) => gate.destroy(err));
  gate.on('close', () => readable.destroy());
  return readable.pipe(gate);
}
