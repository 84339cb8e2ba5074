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

/** Shadow and live trade on the saved exchange with its stored keys; paper needs neither. */
export function modeOptions(settings: Settings | null, keys: KeyStatus | undefined): ModeOption[] {
  const exchange = settings?.exchange ?? null;
  const blocker = !exchange
    ? 'Pick an exchange in Settings first.'
    : !keys
      ? 'Checking the API keys…'
      : !keys.set
        ? `Enter API keys for ${exchange.id} in Settings first.`
        : null;
  return MODES.map((mode) => {
    const reason = mode === 'paper' ? null : blocker;
    return { mode, enabled: reason === null, reason };
  });
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
