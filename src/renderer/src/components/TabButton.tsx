import type { ReactNode } from 'react';

/** One tab of a panel's tab list. */
export function TabButton({ selected, testId, onSelect, children }: { selected: boolean; testId: string; onSelect: () => void; children: ReactNode }) {
  return (
    <button type="button" role="tab" className="tab" aria-selected={selected} data-testid={testId} onClick={onSelect}>
      {children}
    </button>
  );
}
