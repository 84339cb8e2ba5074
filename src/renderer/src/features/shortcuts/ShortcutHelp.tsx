import { useEffect } from 'react';
import { markGuideSeen } from './guide-seen.ts';
import { FORM_KEYS, SHORTCUTS } from './shortcuts.ts';

/** The first things to know, in the order a new trader meets them. */
const GUIDE = [
  'Paper mode trades a simulated market with play money; nothing leaves this computer. Shadow and live need an exchange in Settings.',
  'Click a price or size in the order book to put it in the ticket; Submit (or Enter) sends the order.',
  'Switch on a strategy on the right and it trades by itself, within the risk limits shown below it.',
  'Halt stops new orders; the kill switch also cancels every order and closes every position.',
  'Drag the edges between panels to resize them; Backtest runs a strategy on recorded data first.',
];

/** The help overlay (`?` or the header's ? button): how to begin, and every shortcut from the table the keys are read with. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const rows = [...SHORTCUTS.map(({ keys, label }) => ({ keys, label })), ...FORM_KEYS];
  useEffect(markGuideSeen, []);
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="shortcut-help" role="dialog" aria-modal="true" aria-labelledby="shortcut-help-title" data-testid="shortcut-help" onClick={(event) => event.stopPropagation()}>
        <h2 id="shortcut-help-title">Getting started</h2>
        <ol className="help-guide" data-testid="help-guide">
          {GUIDE.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        <h2>Keyboard shortcuts</h2>
        <table>
          <tbody>
            {rows.map(({ keys, label }) => (
              <tr key={keys}>
                <td>
                  <kbd>{keys}</kbd>
                </td>
                <td>{label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="dim">Letters work when no field has the focus.</p>
        <button type="button" className="btn" data-testid="shortcut-help-close" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
