// Dark or light: a preference of this screen, kept in the browser's storage and set on <html> as
// data-theme, which theme.css reads. The charts read their colours from the same variables when drawn.
import { create } from 'zustand';

export type Theme = 'dark' | 'light';

const STORAGE_KEY = 'hft-desk.theme';
const storage = (): Storage | null => (typeof localStorage === 'undefined' ? null : localStorage);

export const useTheme = create<{ theme: Theme }>()(() => ({ theme: storage()?.getItem(STORAGE_KEY) === 'light' ? 'light' : 'dark' }));

export function setTheme(theme: Theme): void {
  useTheme.setState({ theme });
  storage()?.setItem(STORAGE_KEY, theme);
  applyTheme(theme);
}

export function applyTheme(theme: Theme = useTheme.getState().theme): void {
  if (typeof document !== 'undefined') document.documentElement.dataset.theme = theme;
}
