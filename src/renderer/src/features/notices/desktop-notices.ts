// What the trader is told outside the window: fills, rejections, breaker trips, halts, stale feeds and the
// kill switch, each as a desktop notification (the web Notification API, which Electron shows as the
// system's own) with an optional sound. Derived from two successive store states, so it sees exactly
// what the screen sees; nothing is told about what a fresh snapshot brings (the trader was not there).
import type { RiskEvent } from '../../../../shared/risk.ts';
import type { Fill, Order } from '../../../../shared/trading.ts';
import type { TerminalState } from '../../store/terminal-state.ts';

export const DESKTOP_NOTICE_KINDS = ['fill', 'rejection', 'breaker', 'halt', 'stale', 'kill-switch'] as const;
export type DesktopNoticeKind = (typeof DESKTOP_NOTICE_KINDS)[number];

export const DESKTOP_NOTICE_LABELS: Record<DesktopNoticeKind, string> = {
  fill: 'Fills',
  rejection: 'Rejected orders',
  breaker: 'Breaker trips',
  halt: 'Halts',
  stale: 'Stale market data',
  'kill-switch': 'Kill switch',
};

export interface DesktopNotice {
  kind: DesktopNoticeKind;
  title: string;
  body: string;
}

/** At most this many from one update: a burst of fills at high speed is summed up, not a wall of popups. */
const MAX_PER_UPDATE = 3;

const fillKey = (f: Fill): string => `${f.orderId}\u0000${f.tradeId}`;
const eventKey = (e: RiskEvent): string => `${e.ts}\u0000${e.kind}\u0000${e.code}\u0000${e.message}`;

const RISK_KINDS: Partial<Record<RiskEvent['kind'], DesktopNoticeKind>> = { breaker: 'breaker', halt: 'halt', stale: 'stale', 'kill-switch': 'kill-switch' };
const RISK_TITLES: Record<string, string> = { breaker: 'Circuit breaker tripped', halt: 'Trading halted', stale: 'Market data stale', 'kill-switch': 'Kill switch engaged' };

export function desktopNotices(before: TerminalState, after: TerminalState): DesktopNotice[] {
  if (!before.connection.synced || !after.connection.synced) return [];
  const notices: DesktopNotice[] = [];
  // The store changes with every price; only a new list of fills, orders or risk events is looked into.
  if (after.orders.fills !== before.orders.fills) {
    const seenFills = new Set(before.orders.fills.map(fillKey));
    const fills = after.orders.fills.filter((f) => !seenFills.has(fillKey(f)));
    if (fills.length === 1) notices.push({ kind: 'fill', title: 'Order filled', body: fillText(fills[0]!) });
    else if (fills.length > 1) notices.push({ kind: 'fill', title: `${fills.length} fills`, body: fills.slice(0, 3).map(fillText).join('\n') });
  }
  if (after.orders.open !== before.orders.open || after.orders.history !== before.orders.history) {
    const rejectedBefore = new Set(rejected(before).map((o) => o.clientOrderId));
    for (const order of rejected(after)) {
      if (!rejectedBefore.has(order.clientOrderId)) notices.push({ kind: 'rejection', title: 'Order rejected', body: `${order.side} ${order.size} ${order.symbol} (${order.clientOrderId})` });
    }
  }
  if (after.risk.events !== before.risk.events) {
    const seenEvents = new Set(before.risk.events.map(eventKey));
    for (const event of after.risk.events) {
      const kind = RISK_KINDS[event.kind];
      if (kind !== undefined && !seenEvents.has(eventKey(event))) notices.push({ kind, title: RISK_TITLES[event.kind]!, body: event.message });
    }
  }
  return notices.slice(0, MAX_PER_UPDATE);
}

function rejected(state: TerminalState): Order[] {
  return [...state.orders.open, ...state.orders.history].filter((o) => o.status === 'rejected');
}

function fillText(fill: Fill): string {
  return `${fill.side === 'buy' ? 'Bought' : 'Sold'} ${fill.size} ${fill.symbol} at ${fill.price}`;
}
