import { z } from 'zod';

/** An exchange ccxt can trade, as the Settings page lists it. */
export interface ExchangeInfo {
  id: string; // ccxt id: 'binance', 'kraken', ...
  name: string;
  websockets: boolean; // ccxt.pro streams market data and orders; otherwise REST polling
  testnet: boolean; // has a sandbox the desk can switch to
  needsPassword: boolean; // a passphrase beside key and secret (OKX, KuCoin, ...)
}

export const exchangeIdSchema = z
  .string()
  .min(2)
  .max(32)
  .regex(/^[a-z0-9]+$/, 'an exchange id is lower-case letters and digits, like binance');

/** The exchange the desk trades on in shadow and live mode. */
export const exchangeSettingsSchema = z.object({
  id: exchangeIdSchema,
  testnet: z.boolean(),
  /** Markets to stream, in ccxt's unified form ('BTC/USDT'). */
  symbols: z.array(z.string().min(3).max(32)).min(1).max(10),
});
export type ExchangeSettings = z.infer<typeof exchangeSettingsSchema>;

/** Where encrypted keys live. basic-text: Linux without a keyring, where Electron's encryption is only obfuscation. */
export type KeyStorage = 'os-keychain' | 'basic-text' | 'passphrase' | 'unavailable';

/** All the renderer ever learns about a key. */
export interface KeyStatus {
  exchangeId: string;
  set: boolean;
  maskedKey: string | null; // 'abcd…wxyz'
  storage: KeyStorage;
  /** Storage is weak (basic-text): saving needs the trader's explicit consent. */
  needsConsent: boolean;
  /** Why keys cannot be stored at all (headless without a passphrase), if so. */
  unavailableReason?: string;
}

export const apiKeysSchema = z
  .object({
    exchangeId: exchangeIdSchema,
    apiKey: z.string().trim().min(8).max(256),
    secret: z.string().trim().min(8).max(512),
    password: z.string().max(256).optional(),
    /** The trader accepted weak (basic-text) storage. */
    acceptWeakStorage: z.boolean().optional(),
  })
  .strict();
export type ApiKeys = z.infer<typeof apiKeysSchema>;

export type ConnectionProblem = 'BAD_KEY' | 'PERMISSION' | 'CLOCK_SKEW' | 'NETWORK' | 'RATE_LIMIT' | 'EXCHANGE' | 'NO_KEYS';

export interface ConnectionTest {
  ok: boolean;
  problem?: ConnectionProblem;
  message: string; // a sentence for the trader
  balances?: { asset: string; free: number; total: number }[];
}
