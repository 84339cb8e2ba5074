// Clicking a book level offers its price to the order ticket. A tiny channel rather than store
// state: it is a one-off gesture, not something the engine knows about.
type Listener = (price: number) => void;

const listeners = new Set<Listener>();

export function pickPrice(price: number): void {
  for (const listener of listeners) listener(price);
}

export function onPricePicked(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
