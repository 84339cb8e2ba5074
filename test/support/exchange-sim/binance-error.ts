// A refusal in Binance's own terms: HTTP status plus the {code, msg} body ccxt maps to its error classes.
export class BinanceError extends Error {
  readonly status: number;
  readonly code: number;

  constructor(status: number, code: number, msg: string) {
    super(msg);
    this.status = status;
    this.code = code;
  }

  body(): { code: number; msg: string } {
    return { code: this.code, msg: this.message };
  }
}
