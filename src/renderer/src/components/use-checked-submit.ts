import { useState, type FormEvent } from 'react';
import type { CommandName, CommandResult } from '../../../shared/contract.ts';
import { describeError } from '../store/actions.ts';
import type { MessageState } from './Message.tsx';

type Check<E extends string, R> = { ok: true; request: R } | { ok: false; errors: Partial<Record<E, string>> };

/**
 * A settings form's save: check the fields first (nothing is sent while one is wrong), then send,
 * and show the engine's answer. Shared so every form reports the same way.
 */
export function useCheckedSubmit<E extends string, R, C extends CommandName>(options: {
  check: () => Check<E, R>;
  send: (request: R) => Promise<CommandResult<C>>;
  saved: string;
  onSaved?: (result: Extract<CommandResult<C>, { ok: true }>) => void;
}) {
  const [errors, setErrors] = useState<Partial<Record<E, string>>>({});
  const [message, setMessage] = useState<MessageState | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const check = options.check();
    if (!check.ok) {
      setErrors(check.errors);
      setMessage({ kind: 'error', text: 'Fix the highlighted fields; nothing was saved.' });
      return;
    }
    setErrors({});
    setBusy(true);
    const result = await options.send(check.request);
    setBusy(false);
    if (result.ok) options.onSaved?.(result as Extract<CommandResult<C>, { ok: true }>);
    setMessage(result.ok ? { kind: 'success', text: options.saved } : { kind: 'error', text: describeError(result) ?? '' });
  };

  return { errors, message, setMessage, busy, setBusy, submit };
}
