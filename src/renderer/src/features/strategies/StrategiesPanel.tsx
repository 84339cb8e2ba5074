import { Panel } from '../../components/Panel.tsx';
import { useTerminal } from '../../store/store.ts';
import { CreateStrategyForm } from './CreateStrategyForm.tsx';
import { StrategyRow } from './StrategyRow.tsx';

export function StrategiesPanel() {
  const strategies = useTerminal((s) => s.strategies.list);
  const active = strategies.filter((s) => s.config.active).length;
  return (
    <Panel title={`Strategies (${active}/${strategies.length} active)`} testId="strategies" className="strategies-panel">
      <CreateStrategyForm />
      <ul className="strategy-list">
        {strategies.map((view) => (
          <StrategyRow key={view.config.id} view={view} />
        ))}
      </ul>
      {strategies.length === 0 ? <div className="empty">No strategies yet. Add one; it trades only once switched on.</div> : null}
    </Panel>
  );
}
