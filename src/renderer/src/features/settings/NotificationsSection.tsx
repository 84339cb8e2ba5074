import { useState } from 'react';
import { DESKTOP_NOTICE_KINDS, DESKTOP_NOTICE_LABELS } from '../notices/desktop-notices.ts';
import { notificationPermission } from '../notices/desktop-notifier.ts';
import { setPreferences, useNotificationPreferences } from '../notices/notification-preferences.ts';

const PERMISSION_TEXT: Record<ReturnType<typeof notificationPermission>, string> = {
  granted: 'Desktop notifications are allowed.',
  denied: 'This system blocks notifications from the desk: allow them in its settings.',
  default: 'The desk has not been allowed to notify yet.',
  unsupported: 'This window cannot show desktop notifications.',
};

/** Which events raise a desktop notification, and a sound with them; saved on change. */
export function NotificationsSection() {
  const preferences = useNotificationPreferences();
  const [permission, setPermission] = useState(notificationPermission);
  const ask = async () => setPermission(await Notification.requestPermission());
  return (
    <div className="settings-form">
      <fieldset className="settings-group" data-testid="settings-notifications">
        <legend>Notifications</legend>
        {DESKTOP_NOTICE_KINDS.map((kind) => (
          <label key={kind} className="field field-check">
            <input
              type="checkbox"
              data-testid={`notify-${kind}`}
              checked={preferences.kinds[kind]}
              onChange={(e) => setPreferences({ kinds: { ...preferences.kinds, [kind]: e.target.checked } })}
            />
            <span>{DESKTOP_NOTICE_LABELS[kind]}</span>
          </label>
        ))}
        <label className="field field-check">
          <input type="checkbox" data-testid="notify-sound" checked={preferences.sound} onChange={(e) => setPreferences({ sound: e.target.checked })} />
          <span>Play a sound with them</span>
        </label>
        <div className="field field-wide dim" data-testid="notify-permission" data-permission={permission}>
          {PERMISSION_TEXT[permission]}{' '}
          {permission === 'default' ? (
            <button type="button" className="btn btn-small" data-testid="notify-allow" onClick={() => void ask()}>
              Allow
            </button>
          ) : null}
        </div>
      </fieldset>
    </div>
  );
}
