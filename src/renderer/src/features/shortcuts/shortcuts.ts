// The desk's keyboard shortcuts: one table, read by the key handler and by the help overlay (`?`), so
// what the overlay lists is what the keys do. Single keys act only when the trader is not typing in a
// field; the modified ones leave the browser's and the system's own shortcuts alone.
export type ShortcutAction = 'help' | 'focus-ticket' | 'side-buy' | 'side-sell' | 'cancel-newest' | 'halt' | 'escape';

export interface Shortcut {
  action: ShortcutAction;
  /** As the help overlay shows it. */
  keys: string;
  label: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'focus-ticket', keys: 'T', label: 'Go to the order ticket' },
  { action: 'side-buy', keys: 'B', label: 'Ticket side: buy' },
  { action: 'side-sell', keys: 'S', label: 'Ticket side: sell' },
  { action: 'cancel-newest', keys: 'X', label: 'Cancel the newest open order' },
  { action: 'halt', keys: 'Shift+H', label: 'Halt trading (Resume is in the risk panel)' },
  { action: 'help', keys: '?', label: 'Show or hide these shortcuts' },
  { action: 'escape', keys: 'Esc', label: 'Close this list, or leave the field being typed in' },
];

/** Also listed: what the form does by itself. */
export const FORM_KEYS: readonly { keys: string; label: string }[] = [
  { keys: 'Enter', label: 'Send the order (in the ticket)' },
  { keys: 'Tab', label: 'Next field; the book is skipped, its cells are for the mouse' },
];

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** Focus is in a text field, a list or an editable area: letters are typing, not commands. */
  typing: boolean;
}

export function shortcutFor(press: KeyPress): ShortcutAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.key === 'Escape') return 'escape';
  if (press.typing) return null;
  if (press.key === '?') return 'help';
  if (press.key === 'H' && press.shiftKey) return 'halt';
  if (press.shiftKey) return null;
  switch (press.key.toLowerCase()) {
    case 't':
      return 'focus-ticket';
    case 'b':
      return 'side-buy';
    case 's':
      return 'side-sell';
    case 'x':
      return 'cancel-newest';
    default:
      return null;
  }
}

/** Whether keys pressed with focus on `element` are typing. */
export function isTypingTarget(element: Element | null): boolean {
  if (element === null) return false;
  const tag = element.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes((element as HTMLInputElement).type);
  return (element as HTMLElement).isContentEditable === true;
}
