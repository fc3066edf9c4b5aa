/**
 * Month names as journalctl prints them in `short` output, which uses the
 * locale's abbreviated month (`%b`): `Oct`, `10月` (zh/ja), `10월` (ko),
 * `oct.`/`juin` (fr), `Okt` (de), `окт`/`янв` (ru), `oct`/`ene` (es) ...
 * Tokens are compared after lowercasing and dropping one trailing dot.
 */

/** The abbreviated month names of each month (index 0: January), lower case. */
export const MONTH_NAMES: ReadonlyArray<readonly string[]> = [
  // English and C, German, French, Spanish, Italian, Portuguese, Dutch, Russian (both cases), Polish, Turkish, Swedish
  ['jan', 'janv', 'ene', 'gen', 'янв', 'январь', 'января', 'sty', 'oca', 'jän'],
  ['feb', 'févr', 'fevr', 'fév', 'fev', 'фев', 'февр', 'lut', 'şub', 'sub'],
  ['mar', 'mär', 'mrz', 'mars', 'мар', 'марта', 'март', 'mrt'],
  ['apr', 'avr', 'abr', 'апр', 'kwi', 'nis'],
  ['may', 'mai', 'mag', 'mei', 'мая', 'май', 'maj', 'may'],
  ['jun', 'juin', 'giu', 'июн', 'июня', 'июнь', 'cze', 'haz', 'juni'],
  ['jul', 'juil', 'lug', 'июл', 'июля', 'июль', 'lip', 'tem', 'juli'],
  ['aug', 'août', 'aout', 'ago', 'авг', 'sie', 'ağu', 'agu'],
  ['sep', 'sept', 'set', 'сен', 'сент', 'wrz', 'eyl'],
  ['oct', 'okt', 'ott', 'out', 'окт', 'paź', 'paz', 'eki'],
  ['nov', 'ноя', 'нояб', 'lis', 'kas'],
  ['dec', 'dez', 'déc', 'dic', 'дек', 'gru', 'ara'],
];

const TABLE = new Map<string, number>();
MONTH_NAMES.forEach((names, i) => {
  for (const n of names) TABLE.set(n, i + 1);
});

/** 1–12 for a localized abbreviated month token, or 0 when it is not one. */
export function monthFromToken(token: string): number {
  // CJK: `10月` (Chinese, Japanese), `10월` (Korean); glibc may pad with a space.
  const last = token.charCodeAt(token.length - 1);
  if (last === 0x6708 /* 月 */ || last === 0xc6d4 /* 월 */) {
    const n = Number(token.slice(0, -1).trim());
    return Number.isInteger(n) && n >= 1 && n <= 12 ? n : 0;
  }
  let t = token.toLowerCase();
  if (t.endsWith('.')) t = t.slice(0, -1);
  return TABLE.get(t) ?? 0;
}
