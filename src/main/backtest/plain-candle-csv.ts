// The common candle file, read without the general table parser and zod: an optional
// `# symbol=… timeframe=…` line, the header timestamp,open,high,low,close,volume, then one row per line of
// a millisecond timestamp and plain decimals that pass every check the schema makes, in time order.
// A year of 1m candles loads in a fraction of the time, which a sweep waits for before its workers start.
// Anything else (a comment or blank line inside, quotes, ISO times, other columns, a bad value) returns
// undefined, and the general path reads the file and says what is wrong.
import type { Candle } from '../../shared/market.ts';
import { DECIMAL, LATEST_TIME, SECONDS_LIKE_BELOW } from './dataset-rows.ts';
import { parseMetaComment } from './parse-table.ts';

export interface PlainCandleRows {
  meta: Record<string, string>;
  /** The candles without symbol and timeframe, which the file's name or first line says. */
  rows: Omit<Candle, 'symbol' | 'timeframe' | 'closed'>[];
}

const HEADER = 'timestamp,open,high,low,close,volume';
const FIELDS = 6;
const COMMA = 44;
const LF = 10;
const CR = 13;
const DOT = 46;
const ZERO = 48;
/** A mantissa of at most 15 digits over a power of ten up to 1e22 is exact and one division rounds it correctly. */
const EXACT_DIGITS = 15;
const POWERS_OF_TEN = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

export function plainCandleCsv(text: string): PlainCandleRows | undefined {
  const firstEnd = lineEnd(text, 0);
  const meta = text.startsWith('#') ? parseMetaComment(text.slice(0, firstEnd)) : {};
  const headerStart = text.startsWith('#') ? nextLine(text, firstEnd) : 0;
  const headerEnd = lineEnd(text, headerStart);
  if (text.slice(headerStart, headerEnd).toLowerCase() !== HEADER) return undefined;
  const reader = new RowReader(text, nextLine(text, headerEnd));
  const rows: PlainCandleRows['rows'] = [];
  const cells = new Float64Array(FIELDS);
  let previous = -Infinity;
  while (!reader.done()) {
    if (!reader.row(cells)) return undefined;
    const [openTime, open, high, low, close, volume] = cells;
    const fine =
      openTime > previous && Number.isInteger(openTime) && openTime >= SECONDS_LIKE_BELOW && openTime <= LATEST_TIME &&
      open > 0 && close > 0 && low > 0 && volume >= 0 &&
      high >= Math.max(open, close) && low <= Math.min(open, close);
    if (!fine) return undefined;
    rows.push({ openTime, open, high, low, close, volume });
    previous = openTime;
  }
  return rows.length > 0 ? { meta, rows } : undefined;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  const stop = end < 0 ? text.length : end;
  return stop > from && text.charCodeAt(stop - 1) === CR ? stop - 1 : stop;
}

function nextLine(text: string, end: number): number {
  return text.charCodeAt(end) === CR ? end + 2 : end + 1;
}

/** Walks the rows character by character: no substring per cell, which is what makes this path fast. */
class RowReader {
  private readonly text: string;
  private at: number;
  /** Whether the last number was bare digits: a timestamp must be (the schema reads no sign, dot or exponent there). */
  private digitsOnly = false;

  constructor(text: string, start: number) {
    this.text = text;
    this.at = start;
  }

  done(): boolean {
    return this.at >= this.text.length;
  }

  /** Reads one row of six numbers into `cells`; false for anything but a plain row (a bad cell reads NaN). */
  row(cells: Float64Array): boolean {
    for (let field = 0; field < FIELDS; field++) {
      cells[field] = this.number();
      if (field === 0 && !this.digitsOnly) return false;
      const code = this.text.charCodeAt(this.at);
      if (field < FIELDS - 1) {
        if (code !== COMMA) return false;
        this.at++;
      } else if (code === CR && this.text.charCodeAt(this.at + 1) === LF) this.at += 2;
      else if (code === LF || code === CR) this.at++;
      else if (!this.done()) return false;
    }
    return true;
  }

  /** Digits with at most one dot; anything else (signs, exponents, long mantissas) goes through Number after the schema's own test. */
  private number(): number {
    const { text } = this;
    const start = this.at;
    let mantissa = 0;
    let digits = 0;
    let decimals = -1;
    for (;;) {
      const code = text.charCodeAt(this.at);
      if (code >= ZERO && code <= ZERO + 9) {
        mantissa = mantissa * 10 + (code - ZERO);
        digits++;
        if (decimals >= 0) decimals++;
      } else if (code === DOT && decimals < 0) decimals = 0;
      else break;
      this.at++;
    }
    this.digitsOnly = false;
    if (digits > 0 && digits <= EXACT_DIGITS && !this.otherNumberChar()) {
      this.digitsOnly = decimals < 0;
      return decimals > 0 ? mantissa / POWERS_OF_TEN[decimals] : mantissa;
    }
    while (this.otherNumberChar() || isDigitOrDot(text.charCodeAt(this.at))) this.at++;
    const cell = text.slice(start, this.at);
    const n = DECIMAL.test(cell) ? Number(cell) : Number.NaN;
    return Number.isFinite(n) ? n : Number.NaN;
  }

  /** A sign or exponent character where the cell goes on: the slow, exact way then. */
  private otherNumberChar(): boolean {
    const code = this.text.charCodeAt(this.at);
    return code === 43 || code === 45 || code === 69 || code === 101; // + - E e
  }
}

function isDigitOrDot(code: number): boolean {
  return (code >= ZERO && code <= ZERO + 9) || code === DOT;
}
