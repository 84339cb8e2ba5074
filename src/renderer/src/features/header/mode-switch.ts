// The header's PAPER / SHADOW / LIVE control: which modes can be chosen now, and what choosing one does.
import type { ExchangeInfo, ExchangeSettings, KeyStatus } from '../../../../shared/exchange.ts';
import type { Settings } from '../../../../shared/settings.ts';
import type { TradingMode } from '../../../../shared/trading.ts';

export const MODES: readonly TradingMode[] = ['paper', 'shadow', 'live'];

export interface ModeOption {
  mode: TradingMode;
  enabled: boolean;
  /** Why it cannot be chosen, shown as the tooltip. */
  reason: string | null;
}

/**
 * Paper needs nothing; shadow runs on the saved exchange, on its public market data alone when no keys
 * are stored (balances need keys); live needs the keys.
 */
export function modeOptions(settings: Settings | null, keys: KeyStatus | undefined): ModeOption[] {
  const exchange = settings?.exchange ?? null;
  const noExchange = exchange ? null : 'Pick an exchange in Settings first.';
  const noKeys = !exchange ? noExchange : !keys ? 'Checking the API keys…' : !keys.set ? `Enter API keys for ${exchange.id} in Settings first.` : null;
  return MODES.map((mode) => {
    const reason = mode === 'paper' ? null : mode === 'shadow' ? noExchange : noKeys;
    return { mode, enabled: reason === null, reason };
  });
}

/** Shadow without stored keys: what it can and cannot show. */
export function shadowNote(keys: KeyStatus | undefined): string | null {
  return keys && !keys.set ? 'Public market data only: the balances need API keys, so the account is simulated from the starting capital.' : null;
}

export type ModeStep = 'none' | 'confirm' | 'switch';

/** Live asks first; the other modes switch at once; the current mode or a blocked one does nothing. */
export function modeStep(current: TradingMode | null, option: ModeOption, busy: boolean): ModeStep {
  if (busy || !option.enabled || option.mode === current) return 'none';
  return option.mode === 'live' ? 'confirm' : 'switch';
}

export interface LiveSummary {
  exchange: string;
  network: 'TESTNET' | 'REAL MONEY';
  maskedKey: string;
  symbols: string;
}

/** What the trader reads before confirming live trading. */
export function liveSummary(exchange: ExchangeSettings, info: ExchangeInfo | undefined, keys: KeyStatus | undefined): LiveSummary {
  return {
    exchange: info ? `${info.name} (${exchange.id})` : exchange.id,
    network: exchange.testnet ? 'TESTNET' : 'REAL MONEY',
    maskedKey: keys?.set && keys.maskedKey ? keys.maskedKey : '—',
    symbols: exchange.symbols.join(', '),
  };
}
