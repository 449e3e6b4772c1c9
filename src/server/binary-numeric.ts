/**
 * NUMERIC's binary form: Int16 ndigits, Int16 weight, Int16 sign (0x0000 +, 0x4000 -, 0xC000 NaN),
 * Int16 dscale, then ndigits Int16 base-10000 digits, the first worth 10000^weight. Converted
 * from and to the exact decimal text Redshift prints ('-123.4500'), so no value passes through a
 * float.
 */
const POSITIVE = 0x0000;
const NEGATIVE = 0x4000;
const NAN = 0xc000;

export interface PgNumeric {
  readonly weight: number;
  readonly sign: number;
  readonly dscale: number;
  readonly digits: readonly number[];
}

export function numericToPg(text: string): PgNumeric {
  if (text === 'NaN') return { weight: 0, sign: NAN, dscale: 0, digits: [] };
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new Error(`invalid numeric "${text}"`);
  const intPart = m[2]!.replace(/^0+/, '');
  const fracPart = m[3] ?? '';
  // Align both parts on 4-digit groups around the decimal point.
  const intGroups = Math.ceil(intPart.length / 4);
  const padded = intPart.padStart(intGroups * 4, '0') + fracPart.padEnd(Math.ceil(fracPart.length / 4) * 4, '0');
  const groups: number[] = [];
  for (let i = 0; i < padded.length; i += 4) groups.push(Number(padded.slice(i, i + 4)));
  let weight = intGroups - 1;
  let first = 0;
  while (first < groups.length && groups[first] === 0) {
    first++;
    weight--;
  }
  let last = groups.length;
  while (last > first && groups[last - 1] === 0) last--;
  const digits = groups.slice(first, last);
  const negative = m[1] === '-' && digits.length > 0;
  return { weight: digits.length === 0 ? 0 : weight, sign: negative ? NEGATIVE : POSITIVE, dscale: fracPart.length, digits };
}

export function numericFromPg(n: PgNumeric): string {
  if (n.sign === NAN) return 'NaN';
  if (n.sign !== POSITIVE && n.sign !== NEGATIVE) throw new Error(`invalid sign in numeric value: ${n.sign}`);
  // Integer part: groups at weights n.weight .. 0; fraction: weights -1, -2, ...
  let intText = '';
  for (let w = n.weight, i = 0; w >= 0; w--, i++) intText += String(n.digits[i] ?? 0).padStart(4, '0');
  let fracText = '';
  for (let i = n.weight + 1; fracText.length < n.dscale; i++) {
    fracText += String(i >= 0 ? (n.digits[i] ?? 0) : 0).padStart(4, '0');
  }
  intText = intText.replace(/^0+/, '') || '0';
  fracText = fracText.slice(0, n.dscale);
  const body = fracText === '' ? intText : `${intText}.${fracText}`;
  const isZero = n.digits.every((d) => d === 0);
  return n.sign === NEGATIVE && !isZero ? `-${body}` : body;
}
