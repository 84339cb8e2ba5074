import { useGuideSeen } from '../shortcuts/guide-seen.ts';

/** Opens the help overlay; until the overlay has been seen once, it stands out to say where to begin. */
export function HelpButton({ onOpen }: { onOpen: () => void }) {
  const isNew = !useGuideSeen((g) => g.seen);
  return (
    <button
      type="button"
      className={isNew ? 'btn btn-attention' : 'btn btn-ghost'}
      data-testid="help-open"
      data-new={isNew}
      aria-label="Help and keyboard shortcuts"
      title={isNew ? 'New here? How to begin, and the keyboard shortcuts (?)' : 'How to begin, and the keyboard shortcuts (?)'}
      onClick={onOpen}
    >
      ?{isNew ? <span className="narrow-hidden help-label"> Getting started</span> : null}
    </button>
  );
}
