/**
 * Client order ids unique across restarts without a counter on disk: the clock's millisecond in
 * base 36 plus a per-process sequence. Short enough for every venue (Binance allows 36 chars).
 */
export class ClientOrderIds {
  private seq = 0;
  private readonly prefix: string;

  constructor(prefix = 'hd') {
    this.prefix = prefix;
  }

  next(now: number): string {
    this.seq = (this.seq + 1) % 1_679_616; // 36^4
    return `${this.prefix}-${now.toString(36)}-${this.seq.toString(36)}`;
  }
}
