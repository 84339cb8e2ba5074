// Symbol metadata lookups, with steps to fall back on before the snapshot names the symbol.
import type { SymbolInfo } from '../../../shared/market.ts';
import { useTerminal } from './store.ts';

export interface Steps {
  tickSize: number;
  lotSize: number;
}

export const FALLBACK_STEPS: Steps = { tickSize: 0.01, lotSize: 0.0001 };

export function findSymbol(symbols: readonly SymbolInfo[], symbol: string | undefined): SymbolInfo | undefined {
  return symbol === undefined ? undefined : symbols.find((s) => s.symbol === symbol);
}

/** Tick and lot size for formatting one symbol's numbers. */
export function useSteps(symbol: string | undefined): Steps {
  const info = useTerminal((s) => findSymbol(s.market.symbols, symbol));
  return info ?? FALLBACK_STEPS;
}
