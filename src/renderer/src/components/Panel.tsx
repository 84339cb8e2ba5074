import type { ReactNode } from 'react';

interface PanelProps {
  title: ReactNode;
  testId?: string;
  className?: string;
  actions?: ReactNode;
  children: ReactNode;
}

/** A titled box of the terminal; the body scrolls, the title stays. */
export function Panel({ title, testId, className, actions, children }: PanelProps) {
  return (
    <section className={className ? `panel ${className}` : 'panel'} data-testid={testId}>
      <header className="panel-head">
        <h2 className="panel-title">{title}</h2>
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
