// One direction of a proxied connection: a queue whose items leave in arrival order, each no earlier than its
// due time and not while the connection is stalled. A chunk due sooner than the one before it waits for it,
// so latency never reorders bytes; an end or a reset queued behind data waits its turn too.
import type { Socket } from 'node:net';

type Item =
  | { at: number; kind: 'data'; data: Buffer }
  | { at: number; kind: 'end' }
  | { at: number; kind: 'run'; action: () => void };

export interface LaneOwner {
  /** Until when (performance.now() time) nothing moves; Infinity while a stall ends in a reset. */
  stalledUntil(): number;
  delivered(bytes: number): void;
}

export class Lane {
  private readonly from: Socket;
  private readonly to: Socket;
  private readonly owner: LaneOwner;
  private readonly queue: Item[] = [];
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private waitingForDrain = false;

  constructor(from: Socket, to: Socket, owner: LaneOwner) {
    this.from = from;
    this.to = to;
    this.owner = owner;
  }

  send(data: Buffer, delayMs: number): void {
    this.enqueue({ at: performance.now() + delayMs, kind: 'data', data });
  }

  /** Half-closes the far side once everything before has gone. */
  end(): void {
    this.enqueue({ at: performance.now(), kind: 'end' });
  }

  /** Runs `action` once everything before has gone (used to reset at the right point in the stream). */
  then(action: () => void): void {
    this.enqueue({ at: performance.now(), kind: 'run', action });
  }

  clear(): void {
    this.queue.length = 0;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  private flush(): void {
    const now = performance.now();
    while (this.queue.length > 0) {
      const head = this.queue[0]!;
      const due = Math.max(head.at, this.owner.stalledUntil());
      if (due > now) return this.wakeAt(due, now);
      this.queue.shift();
      this.deliver(head);
    }
  }

  private enqueue(item: Item): void {
    this.queue.push(item);
    this.flush();
  }

  private wakeAt(due: number, now: number): void {
    if (due === Infinity || this.timerAt <= due) return;
    clearTimeout(this.timer);
    this.timerAt = due;
    // Timers count whole milliseconds and may fire a fraction early: flush() re-arms if so.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.flush();
    }, Math.ceil(due - now));
  }

  private deliver(item: Item): void {
    if (item.kind === 'run') return item.action();
    if (this.to.destroyed || this.to.writableEnded) return;
    if (item.kind === 'end') {
      this.to.end();
      return;
    }
    this.owner.delivered(item.data.length);
    if (!this.to.write(item.data) && !this.waitingForDrain) {
      // The far side reads slower than the near side writes: stop reading until it catches up.
      this.waitingForDrain = true;
      this.from.pause();
      this.to.once('drain', () => {
        this.waitingForDrain = false;
        this.from.resume();
      });
    }
  }
}
