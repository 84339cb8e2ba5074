// Dark or light: a preference of this screen, kept in the browser's storage and set on <html> as
// data-theme, which theme.css reads. The charts read their colours from the same variables when drawn.
import { create } from 'zustand';
import { storedChoice } from '../../store/stored-choice.ts';

export type Theme = 'dark' | 'light';

const stored = storedChoice<Theme>('hft-desk.theme', ['dark', 'light'], 'dark');

export const useTheme = create<{ theme: Theme }>()(() => ({ theme: stored.initial }));

export function setTheme(theme: Theme): void {
  useTheme.setState({ theme });
  stored.save(theme);
  applyTheme(theme);
}

export function applyTheme(theme: Theme = useTheme.getState().theme): void {
  if (typeof document !== 'undefined') document.documentElement.dataset.theme = theme;
}
