// The API-key form. The secret lives only in the form's own component state and in the one request
// sent to the engine: it is cleared from the form the moment Save is pressed, whatever the answer,
// and never written to the store, browser storage, the address or a log.
import type { CommandResult } from '../../../../shared/contract.ts';
import type { ApiKeys, ConnectionTest, ExchangeInfo, KeyStatus, KeyStorage } from '../../../../shared/exchange.ts';
import { apiKeysSchema } from '../../../../shared/exchange.ts';
import type { MessageState } from '../../components/Message.tsx';
import { issuesByField } from '../../format/issues.ts';
import { describeError } from '../../store/actions.ts';
import { saveKeys } from '../../store/exchange-actions.ts';

export interface KeysDraft {
  apiKey: string;
  secret: string;
  password: string;
  acceptWeak: boolean;
}

export const EMPTY_KEYS: KeysDraft = Object.freeze({ apiKey: '', secret: '', password: '', acceptWeak: false });

export interface KeysFormState {
  draft: KeysDraft;
  busy: boolean;
  message: MessageState | null;
}

export const INITIAL_KEYS_FORM: KeysFormState = { draft: EMPTY_KEYS, busy: false, message: null };

export interface KeysContext {
  exchangeId: string;
  /** Null when the exchange list has not loaded: then no passphrase field is offered. */
  exchange: ExchangeInfo | null;
  status: KeyStatus | undefined;
}

const STORAGE_LABELS: Record<KeyStorage, string> = {
  'os-keychain': 'OS keychain',
  passphrase: 'passphrase-encrypted file',
  'basic-text': 'weak (basic_text)',
  unavailable: 'unavailable',
};

export function storageLabel(storage: KeyStorage): string {
  return STORAGE_LABELS[storage];
}

export function keyStatusText(status: KeyStatus | undefined): string {
  if (!status) return 'Checking…';
  return status.set ? `Key set: ${status.maskedKey ?? '(masked)'}` : 'No key';
}

/** Why the form cannot be used at all, if so. */
export function keysUnavailable(status: KeyStatus | undefined): string | null {
  if (status?.storage !== 'unavailable') return null;
  return status.unavailableReason ?? 'Keys cannot be stored on this machine.';
}

/** Replaces any key material an error text might echo. */
export function redact(text: string, draft: KeysDraft): string {
  let out = text;
  for (const value of [draft.secret, draft.password, draft.apiKey]) {
    const v = value.trim();
    if (v.length >= 4) out = out.split(v).join('•••');
  }
  return out;
}

const FIELD_LABELS: Record<string, string> = { apiKey: 'API key', secret: 'Secret', password: 'Passphrase', exchangeId: 'Exchange' };

export function checkKeysDraft(draft: KeysDraft, ctx: KeysContext): { ok: true; request: ApiKeys } | { ok: false; error: string } {
  const unavailable = keysUnavailable(ctx.status);
  if (unavailable) return { ok: false, error: unavailable };
  if (ctx.status?.needsConsent && !draft.acceptWeak) {
    return { ok: false, error: 'Key storage on this machine is weak: tick "Store with weak encryption anyway" to save.' };
  }
  const needsPassword = ctx.exchange?.needsPassword ?? false;
  if (needsPassword && draft.password.trim() === '') return { ok: false, error: 'Passphrase is required for this exchange.' };
  const parsed = apiKeysSchema.safeParse({
    exchangeId: ctx.exchangeId,
    apiKey: draft.apiKey,
    secret: draft.secret,
    ...(needsPassword ? { password: draft.password } : {}),
    ...(ctx.status?.needsConsent ? { acceptWeakStorage: draft.acceptWeak } : {}),
  });
  if (!parsed.success) {
    // Only field names and bounds: zod's phrases never include the value typed.
    const problems = Object.entries(issuesByField(parsed.error.issues)).map(([field, text]) => `${FIELD_LABELS[field] ?? field} ${text}`);
    return { ok: false, error: `${problems.join('; ')}.` };
  }
  return { ok: true, request: parsed.data };
}

/** Sends the draft and turns the answer into the form's message. */
export async function sendKeys(
  draft: KeysDraft,
  ctx: KeysContext,
  send: (keys: ApiKeys) => Promise<CommandResult<'keys.set'>> = saveKeys,
): Promise<MessageState> {
  const check = checkKeysDraft(draft, ctx);
  if (!check.ok) return { kind: 'error', text: redact(check.error, draft) };
  const result = await send(check.request);
  if (result.ok) return { kind: 'success', text: `Keys saved (${storageLabel(result.value.storage)}).` };
  return { kind: 'error', text: redact(describeError(result) ?? 'Keys were not saved.', draft) };
}

type Update = (change: (state: KeysFormState) => KeysFormState) => void;

/**
 * Save keys: the form is emptied before the request leaves, so the secret is gone from the UI
 * whether the engine accepts it or not; then the answer is shown.
 */
export async function submitKeysForm(draft: KeysDraft, ctx: KeysContext, update: Update, send?: (keys: ApiKeys) => Promise<CommandResult<'keys.set'>>): Promise<void> {
  update((s) => ({ ...s, draft: EMPTY_KEYS, busy: true, message: null }));
  let message: MessageState;
  try {
    message = await sendKeys(draft, ctx, send);
  } catch {
    message = { kind: 'error', text: 'Keys were not saved: the request failed.' };
  }
  update((s) => ({ ...s, busy: false, message }));
}

export interface ConnectionTestView {
  kind: 'success' | 'error';
  text: string;
  balances: NonNullable<ConnectionTest['balances']>;
}

const SHOWN_BALANCES = 5;

/** The test's sentence and, on success, the few largest balances. */
export function describeConnectionTest(result: CommandResult<'keys.test'>): ConnectionTestView {
  if (!result.ok) return { kind: 'error', text: describeError(result) ?? 'The test failed.', balances: [] };
  const test = result.value;
  const balances = (test.balances ?? [])
    .filter((b) => b.total > 0)
    .sort((a, b) => b.total - a.total)
    .slice(0, SHOWN_BALANCES);
  return { kind: test.ok ? 'success' : 'error', text: test.message, balances: test.ok ? balances : [] };
}

const balanceFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 8 });

/** A balance of any asset: as many decimals as it has, up to 8. */
export function formatBalance(value: number): string {
  return balanceFormat.format(value);
}
