// A REST request's parameters, query string and form body together, read the way Binance reads them.
import { BinanceError } from './binance-error.ts';
import { specFor } from './markets.ts';

export class Params {
  private readonly all: URLSearchParams;

  constructor(query: string, body: string) {
    this.all = new URLSearchParams(query);
    for (const [k, v] of new URLSearchParams(body)) this.all.append(k, v);
  }

  str(name: string): string | undefined {
    const v = this.all.get(name);
    return v === null || v === '' ? undefined : v;
  }

  num(name: string): number | undefined {
    const v = this.str(name);
    if (v === undefined) return undefined;
    if (!/^-?\d{1,20}(\.\d{1,20})?$/.test(v)) {
      throw new BinanceError(400, -1100, `Illegal characters found in parameter '${name}'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.`);
    }
    return Number(v);
  }

  required(name: string): string {
    const v = this.str(name);
    if (v === undefined) throw new BinanceError(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);
    return v;
  }

  /** `symbols=["BTCUSDT","ETHUSDT"]`, as Binance takes it. */
  symbols(): string[] | undefined {
    const raw = this.str('symbols');
    if (raw === undefined) return undefined;
    try {
      const list = JSON.parse(raw) as unknown;
      if (Array.isArray(list)) return list.map((s) => specFor(String(s)).symbol);
    } catch {
      // fall through to Binance's complaint
    }
    throw new BinanceError(400, -1100, "Illegal characters found in parameter 'symbols'; legal range is '^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$'.");
  }
}
