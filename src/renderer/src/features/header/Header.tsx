import { useState } from 'react';
import { KILL_SWITCH_EFFECT } from '../../../../shared/risk.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { describeError, halt, killSwitch, resume } from '../../store/actions.ts';
import { useTerminal } from '../../store/store.ts';
import { AccountFigures } from './AccountFigures.tsx';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { FeedHealthBadge, StaleFeedBadge } from './FeedHealthBadge.tsx';
import { HelpButton } from './HelpButton.tsx';
import { notify } from '../notices/notices.ts';
import { killSwitchNotice } from './kill-switch-notice.ts';
import { ModeBadge } from './ModeBadge.tsx';
import { ModeSwitch } from './ModeSwitch.tsx';
import { RiskStateBadge } from './RiskStateBadge.tsx';
import { SimSpeed } from './SimSpeed.tsx';
import { TimeZoneToggle } from './TimeZoneToggle.tsx';
import { ViewSwitch, type AppView } from './ViewSwitch.tsx';

const KILL_REPORT_SHOWN_MS = 20_000;

interface HeaderProps {
  onOpenSettings: () => void;
  onOpenHelp: () => void;
  view: AppView;
  onViewChange: (view: AppView) => void;
}

export function Header({ onOpenSettings, onOpenHelp, view, onViewChange }: HeaderProps) {
  const tradingState = useTerminal((s) => s.risk.status?.state ?? null);
  const [confirmKill, setConfirmKill] = useState(false);
  const failed = (error: string | null) => {
    if (error !== null) notify('error', error);
  };
  const onHalt = async () => failed(describeError(await halt()));
  const onResume = async () => failed(describeError(await resume()));
  const onKill = async () => {
    setConfirmKill(false);
    const result = await killSwitch();
    // What it did and what is still held: a report worth reading, so it stays longer than news.
    if (result.ok) notify('info', killSwitchNotice(result.value), KILL_REPORT_SHOWN_MS);
    else failed(describeError(result));
  };

  return (
    <header className="app-header">
      <div className="brand">HFT Desk</div>
      <ViewSwitch view={view} onChange={onViewChange} />
      <ModeBadge />
      <ModeSwitch />
      <ConnectionStatus />
      <TimeZoneToggle />
      <FeedHealthBadge />
      <SimSpeed />
      <StaleFeedBadge />
      <AccountFigures />
      <RiskStateBadge />
      <div className="header-spacer" />
      <div className="header-controls">
        <button
          type="button"
          className="btn btn-warn"
          data-testid="halt-button"
          disabled={tradingState === 'HALTED'}
          title="Stop new orders and strategies; cancels, Close and your own orders that reduce a position still work"
          onClick={() => void onHalt()}
        >
          Halt
        </button>
        <button
          type="button"
          className="btn"
          data-testid="resume-button"
          disabled={tradingState === 'ACTIVE'}
          onClick={() => void onResume()}
        >
          Resume
        </button>
        <button type="button" className="btn btn-danger" data-testid="kill-switch-button" onClick={() => setConfirmKill(true)}>
          Kill switch
        </button>
        <HelpButton onOpen={onOpenHelp} />
        <button type="button" className="btn btn-ghost" data-testid="settings-open" onClick={onOpenSettings}>
          Settings
        </button>
      </div>
      {confirmKill ? (
        <ConfirmDialog title="Kill switch" confirmLabel="Cancel all & flatten" onConfirm={() => void onKill()} onCancel={() => setConfirmKill(false)}>
          {KILL_SWITCH_EFFECT} Continue?
        </ConfirmDialog>
      ) : null}
    </header>
  );
}
