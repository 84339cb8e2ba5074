import { FORM_KEYS, SHORTCUTS } from './shortcuts.ts';

/** The `?` overlay: every shortcut, from the same table the keys are read with. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const rows = [...SHORTCUTS.map(({ keys, label }) => ({ keys, label })), ...FORM_KEYS];
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="shortcut-help" role="dialog" aria-modal="true" aria-labelledby="shortcut-help-title" data-testid="shortcut-help" onClick={(event) => event.stopPropagation()}>
        <h2 id="shortcut-help-title">Keyboard shortcuts</h2>
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
