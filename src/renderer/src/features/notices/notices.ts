// Toasts: short notices that expire by themselves (a shortcut's answer, a fill, a refusal), so nothing
// stays on screen after what it describes has changed. Errors stay longer than news.
import { create } from 'zustand';

export type NoticeKind = 'info' | 'success' | 'error';

export interface Notice {
  id: number;
  kind: NoticeKind;
  text: string;
}

/** How long each kind stays, ms. */
export const NOTICE_TTL_MS: Record<NoticeKind, number> = { info: 4_000, success: 4_000, error: 8_000 };
/** At most this many at once: the oldest goes first. */
const MAX_NOTICES = 4;

interface NoticesState {
  notices: Notice[];
}

export const useNotices = create<NoticesState>()(() => ({ notices: [] }));

let nextId = 1;

/** Shows a notice for its kind's time, or `shownMs`. */
export function notify(kind: NoticeKind, text: string, shownMs = NOTICE_TTL_MS[kind]): number {
  const id = nextId++;
  useNotices.setState((s) => ({ notices: [...s.notices, { id, kind, text }].slice(-MAX_NOTICES) }));
  setTimeout(() => dismiss(id), shownMs);
  return id;
}

export function dismiss(id: number): void {
  useNotices.setState((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}
