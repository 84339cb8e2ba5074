/** A one-way channel for one-off gestures between parts of the screen: send to whoever listens now. */
export function createChannel<T>(): { send(message: T): void; listen(listener: (message: T) => void): () => void } {
  const listeners = new Set<(message: T) => void>();
  return {
    send(message) {
      for (const listener of listeners) listener(message);
    },
    listen(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
