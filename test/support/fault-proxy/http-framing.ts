// Finds message boundaries in both directions of an HTTP/1.1 connection as its bytes stream past: where
// each response begins (so a reset can land inside an exchange) and where a 101 answer hands the socket
// over to WebSocket frames. It reads heads and body lengths only; bodies are never buffered.

export interface HttpHead {
  startLine: string;
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>;
}

export type HttpMark =
  /** `at` is the offset in the pushed chunk of the message's first byte. */
  | { kind: 'start'; at: number }
  /** `at` is the offset just past the head; from there on the connection speaks another protocol. */
  | { kind: 'upgraded'; at: number };

type Body =
  | { kind: 'none' }
  | { kind: 'length'; bytes: number }
  | { kind: 'chunked' }
  | { kind: 'until-close' }
  | { kind: 'upgrade' };

type State = 'idle' | 'head' | 'body' | 'chunk-size' | 'chunk-data' | 'trailer' | 'opaque';

export class HttpFramer {
  private readonly bodyOf: (head: HttpHead) => Body;
  private state: State = 'idle';
  /** The part of the current line received so far (lines are ASCII; latin1 keeps bytes 1:1). */
  private line = '';
  private headLines: string[] = [];
  private remaining = 0;

  constructor(bodyOf: (head: HttpHead) => Body) {
    this.bodyOf = bodyOf;
  }

  push(chunk: Buffer): HttpMark[] {
    const marks: HttpMark[] = [];
    let i = 0;
    while (i < chunk.length && this.state !== 'opaque') {
      if (this.state === 'idle') {
        marks.push({ kind: 'start', at: i });
        this.state = 'head';
      }
      if (this.state === 'body' || this.state === 'chunk-data') {
        const take = Math.min(this.remaining, chunk.length - i);
        this.remaining -= take;
        i += take;
        if (this.remaining === 0) this.state = this.state === 'body' ? 'idle' : 'chunk-size';
        continue;
      }
      const end = chunk.indexOf(0x0a, i);
      if (end === -1) {
        this.line += chunk.toString('latin1', i);
        break;
      }
      const line = (this.line + chunk.toString('latin1', i, end)).replace(/\r$/, '');
      this.line = '';
      i = end + 1;
      if (this.state === 'head') {
        if (line !== '') {
          this.headLines.push(line);
          continue;
        }
        const body = this.bodyOf(parseHead(this.headLines));
        this.headLines = [];
        if (body.kind === 'upgrade') marks.push({ kind: 'upgraded', at: i });
        this.startBody(body);
      } else if (this.state === 'chunk-size') {
        const size = Number.parseInt(line.split(';')[0]!.trim(), 16);
        if (size === 0) this.state = 'trailer';
        else {
          this.state = 'chunk-data';
          this.remaining = size + 2; // the data, then its CRLF
        }
      } else if (this.state === 'trailer' && line === '') {
        this.state = 'idle';
      }
    }
    return marks;
  }

  private startBody(body: Body): void {
    if (body.kind === 'none' || (body.kind === 'length' && body.bytes === 0)) this.state = 'idle';
    else if (body.kind === 'length') {
      this.state = 'body';
      this.remaining = body.bytes;
    } else if (body.kind === 'chunked') this.state = 'chunk-size';
    else this.state = 'opaque'; // an upgrade, or a body that runs to the end of the connection
  }
}

/** The two directions of one connection; requests tell the response side which answers have no body (HEAD). */
export function httpFramers(): { requests: HttpFramer; responses: HttpFramer } {
  const methods: string[] = [];
  const requests = new HttpFramer((head) => {
    methods.push(head.startLine.split(' ')[0]!.toUpperCase());
    if (head.headers['upgrade'] !== undefined) return { kind: 'upgrade' };
    return messageBody(head, { kind: 'none' });
  });
  const responses = new HttpFramer((head) => {
    const status = Number(head.startLine.split(' ')[1]);
    if (status === 101) return { kind: 'upgrade' };
    if (status >= 100 && status < 200) return { kind: 'none' }; // interim: the final answer follows
    const method = methods.shift();
    if (method === 'HEAD' || status === 204 || status === 304) return { kind: 'none' };
    return messageBody(head, { kind: 'until-close' });
  });
  return { requests, responses };
}

function messageBody(head: HttpHead, otherwise: Body): Body {
  if (/\bchunked\b/i.test(head.headers['transfer-encoding'] ?? '')) return { kind: 'chunked' };
  const length = head.headers['content-length'];
  if (length === undefined) return otherwise;
  const bytes = Number(length);
  // A length we cannot trust leaves the rest of the connection unread rather than misframed.
  return Number.isSafeInteger(bytes) && bytes >= 0 ? { kind: 'length', bytes } : { kind: 'until-close' };
}

function parseHead(lines: string[]): HttpHead {
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return { startLine: lines[0] ?? '', headers };
}
