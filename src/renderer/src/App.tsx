import { useCallback, useEffect, useState } from 'react';
import { BacktestScreen } from './features/backtest/BacktestScreen.tsx';
import { PriceChart } from './features/chart/PriceChart.tsx';
import { ExecutionStats } from './features/execution/ExecutionStats.tsx';
import { Header } from './features/header/Header.tsx';
import type { AppView } from './features/header/ViewSwitch.tsx';
import { EventLog } from './features/logs/EventLog.tsx';
import { SignalLog } from './features/logs/SignalLog.tsx';
import { Toasts } from './features/notices/Toasts.tsx';
import { OrderBook } from './features/orderbook/OrderBook.tsx';
import { OrdersPanel } from './features/orders/OrdersPanel.tsx';
import { PositionsTable } from './features/positions/PositionsTable.tsx';
import { RiskPanel } from './features/risk/RiskPanel.tsx';
import { SettingsPage } from './features/settings/SettingsPage.tsx';
import { ShortcutHelp } from './features/shortcuts/ShortcutHelp.tsx';
import { useShortcuts } from './features/shortcuts/use-shortcuts.ts';
import { StrategiesPanel } from './features/strategies/StrategiesPanel.tsx';
import { OrderTicket } from './features/ticket/OrderTicket.tsx';
import { useTerminal } from './store/store.ts';
import { useTheme } from './features/theme/theme.ts';
import { layoutStyle, useLayout } from './features/layout/panel-layout.ts';
import { onAppCommand } from './store/app-commands.ts';
import { storedChoice } from './store/stored-choice.ts';
import { Splitter } from './features/layout/Splitter.tsx';

/** Says so when the numbers on screen are not live, rather than letting them look current. */
function ConnectionBanner() {
  const status = useTerminal((s) => s.connection.status);
  const synced = useTerminal((s) => s.connection.synced);
  const hasData = useTerminal((s) => s.portfolio.account !== null);
  if (status === 'open' && synced) return null;
  const text =
    status === 'unauthorized'
      ? 'This tab’s token is not the desk’s: the desk has a new one, or the page was reloaded without it. Open the address the desk printed when it started (it ends with ?token=…).'
      : status === 'reconnecting' || status === 'closed'
      ? 'Connection to the engine lost: showing the last known state. Reconnecting…'
      : hasData
        ? 'Reconnected: loading the current state…'
        : 'Connecting to the engine…';
  return (
    <div className="connection-banner" role="status" data-testid="connection-banner">
      {text}
    </div>
  );
}

const storedView = storedChoice<AppView>('hft-desk.view', ['trade', 'backtest'], 'trade');

export function App() {
  // Charts read their colours when made: a new theme makes them again.
  const theme = useTheme((t) => t.theme);
  const layout = useLayout();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const live = useTerminal((s) => s.connection.status === 'open' && s.connection.synced);
  const closeSettings = useCallback(() => setSettingsOpen(false), []);
  // The view the app was left on opens again.
  const [view, setView] = useState<AppView>(storedView.initial);
  // The backtest screen mounts on first visit; after that both screens stay mounted and only hide,
  // so charts, forms and scroll positions are as they were left.
  const [backtestOpened, setBacktestOpened] = useState(storedView.initial === 'backtest');
  const changeView = useCallback((next: AppView) => {
    if (next === 'backtest') setBacktestOpened(true);
    setView(next);
    storedView.save(next);
  }, []);
  const { helpOpen, openHelp, closeHelp } = useShortcuts(view === 'trade' && !settingsOpen);
  // The desktop app's menu and its accelerators.
  useEffect(
    () =>
      onAppCommand((command) => {
        if (command === 'view.trade') changeView('trade');
        else if (command === 'view.backtest') changeView('backtest');
        else if (command === 'settings.open') setSettingsOpen(true);
        else openHelp();
      }),
    [changeView, openHelp],
  );
  return (
    <div className="app">
      <Header onOpenSettings={() => setSettingsOpen(true)} onOpenHelp={openHelp} view={view} onViewChange={changeView} />
      <ConnectionBanner />
      <main className={live ? 'workspace' : 'workspace is-stale'} hidden={view !== 'trade'} data-testid="trade-screen" style={layoutStyle(layout)}>
        <div className="area-chart">
          <PriceChart key={theme} />
        </div>
        <div className="area-bottom">
          <Splitter size="bottom" label="Height of the positions and orders" />
          <PositionsTable />
          <OrdersPanel />
        </div>
        <aside className="area-trade">
          <Splitter size="trade" label="Width of the order book and ticket" />
          <OrderBook />
          <OrderTicket />
          <ExecutionStats />
        </aside>
        <aside className="area-side">
          <Splitter size="side" label="Width of the strategies and risk column" />
          <StrategiesPanel />
          <RiskPanel />
          <SignalLog />
          <EventLog />
        </aside>
      </main>
      {backtestOpened ? <BacktestScreen hidden={view !== 'backtest'} stale={!live} /> : null}
      {settingsOpen ? <SettingsPage onClose={closeSettings} /> : null}
      {helpOpen ? <ShortcutHelp onClose={closeHelp} /> : null}
      <Toasts />
    </div>
  );
}
