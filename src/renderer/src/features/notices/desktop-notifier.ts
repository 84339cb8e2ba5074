// Delivers desktop notices (desktop-notices.ts) as the trader asked (notification-preferences.ts).
import { useTerminal } from '../../store/store.ts';
import { desktopNotices, type DesktopNotice } from './desktop-notices.ts';
import { useNotificationPreferences } from './notification-preferences.ts';

/** Watches the store for as long as the page lives. */
export function startDesktopNotices(): void {
  useTerminal.subscribe((after, before) => {
    const preferences = useNotificationPreferences.getState();
    const wanted = desktopNotices(before, after).filter((notice) => preferences.kinds[notice.kind]);
    if (wanted.length === 0) return;
    for (const notice of wanted) show(notice);
    if (preferences.sound) beep();
  });
}

/** Whether the system lets this page notify: 'granted', 'denied', 'default' (not asked yet) or 'unsupported'. */
export function notificationPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

function show(notice: DesktopNotice): void {
  if (notificationPermission() !== 'granted') return;
  // A tag per kind: a new fill replaces the last fill's popup rather than stacking on it.
  new Notification(notice.title, { body: notice.body, tag: notice.kind });
}

/** A short tone; no sound file to ship. */
function beep(): void {
  const AudioContextClass = typeof AudioContext === 'undefined' ? null : AudioContext;
  if (AudioContextClass === null) return;
  const audio = new AudioContextClass();
  const tone = audio.createOscillator();
  const level = audio.createGain();
  tone.frequency.value = 880;
  level.gain.value = 0.05;
  tone.connect(level).connect(audio.destination);
  tone.start();
  tone.stop(audio.currentTime + 0.12);
  tone.onended = () => void audio.close();
}
