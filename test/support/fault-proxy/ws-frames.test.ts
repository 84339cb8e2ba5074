import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WsFrameFilter } from './ws-frames.ts';

interface FrameSpec {
  fin: boolean;
  opcode: number;
  length: number;
  /** The header's length field: 7-bit, or the 16- and 64-bit extended forms. */
  width: 7 | 16 | 64;
  masked: boolean;
  fill: number;
}

function encode(frame: FrameSpec): Buffer {
  const extended = frame.width === 16 ? 2 : frame.width === 64 ? 8 : 0;
  const header = Buffer.alloc(2 + extended + (frame.masked ? 4 : 0));
  header[0] = (frame.fin ? 0x80 : 0) | frame.opcode;
  header[1] = (frame.masked ? 0x80 : 0) | (frame.width === 16 ? 126 : frame.width === 64 ? 127 : frame.length);
  if (frame.width === 16) header.writeUInt16BE(frame.length, 2);
  if (frame.width === 64) header.writeBigUInt64BE(BigInt(frame.length), 2);
  if (frame.masked) header.fill(0x81, 2 + extended); // mask key bytes that look like a frame start
  // Payload bytes that look like frame headers catch a reader that loses its place.
  return Buffer.concat([header, Buffer.alloc(frame.length, frame.fill)]);
}

const payload = { fill: fc.constantFrom(0x81, 0x82, 0x88, 0x7f, 0xff, 0x00), masked: fc.boolean() };
const control = fc.record({
  fin: fc.constant(true), opcode: fc.constantFrom(0x8, 0x9, 0xa), length: fc.nat(125), width: fc.constant(7 as const), ...payload,
});
const dataLength = fc.oneof(
  fc.nat(125).map((length) => ({ length, width: 7 as const })),
  fc.nat(400).map((length) => ({ length, width: 16 as const })),
  fc.nat(400).map((length) => ({ length, width: 64 as const })),
);
const fragment = fc.record({ size: dataLength, fill: payload.fill, masked: payload.masked, controlAfter: fc.option(control, { nil: undefined }) });
const message = fc.oneof(
  control.map((frame) => ({ kind: 'control' as const, frames: [frame] })),
  fc.record({ opcode: fc.constantFrom(0x1, 0x2), fragments: fc.array(fragment, { minLength: 1, maxLength: 4 }), drop: fc.boolean() })
    .map(({ opcode, fragments, drop }) => ({
      kind: 'data' as const,
      drop,
      // Continuation frames carry opcode 0; control frames may sit between fragments.
      frames: fragments.flatMap((f, i): FrameSpec[] => [
        { fin: i === fragments.length - 1, opcode: i === 0 ? opcode : 0x0, ...f.size, fill: f.fill, masked: f.masked },
        ...(f.controlAfter !== undefined && i < fragments.length - 1 ? [f.controlAfter] : []),
      ]),
    })),
);

describe('WsFrameFilter', () => {
  it('drops exactly the frames of the data messages it is told to drop, however the stream is chunked', () => {
    fc.assert(fc.property(fc.array(message, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 12 }), (messages, cutSeeds) => {
      const stream = Buffer.concat(messages.flatMap((m) => m.frames.map(encode)));
      const expected = Buffer.concat(messages.flatMap((m) =>
        m.frames.filter((f) => m.kind === 'control' || !m.drop || f.opcode >= 0x8).map(encode)));
      const decisions = messages.filter((m) => m.kind === 'data').map((m) => m.drop);
      let asked = 0;
      const filter = new WsFrameFilter(() => decisions[asked++]!);

      const cuts = [...new Set(cutSeeds.map((c) => (stream.length === 0 ? 0 : c % stream.length)))].sort((a, b) => a - b);
      const out: Buffer[] = [];
      let from = 0;
      for (const cut of [...cuts, stream.length]) {
        out.push(...filter.push(stream.subarray(from, cut)));
        from = cut;
      }
      expect(Buffer.concat(out).equals(expected)).toBe(true);
      expect(asked).toBe(decisions.length);
    }));
  });

  it('reads a 64-bit length beyond 65535 bytes and drops the whole frame', () => {
    const big = encode({ fin: true, opcode: 0x2, length: 70_000, width: 64, masked: false, fill: 0x81 });
    const ping = encode({ fin: true, opcode: 0x9, length: 3, width: 7, masked: false, fill: 0x01 });
    const filter = new WsFrameFilter(() => true);
    const out = [...filter.push(big.subarray(0, 5)), ...filter.push(Buffer.concat([big.subarray(5), ping]))];
    expect(Buffer.concat(out).equals(ping)).toBe(true);
  });
});
