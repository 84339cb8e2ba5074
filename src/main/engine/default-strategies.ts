import type { StrategyConfig } from '../../shared/strategy.ts';

/** What a new desk starts with: one of each kind, inactive until the trader switches them on. */
export const DEFAULT_STRATEGIES: StrategyConfig[] = [
  {
    id: 'momentum-btc',
    kind: 'momentum',
    symbol: 'BTC/USDT',
    timeframe: '1m',
    params: { lookback: 10, threshold: 0.003, orderSize: 0.05 },
    active: false,
  },
  {
    id: 'mean-reversion-eth',
    kind: 'mean-reversion',
    symbol: 'ETH/USDT',
    timeframe: '1m',
    params: { period: 20, stdMultiplier: 2, orderSize: 1 },
    active: false,
  },
];
