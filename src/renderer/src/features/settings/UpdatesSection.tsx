import { useState } from 'react';
import type { UpdateSettings } from '../../../../shared/settings.ts';
import { Message, type MessageState } from '../../components/Message.tsx';
import { describeError, updateSettings } from '../../store/actions.ts';

/** Whether the desktop app looks for new versions, and where: off until the trader names a feed. */
export function UpdatesSection({ saved }: { saved: UpdateSettings }) {
  const [enabled, setEnabled] = useState(saved.enabled);
  const [feed, setFeed] = useState(saved.feed ?? '');
  const [message, setMessage] = useState<MessageState | null>(null);
  const save = async () => {
    const named = feed.trim() === '' ? null : feed.trim();
    if (enabled && named === null) {
      setMessage({ kind: 'error', text: 'Name the feed to check: a GitHub "owner/repo" or an https:// address. Nothing was saved.' });
      return;
    }
    const result = await updateSettings({ updates: { enabled, feed: named } });
    if (!result.ok) setMessage({ kind: 'error', text: describeError(result) ?? 'Not saved.' });
    else setMessage({ kind: 'success', text: enabled ? `Saved: the app looks for new versions at ${named}; Help > Install update installs one.` : 'Saved: the app does not look for new versions.' });
  };
  return (
    <div className="settings-form">
      <fieldset className="settings-group" data-testid="settings-updates">
        <legend>Updates</legend>
        <label className="field field-check">
          <input type="checkbox" data-testid="updates-enabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          <span>Look for new versions (installed app only; never installed while live orders work)</span>
        </label>
        <label className="field field-wide">
          <span className="field-label">Feed</span>
          <input className="input" data-testid="updates-feed" placeholder="owner/repo or https://…" value={feed} onChange={(e) => setFeed(e.target.value)} />
        </label>
        <div className="field field-wide">
          <button type="button" className="btn btn-small" data-testid="updates-save" onClick={() => void save()}>
            Save
          </button>
        </div>
        <Message message={message} testId="updates-message" />
      </fieldset>
    </div>
  );
}
