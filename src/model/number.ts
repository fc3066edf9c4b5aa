/**
 * How the report, its notes and the command's messages write a count (`49,428`), as `toLocaleString('en-US')` does, without ICU for
 * whole numbers: its number formatter costs ~15 ms to build, at every start, for a comma.
 */
let NUM: Intl.NumberFormat | undefined;

/** `2,118` */
export function num(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21 && !Object.is(n, -0)) {
    const s = String(Math.abs(n));
    let out = '';
    for (let i = s.length; i > 0; i -= 3) out = (i > 3 ? ',' : '') + s.slice(Math.max(0, i - 3), i) + out;
    return n < 0 ? `-${out}` : out;
  }
  // (fractions, infinities, NaN: rare, and ICU's to write)
  return (NUM ??= new Intl.NumberFormat('en-US')).format(n);
}
