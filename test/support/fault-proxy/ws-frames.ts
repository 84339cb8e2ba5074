// Reads the server->client half of a WebSocket connection (RFC 6455 frames) as it streams past, so whole
// data messages can be left out without cutting a frame in two: the client still sees a valid stream.

const OPCODE_CONTINUATION = 0x0;
const OPCODE_TEXT = 0x1;
const OPCODE_BINARY = 0x2;
/** The longest header: 2 bytes, 8 bytes of 64-bit length, 4 bytes of mask key. */
const MAX_HEADER = 14;

export class WsFrameFilter {
  private readonly shouldDrop: () => boolean;
  private readonly header = Buffer.alloc(MAX_HEADER);
  private headerHave = 0;
  private payloadLeft = 0;
  /** Whether the frame being read (header done) is forwarded. */
  private keepFrame = true;
  /** Whether the data message in progress (its first frame seen, its FIN frame not yet) is being dropped. */
  private droppingMessage = false;

  /** `shouldDrop` is asked once per data message, at its first frame. */
  constructor(shouldDrop: () => boolean) {
    this.shouldDrop = shouldDrop;
  }

  /** The parts of `chunk` to forward, in order; control frames always pass. */
  push(chunk: Buffer): Buffer[] {
    const out: Buffer[] = [];
    let i = 0;
    while (i < chunk.length) {
      if (this.payloadLeft > 0) {
        const take = Math.min(this.payloadLeft, chunk.length - i);
        if (this.keepFrame) out.push(chunk.subarray(i, i + take));
        this.payloadLeft -= take;
        i += take;
        continue;
      }
      // Header bytes may arrive split over chunks: copy them until the whole header is known.
      const need = this.headerHave < 2 ? 2 : headerLength(this.header);
      const take = Math.min(need - this.headerHave, chunk.length - i);
      chunk.copy(this.header, this.headerHave, i, i + take);
      this.headerHave += take;
      i += take;
      if (this.headerHave < 2 || this.headerHave < headerLength(this.header)) continue;
      this.startFrame();
      if (this.keepFrame) out.push(Buffer.from(this.header.subarray(0, this.headerHave)));
      this.headerHave = 0;
    }
    return out;
  }

  private startFrame(): void {
    const fin = (this.header[0] & 0x80) !== 0;
    const opcode = this.header[0] & 0x0f;
    this.payloadLeft = payloadLength(this.header);
    if (opcode === OPCODE_TEXT || opcode === OPCODE_BINARY) {
      this.droppingMessage = this.shouldDrop();
      this.keepFrame = !this.droppingMessage;
    } else if (opcode === OPCODE_CONTINUATION) {
      this.keepFrame = !this.droppingMessage;
    } else {
      // Control frames (close, ping, pong) may sit between fragments and are never dropped; reserved
      // opcodes pass too, for the client to reject.
      this.keepFrame = true;
      return;
    }
    if (fin) this.droppingMessage = false;
  }
}

function headerLength(header: Buffer): number {
  const length7 = header[1] & 0x7f;
  const extended = length7 === 126 ? 2 : length7 === 127 ? 8 : 0;
  const masked = (header[1] & 0x80) !== 0;
  return 2 + extended + (masked ? 4 : 0);
}

function payloadLength(header: Buffer): number {
  const length7 = header[1] & 0x7f;
  if (length7 === 126) return header.readUInt16BE(2);
  if (length7 === 127) return header.readUInt32BE(2) * 2 ** 32 + header.readUInt32BE(6);
  return length7;
}
