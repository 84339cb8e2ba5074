// Quitting while live orders work stops the desk that follows them: the exchange keeps what it holds,
// but stops and take-profits held by the desk no longer protect anything. The trader is asked first.
import type { Question } from './menu-actions.ts';

export const QUIT_WITH_LIVE_ORDERS: Question = {
  title: 'Live orders are working',
  message: 'Quit while live orders are working?',
  detail: 'Orders already at the exchange stay there and can still fill, but the desk stops following them: stops and take-profits it holds will not fire, and fills are only recorded when it starts again.',
  confirmLabel: 'Quit anyway',
};

/**
 * Called on each attempt to close: true to let it close. With live orders working, it asks once; a
 * yes lets the next attempt through.
 */
export function quitGuard(deps: { liveOrdersWorking: () => boolean; confirm: (question: Question) => Promise<boolean>; retry: () => void }): () => boolean {
  let allowed = false;
  let asking = false;
  return () => {
    if (allowed || !deps.liveOrdersWorking()) return true;
    if (!asking) {
      asking = true;
      void deps.confirm(QUIT_WITH_LIVE_ORDERS).then((yes) => {
        asking = false;
        if (!yes) return;
        allowed = true;
        deps.retry();
      });
    }
    return false;
  };
}
