import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { startDesktopNotices } from './features/notices/desktop-notifier.ts';
import { applyTheme } from './features/theme/theme.ts';
import { startBridge } from './store/bridge.ts';
import './styles/theme.css';
import './styles/layout.css';
import './styles/panels.css';
import './styles/forms.css';
import './styles/backtest.css';

// Outside React: one connection per page, not per (StrictMode double-run) effect.
applyTheme();
startBridge();
startDesktopNotices();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
