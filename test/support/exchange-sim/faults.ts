// Switches the tests flip to make the venue misbehave; read by the REST, stream and ws-api parts.
export interface FaultState {
  silenced: boolean;
  /** One-shot: the next new order is booked, then answered with 503. */
  acceptedThen5xx: boolean;
  /** One-shot: the next new order is booked and never answered. */
  timeout: boolean;
  rateLimitLeft: number;
  rateLimitStatus: 429 | 418;
  duplicateFills: boolean;
  fillDelayMs: number;
  rejectSignatures: boolean;
  skewMs: number;
}

export function noFaults(): FaultState {
  return {
    silenced: false, acceptedThen5xx: false, timeout: false, rateLimitLeft: 0, rateLimitStatus: 429,
    duplicateFills: false, fillDelayMs: 0, rejectSignatures: false, skewMs: 0,
  };
}
