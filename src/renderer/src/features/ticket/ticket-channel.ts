// What other parts of the screen hand to the order ticket: a price or size clicked in the book, a side
// or focus asked for from the keyboard. A tiny channel rather than store state: these are one-off
// gestures, not something the engine knows about.
import type { Side } from '../../../../shared/trading.ts';
import { createChannel } from '../../store/channel.ts';

export type TicketCommand = { kind: 'price'; price: number } | { kind: 'size'; size: number } | { kind: 'side'; side: Side } | { kind: 'focus' };

const ticketCommands = createChannel<TicketCommand>();

export const sendToTicket = ticketCommands.send;
export const onTicketCommand = ticketCommands.listen;
