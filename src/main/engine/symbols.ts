// The assets of a ccxt unified symbol: 'BTC/USDT' and 'BTC/USDT:USDT' trade BTC against USDT.

export function baseOf(symbol: string): string {
  const slash = symbol.indexOf('/');
  return slash < 0 ? symbol : symbol.slice(0, slash);
}

export function quoteOf(symbol: string): string {
  const slash = symbol.indexOf('/');
  if (slash < 0) return 'in quote currency';
  const colon = symbol.indexOf(':', slash);
  return symbol.slice(slash + 1, colon < 0 ? undefined : colon);
}
