import { Panel } from '../../components/Panel.tsx';
import { formatPrice } from '../../format/number.ts';
import { formatClock, useTimeZone } from '../../format/time.ts';
import { useTerminal } from '../../store/store.ts';
import { FALLBACK_STEPS, findSymbol } from '../../store/symbols.ts';

/** Rows rendered; the store keeps more for when this grows into a scrollable history. */
const SHOWN = 100;

const ARROWS = { long: '▲', short: '▼', flat: '■' } as const;

export function SignalLog() {
  const zone = useTimeZone((z) => z.zone);
  const signals = useTerminal((s) => s.log.signals);
  const symbols = useTerminal((s) => s.market.symbols);
  return (
    <Panel title="Signals" testId="signal-log" className="log-panel">
      <ol className="log-list">
        {signals.slice(0, SHOWN).map((signal, i) => (
          <li
            key={`${signal.ts}-${signal.strategyId}-${i}`}
            className="log-line"
            data-testid="signal-row"
            data-direction={signal.direction}
            data-strategy-id={signal.strategyId}
            title={Object.entries(signal.meta)
              .map(([k, v]) => `${k}: ${v}`)
              .join('\n')}
          >
            <span className="num dim">{formatClock(signal.ts, zone)}</span>
            <span className={`signal-dir dir-${signal.direction}`}>
              {ARROWS[signal.direction]} {signal.direction}
            </span>
            <span>{signal.symbol}</span>
            <span className="num">{formatPrice(signal.price, (findSymbol(symbols, signal.symbol) ?? FALLBACK_STEPS).tickSize)}</span>
            <span className="dim ellipsis">{signal.strategyId}</span>
          </li>
        ))}
      </ol>
      {signals.length === 0 ? <div className="empty">No signals yet. Active strategies list each signal here, taken or not.</div> : null}
    </Panel>
  );
}
