import { Panel } from '../../components/Panel.tsx';
import { ShadowHint } from '../../components/ShadowHint.tsx';
import { formatBps, formatCount, formatMoney, formatPercent } from '../../format/number.ts';
import { useTerminal } from '../../store/store.ts';

export function ExecutionStats() {
  const stats = useTerminal((s) => s.orders.execution);
  const rows: [string, string][] = [
    ['Orders', formatCount(stats?.orders)],
    ['Filled', formatCount(stats?.filledOrders)],
    ['Fill ratio', formatPercent(stats?.fillRatio, 1)],
    ['Avg slippage', formatBps(stats?.avgSlippageBps)],
    ['Fees', formatMoney(stats?.feesPaid)],
  ];
  return (
    <Panel title="Execution" testId="execution-stats" className="stats-panel" actions={<ShadowHint />}>
      <dl className="stats">
        {rows.map(([label, value]) => (
          <div key={label} className="stat">
            <dt>{label}</dt>
            <dd className="num">{value}</dd>
          </div>
        ))}
      </dl>
    </Panel>
  );
}
