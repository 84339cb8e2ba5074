// An inline message that describes some state: an error stays while that state is as it was when the
// error came, and goes the moment it changes (the position closed, trading resumed, the form edited);
// news (success, info) expires after a few seconds, like a toast. `stateKey` is any string that changes
// when the described state does.
import { useEffect, useRef, useState } from 'react';
import type { MessageState } from './Message.tsx';

export const NEWS_SHOWN_MS = 6_000;

export function useStateMessage<M extends MessageState = MessageState>(stateKey: string): [M | null, (message: M | null) => void] {
  const [entry, setEntry] = useState<{ message: M; key: string } | null>(null);
  const keyRef = useRef(stateKey);
  keyRef.current = stateKey;
  const set = useRef((message: M | null) => setEntry(message === null ? null : { message, key: keyRef.current })).current;

  useEffect(() => {
    if (entry !== null && entry.message.kind === 'error' && entry.key !== stateKey) setEntry(null);
  }, [entry, stateKey]);
  useEffect(() => {
    if (entry === null || entry.message.kind === 'error') return undefined;
    const timer = setTimeout(() => setEntry(null), NEWS_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [entry]);

  const shown = entry !== null && (entry.message.kind !== 'error' || entry.key === stateKey) ? entry.message : null;
  return [shown, set];
}
