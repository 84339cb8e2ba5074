// Which desktop notifications the trader wants, and a sound with them or not: a preference of this
// screen (kept in the browser's storage), not of the engine.
import { create } from 'zustand';
import { DESKTOP_NOTICE_KINDS, type DesktopNoticeKind } from './desktop-notices.ts';

export interface NotificationPreferences {
  kinds: Record<DesktopNoticeKind, boolean>;
  sound: boolean;
}

const STORAGE_KEY = 'hft-desk.notifications';

export const DEFAULT_PREFERENCES: NotificationPreferences = {
  kinds: Object.fromEntries(DESKTOP_NOTICE_KINDS.map((kind) => [kind, true])) as Record<DesktopNoticeKind, boolean>,
  sound: false,
};

/** What was saved, over the defaults; anything unreadable counts as nothing saved. */
export function readPreferences(text: string | null): NotificationPreferences {
  try {
    const saved = JSON.parse(text ?? '{}') as Partial<NotificationPreferences>;
    const kinds = { ...DEFAULT_PREFERENCES.kinds };
    for (const kind of DESKTOP_NOTICE_KINDS) if (typeof saved.kinds?.[kind] === 'boolean') kinds[kind] = saved.kinds[kind];
    return { kinds, sound: typeof saved.sound === 'boolean' ? saved.sound : DEFAULT_PREFERENCES.sound };
  } catch {
    return DEFAULT_PREFERENCES;
  }
}

const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);

export const useNotificationPreferences = create<NotificationPreferences>()(() => readPreferences(storage()?.getItem(STORAGE_KEY) ?? null));

export function setPreferences(change: Partial<NotificationPreferences>): void {
  useNotificationPreferences.setState(change);
  storage()?.setItem(STORAGE_KEY, JSON.stringify(useNotificationPreferences.getState()));
}
