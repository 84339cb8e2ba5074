export type AppView = 'trade' | 'backtest';

const VIEWS: readonly { view: AppView; label: string }[] = [
  { view: 'trade', label: 'Trade' },
  { view: 'backtest', label: 'Backtest' },
];

/** Trade | Backtest: which screen fills the window. Both stay mounted once opened. */
export function ViewSwitch({ view, onChange }: { view: AppView; onChange: (view: AppView) => void }) {
  return (
    <div className="view-switch" role="group" aria-label="Screen">
      {VIEWS.map((option) => (
        <button
          key={option.view}
          type="button"
          className={option.view === view ? 'view-seg is-current' : 'view-seg'}
          data-testid={`view-${option.view}`}
          data-active={option.view === view}
          aria-pressed={option.view === view}
          onClick={() => onChange(option.view)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
