import { describe, expect, it } from 'vitest';
import { EventRateMeter } from './event-rate-meter.ts';

const T0 = Date.UTC(2025, 0, 1);

describe('EventRateMeter', () => {
  it('reports zero before a whole second has been recorded', () => {
    const meter = new EventRateMeter(5);
    expect(meter.perSecond(T0)).toBe(0);
    meter.record(100, T0 + 200);
    expect(meter.perSecond(T0 + 900)).toBe(0);
  });

  it('averages the completed seconds when fewer than the window have passed', () => {
    const meter = new EventRateMeter(5);
    meter.record(30, T0 + 100);
    meter.record(30, T0 + 600);
    meter.record(40, T0 + 1_500);
    expect(meter.perSecond(T0 + 2_100)).toBe(50);
  });

  it('forgets seconds that fell out of the window', () => {
    const meter = new EventRateMeter(2);
    meter.record(1_000, T0);
    meter.record(10, T0 + 3_000);
    meter.record(20, T0 + 4_000);
    expect(meter.perSecond(T0 + 5_000)).toBe(15);
  });

  it('counts seconds with no events as zero', () => {
    const meter = new EventRateMeter(4);
    meter.record(40, T0);
    expect(meter.perSecond(T0 + 4_000)).toBe(10);
  });
});
