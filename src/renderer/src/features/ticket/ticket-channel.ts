// What other parts of the screen hand to the order ticket: a price or size clicked in the book, a side
// or focus asked for from the keyboard. A tiny channel rather than store state: these are one-off
// gestures, not something the engine knows about.
import type { Side } from '../../../../shared/trading.ts';

export type TicketCommand = { kind: 'price'; price: number } | { kind: 'size'; size: number } | { kind: 'side'; side: Side } | { kind: 'focus' };

type Listener = (command: TicketCommand) => void;

const listeners = new Set<Listener>();

export function sendToTicket(command: TicketCommand): void {
  for (const listener of listeners) listener(command);
}

export function onTicketCommand(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
