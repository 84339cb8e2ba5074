// The exchange section of Settings: which exchange, testnet or not, and the markets to stream.
import { exchangeSettingsSchema, type ExchangeInfo, type ExchangeSettings } from '../../../../shared/exchange.ts';
import { issuesByField } from '../../format/issues.ts';

export const MAX_SYMBOLS = 10;

export interface ExchangeForm {
  id: string;
  testnet: boolean;
  /** Comma-separated, as typed. */
  symbols: string;
}

export type ExchangeFormError = 'id' | 'testnet' | 'symbols';

export type ExchangeCheck =
  | { ok: true; request: ExchangeSettings }
  | { ok: false; errors: Partial<Record<ExchangeFormError, string>> };

/** A new pick starts on the testnet when there is one: real money is opted into, never defaulted to. */
export function formFromExchange(exchange: ExchangeSettings | null): ExchangeForm {
  if (!exchange) return { id: '', testnet: true, symbols: 'BTC/USDT' };
  return { id: exchange.id, testnet: exchange.testnet, symbols: exchange.symbols.join(', ') };
}

export function pickExchange(form: ExchangeForm, id: string, list: readonly ExchangeInfo[] | null): ExchangeForm {
  const info = list?.find((e) => e.id === id);
  // An exchange without a sandbox can only be traded for real; the switch shows it and stays off.
  const testnet = info && !info.testnet ? false : id === form.id ? form.testnet : true;
  return { ...form, id, testnet };
}

const SYMBOL_PATTERN = /^[A-Z0-9][A-Z0-9._-]{0,19}\/[A-Z0-9][A-Z0-9._-]{0,19}$/;

/** "btc/usdt, ETH/USDT," -> ['BTC/USDT', 'ETH/USDT']: upper-cased, blanks and repeats dropped. */
export function parseSymbols(text: string): { ok: true; symbols: string[] } | { ok: false; error: string } {
  const symbols: string[] = [];
  for (const part of text.split(',')) {
    const symbol = part.trim().replace(/\s+/g, '').toUpperCase();
    if (symbol === '') continue;
    if (!SYMBOL_PATTERN.test(symbol)) return { ok: false, error: `"${part.trim()}" is not in BASE/QUOTE form, like BTC/USDT` };
    if (!symbols.includes(symbol)) symbols.push(symbol);
  }
  if (symbols.length === 0) return { ok: false, error: 'needs at least one market, like BTC/USDT' };
  if (symbols.length > MAX_SYMBOLS) return { ok: false, error: `takes at most ${MAX_SYMBOLS} markets, not ${symbols.length}` };
  return { ok: true, symbols };
}

export function checkExchangeForm(form: ExchangeForm, list: readonly ExchangeInfo[] | null): ExchangeCheck {
  const errors: Partial<Record<ExchangeFormError, string>> = {};
  const info = list?.find((e) => e.id === form.id);
  if (form.id === '') errors.id = 'Pick an exchange';
  else if (list && !info) errors.id = `${form.id} is not an exchange the engine can trade on`;
  if (info && form.testnet && !info.testnet) errors.testnet = `${info.name} has no testnet`;
  const symbols = parseSymbols(form.symbols);
  if (!symbols.ok) errors.symbols = `Markets ${symbols.error}`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = exchangeSettingsSchema.safeParse({ id: form.id, testnet: form.testnet, symbols: symbols.ok ? symbols.symbols : [] });
  if (!parsed.success) {
    const byPath = issuesByField(parsed.error.issues);
    const symbolIssue = Object.entries(byPath).find(([path]) => path.startsWith('symbols'))?.[1];
    return {
      ok: false,
      errors: {
        ...(byPath.id ? { id: `Exchange ${byPath.id}` } : {}),
        ...(symbolIssue ? { symbols: `Markets: ${symbolIssue}` } : {}),
      },
    };
  }
  return { ok: true, request: parsed.data };
}

/** The exchanges whose name or id contains the query; the selected one always stays in the list. */
export function filterExchanges(list: readonly ExchangeInfo[], query: string, selectedId: string): ExchangeInfo[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [...list];
  return list.filter((e) => e.id === selectedId || e.id.includes(q) || e.name.toLowerCase().includes(q));
}

/** "Binance — WS · testnet": what the picker shows for one exchange. */
export function exchangeLabel(info: ExchangeInfo): string {
  const tags = [info.websockets ? 'WS' : 'REST', ...(info.testnet ? ['testnet'] : []), ...(info.needsPassword ? ['passphrase'] : [])];
  return `${info.name} — ${tags.join(' · ')}`;
}
