import { formatCount } from '../../format/number.ts';
import { useTerminal } from '../../store/store.ts';

/** Market data health: a dot by status and the event rate. */
export function FeedHealthBadge() {
  const feed = useTerminal((s) => s.market.feed);
  const status = feed?.status ?? 'connecting';
  const tone = status === 'live' ? 'is-ok' : status === 'stale' || status === 'stopped' ? 'is-bad' : 'is-warn';
  return (
    <span className={`status-chip ${tone}`} data-testid="feed-health" data-status={status} title={feed ? `Feed: ${feed.source}` : 'No feed yet'}>
      <span className="dot" />
      <span className="chip-label">{feed?.source ?? 'feed'}</span>
      <span className="num">{formatCount(feed?.eventsPerSecond ?? null)}</span>
      <span className="unit">ev/s</span>
    </span>
  );
}
