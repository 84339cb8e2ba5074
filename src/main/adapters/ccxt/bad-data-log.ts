// Data from an exchange that cannot be right (a price that is no number, a negative size) is dropped at
// the edge and said so in the log: the first time, then every hundredth time per kind, so a broken
// stream cannot flood the log.

const EVERY = 100;

export class BadDataLog {
  private readonly log: (line: string) => void;
  private readonly counts = new Map<string, number>();

  constructor(log: (line: string) => void) {
    this.log = log;
  }

  /** `kind` groups repeats (e.g. 'trade BTC/USDT'); `line` is built only when it is logged. */
  report(kind: string, line: () => string): void {
    const count = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, count);
    if (count === 1) this.log(line());
    else if (count % EVERY === 0) this.log(`${line()} (${count} times so far)`);
  }
}

/** A value as the exchange sent it, short enough for a log line. */
export function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 40 ? `${json.slice(0, 40)}…` : json;
}
