// The exits a strategy attaches to an entry, from its parameters: distances from the entry's price in
// percent of it, or in multiples of the average true range.
import type { SymbolInfo } from '../../../shared/market.ts';
import type { ExitParams, SignalDirection } from '../../../shared/strategy.ts';
import type { BracketExits } from '../../../shared/trading.ts';

/**
 * Exits for a long (below and above `price`) or a short (the other way round), on the tick grid and
 * never nearer than one tick; undefined for a flat view, for no exit parameters, or for ATR distances
 * before the ATR has enough candles.
 */
export function strategyExits(direction: SignalDirection, price: number, params: ExitParams, atr: number, info: SymbolInfo): BracketExits | undefined {
  if (direction === 'flat') return undefined;
  const inAtr = (params.atrPeriod ?? 0) > 0;
  if (inAtr && !(atr > 0)) return undefined;
  const distance = (setting: number | undefined): number | undefined => {
    if (setting === undefined || !(setting > 0)) return undefined;
    return Math.max(info.tickSize, inAtr ? setting * atr : (price * setting) / 100);
  };
  const down = direction === 'long' ? -1 : 1;
  const tick = info.tickSize;
  // Rounded away from the price: a stop or target is never nearer than asked.
  const away = (offset: number, sign: number): number => {
    const steps = (price + sign * offset) / tick;
    return Number(((sign > 0 ? Math.ceil(steps - 1e-9) : Math.floor(steps + 1e-9)) * tick).toFixed(12));
  };
  const exits: BracketExits = {};
  const stop = distance(params.stopLoss);
  const target = distance(params.takeProfit);
  const trail = distance(params.trailingStop);
  if (stop !== undefined && stop < price) exits.stopLoss = { triggerPrice: away(stop, down) };
  if (target !== undefined) exits.takeProfit = { triggerPrice: away(target, -down) };
  if (trail !== undefined && trail < price) exits.trailingStop = { distance: trail, unit: 'amount' };
  return Object.keys(exits).length === 0 ? undefined : exits;
}
