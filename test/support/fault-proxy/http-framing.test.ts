import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { httpFramers, type HttpFramer, type HttpMark } from './http-framing.ts';

/** Body text that reads like a message head, to catch a framer that looks inside bodies. */
const bait = (length: number): string => 'HTTP/1.1 200 OK\r\n\r\n0\r\n\r\n'.repeat(Math.ceil(length / 24)).slice(0, length);

type Body = { kind: 'length'; length: number } | { kind: 'chunked'; parts: number[]; trailer: boolean };

function bodyText(body: Body): { headers: string; text: string } {
  if (body.kind === 'length') return { headers: `Content-Length: ${body.length}\r\n`, text: bait(body.length) };
  const chunks = body.parts.map((n) => `${n.toString(16)};ext=1\r\n${bait(n)}\r\n`).join('');
  return { headers: 'Transfer-Encoding: chunked\r\n', text: `${chunks}0\r\n${body.trailer ? 'X-Trailer: 1\r\n' : ''}\r\n` };
}

const body: fc.Arbitrary<Body> = fc.oneof(
  fc.nat(300).map((length) => ({ kind: 'length' as const, length })),
  fc.record({ kind: fc.constant('chunked' as const), parts: fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 4 }), trailer: fc.boolean() }),
);
const exchange = fc.record({
  method: fc.constantFrom('GET', 'HEAD', 'POST'),
  requestBody: body,
  status: fc.constantFrom(200, 204, 304, 404),
  interimContinue: fc.boolean(),
  responseBody: body,
});

/** Pushes `stream` in pieces cut at `cutSeeds`; marks come back with offsets into the whole stream. */
function pushInPieces(framer: HttpFramer, stream: Buffer, cutSeeds: number[]): HttpMark[] {
  const cuts = [...new Set(cutSeeds.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
  const marks: HttpMark[] = [];
  let from = 0;
  for (const cut of [...cuts, stream.length]) {
    marks.push(...framer.push(stream.subarray(from, cut)).map((m) => ({ ...m, at: m.at + from })));
    from = cut;
  }
  return marks;
}

describe('httpFramers', () => {
  it('marks where every response starts on a keep-alive connection and where a 101 hands over, however chunked', () => {
    fc.assert(fc.property(fc.array(exchange, { maxLength: 6 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 10 }), (exchanges, upgrade, cutSeeds) => {
      let requests = '';
      let responses = '';
      const expected: HttpMark[] = [];
      for (const x of exchanges) {
        const sent = x.method === 'GET' ? { headers: '', text: '' } : bodyText(x.requestBody);
        requests += `${x.method} /p HTTP/1.1\r\nHost: sim\r\n${sent.headers}\r\n${sent.text}`;
        if (x.interimContinue) {
          expected.push({ kind: 'start', at: responses.length });
          responses += 'HTTP/1.1 100 Continue\r\n\r\n';
        }
        expected.push({ kind: 'start', at: responses.length });
        const answer = bodyText(x.responseBody);
        const bodiless = x.method === 'HEAD' || x.status === 204 || x.status === 304;
        // A HEAD answer states the length it would have had, and sends nothing.
        responses += `HTTP/1.1 ${x.status} Whatever\r\n${answer.headers}\r\n${bodiless ? '' : answer.text}`;
      }
      if (upgrade) {
        requests += 'GET /ws HTTP/1.1\r\nHost: sim\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n\x81\x05hello';
        expected.push({ kind: 'start', at: responses.length });
        responses += 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n';
        expected.push({ kind: 'upgraded', at: responses.length });
        responses += `\x81\x13${bait(19)}`;
      }

      const framers = httpFramers();
      pushInPieces(framers.requests, Buffer.from(requests, 'latin1'), cutSeeds);
      expect(pushInPieces(framers.responses, Buffer.from(responses, 'latin1'), cutSeeds)).toEqual(expected);
    }));
  });
});
