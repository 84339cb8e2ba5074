// The key handler: turns a key press into its action (shortcuts.ts) while the trade screen is in front.
import { useCallback, useEffect, useRef, useState } from 'react';
import { cancelOrder, describeError, halt } from '../../store/actions.ts';
import { useTerminal } from '../../store/store.ts';
import { notify } from '../notices/notices.ts';
import { sendToTicket } from '../ticket/ticket-channel.ts';
import { isTypingTarget, shortcutFor, type ShortcutAction } from './shortcuts.ts';

/** `active`: the trade screen is shown and no dialog of its own is open. Returns the help overlay's state. */
export function useShortcuts(active: boolean): { helpOpen: boolean; openHelp: () => void; closeHelp: () => void } {
  const [helpOpen, setHelpOpen] = useState(false);
  const state = useRef({ active, helpOpen });
  state.current = { active, helpOpen };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const typing = isTypingTarget(document.activeElement);
      const action = shortcutFor({ key: event.key, shiftKey: event.shiftKey, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, typing });
      if (action === null || event.repeat) return;
      if (action === 'escape') {
        if (state.current.helpOpen) setHelpOpen(false);
        else if (typing) (document.activeElement as HTMLElement).blur();
        return;
      }
      if (!state.current.active) return;
      event.preventDefault();
      run(action, () => setHelpOpen((open) => !open));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const openHelp = useCallback(() => setHelpOpen(true), []);
  const closeHelp = useCallback(() => setHelpOpen(false), []);
  return { helpOpen, openHelp, closeHelp };
}

function run(action: Exclude<ShortcutAction, 'escape'>, toggleHelp: () => void): void {
  switch (action) {
    case 'help':
      return toggleHelp();
    case 'focus-ticket':
      return sendToTicket({ kind: 'focus' });
    case 'side-buy':
      return sendToTicket({ kind: 'side', side: 'buy' });
    case 'side-sell':
      return sendToTicket({ kind: 'side', side: 'sell' });
    case 'cancel-newest':
      return void cancelNewest();
    case 'halt':
      return void haltFromKeyboard();
  }
}

async function cancelNewest(): Promise<void> {
  const open = useTerminal.getState().orders.open;
  const newest = open.reduce<(typeof open)[number] | undefined>((latest, order) => (latest === undefined || order.ts > latest.ts ? order : latest), undefined);
  if (newest === undefined) {
    notify('info', 'No open order to cancel.');
    return;
  }
  const result = await cancelOrder(newest.clientOrderId);
  if (result.ok) notify('success', `Cancelled ${newest.side} ${newest.size} ${newest.symbol} (${newest.clientOrderId}).`);
  else notify('error', describeError(result) ?? `Could not cancel ${newest.clientOrderId}.`);
}

async function haltFromKeyboard(): Promise<void> {
  const result = await halt();
  if (result.ok) notify('success', 'Trading halted. Resume is in the risk panel.');
  else notify('error', describeError(result) ?? 'Could not halt.');
}
