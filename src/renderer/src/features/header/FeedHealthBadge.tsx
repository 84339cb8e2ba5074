import { formatCount } from '../../format/number.ts';
import { useTerminal } from '../../store/store.ts';
import { feedTone, staleNotice } from './feed-health.ts';

/** Market data health: a dot by status and the event rate. */
export function FeedHealthBadge() {
  const feed = useTerminal((s) => s.market.feed);
  const status = feed?.status ?? 'connecting';
  return (
    <span className={`status-chip ${feedTone(status)}`} data-testid="feed-health" data-status={status} title={feed ? `Feed: ${feed.source} (${status})` : 'No feed yet'}>
      <span className="dot" />
      <span className="chip-label">{feed?.source ?? 'feed'}</span>
      <span className="num">{formatCount(feed?.eventsPerSecond ?? null)}</span>
      <span className="unit">ev/s</span>
    </span>
  );
}

/** Amber notice while markets have no fresh data: risk pauses trading in them. */
export function StaleFeedBadge() {
  const feed = useTerminal((s) => s.market.feed);
  const risk = useTerminal((s) => s.risk.status);
  const notice = staleNotice(feed, risk);
  if (!notice) return null;
  return (
    <span className="stale-badge" role="status" data-testid="feed-stale" data-symbols={notice.symbols.join(',')} title={notice.title}>
      <strong>{notice.label}</strong>
      <span className="stale-reason">{notice.reason}</span>
    </span>
  );
}
