import { dismiss, useNotices } from './notices.ts';

/** The notices, bottom right, newest last; each closes by itself or on click. */
export function Toasts() {
  const notices = useNotices((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
      {notices.map((n) => (
        <button key={n.id} type="button" className={`toast toast-${n.kind}`} data-testid="toast" data-kind={n.kind} title="Dismiss" onClick={() => dismiss(n.id)}>
          {n.text}
        </button>
      ))}
    </div>
  );
}
