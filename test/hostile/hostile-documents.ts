// Hostile versions of the JSON the desk reads: files at start-up (what a crash mid-write, a bad hand
// edit, a disk error or a planted copy leave behind; each says what was done to it, so a test can check
// that the error names the field), and exchange messages garbled on their way in.
import fc from 'fast-check';

export interface HostileDocument {
  bytes: Buffer;
  /** What was done to the valid document, for failure messages. */
  how: string;
  /** The dotted path of the one field replaced or removed, when that is what was done. */
  field?: string;
}

/** JSON texts for a value: wrong types, numbers JSON.parse turns into Infinity, NaN-ish strings, pollution attempts. */
const RAW_VALUES = [
  '"NaN"', '"Infinity"', '"-Infinity"', '1e400', '-1e400', '1e308', '-1', '0', '-0', '0.5', '9007199254740993',
  '5e-324', 'null', 'true', 'false', '"abc"', '""', '"1"', '" 1 "', '[]', '[1,2]', '{}',
  '{"__proto__":{"polluted":"yes"}}', '{"constructor":{"prototype":{"polluted":"yes"}}}',
  `"${'x'.repeat(100_000)}"`, '"\\u0000\\ud800"',
];

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

const MARKER = 'hostile-marker-7f3a9c';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path in the document, objects and leaves alike, as key lists. */
function pathsOf(value: Json, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

function objectPathsOf(value: Json, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return [prefix, ...Object.entries(value).flatMap(([key, child]) => objectPathsOf(child, [...prefix, key]))];
}

/** A deep copy with `edit` applied to the container of the path's last key. */
function editAt(doc: Json, path: string[], edit: (container: Record<string, Json>, key: string) => void): Json {
  const copy = structuredClone(doc);
  let container = copy as Record<string, Json>;
  for (const key of path.slice(0, -1)) container = container[key] as Record<string, Json>;
  edit(container, path[path.length - 1]!);
  return copy;
}

const pretty = (doc: Json): string => `${JSON.stringify(doc, null, 2)}\n`;
const fromText = (text: string, how: string, field?: string): HostileDocument => ({ bytes: Buffer.from(text, 'utf8'), how, field });

/** Damaged, mistyped and planted variants of the JSON object `document`. */
export function hostileDocuments(document: object): fc.Arbitrary<HostileDocument> {
  const valid = structuredClone(document) as Json;
  const text = pretty(valid);
  const paths = pathsOf(valid);
  const objects = objectPathsOf(valid);
  const rawValue = fc.oneof(fc.constantFrom(...RAW_VALUES), fc.json({ maxDepth: 2 }));
  return fc.oneof(
    fc.uint8Array({ maxLength: 600 }).map((bytes) => ({ bytes: Buffer.from(bytes), how: 'random bytes' })),
    // Any UTF-16 units, lone surrogates too (cheaper to build than fc.string's full Unicode table).
    fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 }).map((units) => fromText(String.fromCharCode(...units), 'random text')),
    fc.nat({ max: text.length - 1 }).map((cut) => fromText(text.slice(0, cut), `cut after ${cut} characters`)),
    fc
      .json({ maxDepth: 2 })
      .filter((t) => {
        const root = JSON.parse(t) as unknown;
        return root === null || typeof root !== 'object' || Array.isArray(root);
      })
      .map((t) => fromText(t, 'a JSON value that is not an object')),
    fc.tuple(fc.constantFrom(...paths), rawValue).map(([path, raw]) => {
      const doc = editAt(valid, path, (container, key) => void (container[key] = MARKER));
      return fromText(pretty(doc).replace(`"${MARKER}"`, () => raw), `${path.join('.')} set to ${raw.slice(0, 40)}`, path.join('.'));
    }),
    fc.constantFrom(...paths).map((path) => {
      let field = path.join('.');
      const doc = editAt(valid, path, (container, key) => {
        if (!Array.isArray(container)) return void delete container[key];
        container.splice(Number(key), 1);
        field = path.slice(0, -1).join('.'); // a shorter list is wrong as a whole
      });
      return fromText(pretty(doc), `${path.join('.')} removed`, field);
    }),
    // A key JSON.parse keeps as an own property, as a planted file would have it.
    fc.tuple(fc.constantFrom(...objects), fc.constantFrom(...HOSTILE_KEYS), rawValue).map(([path, key, raw]) => {
      const doc = editAt(valid, [...path, MARKER], (container, k) => void (container[k] = MARKER));
      return fromText(pretty(doc).replace(`"${MARKER}": "${MARKER}"`, () => `${JSON.stringify(key)}: ${raw}`), `${key} added at ${path.join('.') || 'the top'}`);
    }),
    fc.constantFrom(
      fromText(`\uFEFF${text}`, 'a byte order mark before valid JSON'),
      fromText(text.replaceAll('\n', '\r\n'), 'CRLF line ends'),
      fromText(JSON.stringify(valid), 'valid JSON on one line'),
      fromText('', 'an empty file'),
      fromText(`${text}${text}`, 'the document twice'),
      fromText(text.replace(/}\s*$/, ',}'), 'a trailing comma'),
      fromText('['.repeat(100_000), 'deep unterminated nesting'),
    ),
  );
}

/** One way to garble a JSON message whose shape is known only when it goes out (see `mangled`). */
export type Mangling =
  | { kind: 'number'; pick: number; raw: string }
  | { kind: 'replace'; pick: number; raw: string }
  | { kind: 'remove'; pick: number }
  | { kind: 'cut'; fraction: number }
  | { kind: 'text'; text: string };

/** Exchanges send numbers as strings: these are what a garbled one can look like. */
const RAW_NUMBER_TEXTS = ['"NaN"', '"abc"', '"-1"', '"-60000"', '"0"', '"-0.01"', '"1e400"', '"Infinity"', '"1e308"', '"0x10"', '" "'];

export const manglings: fc.Arbitrary<Mangling> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('number' as const), pick: fc.nat(), raw: fc.constantFrom(...RAW_NUMBER_TEXTS, '-1', '0', '-0', '1e400', 'null', '{}') }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), raw: fc.constantFrom(...RAW_NUMBER_TEXTS, ...RAW_VALUES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cut' as const), fraction: fc.double({ min: 0, max: 0.99, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('text' as const), text: fc.constantFrom('', 'null', '[]', '{}', '"x"', '42', 'not json', '{"e":') }) },
);

/** Values of a wrong type, for a field that may not be given a well-formed other value. */
const WRONG_TYPES = ['null', '{}', '[]', 'true', 'false'];

const wellFormed = (raw: string): boolean => {
  const value = JSON.parse(raw) as unknown;
  return (typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value));
};

/** A number, or a string holding one, as exchanges send prices and sizes. */
const numeric = (value: unknown): boolean =>
  (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)));

const valueAt = (doc: Json, path: string[]): unknown => path.reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], doc);

export interface MangleOptions {
  /** Keys of ids: given only values of a wrong type, never another well-formed id. */
  ids?: ReadonlySet<string>;
  /** Keys holding prices and sizes: a 'number' mangling picks a number under one of them, when there is one. */
  values?: ReadonlySet<string>;
}

/**
 * The text to send instead of `message`, garbled as `m` says. A 'number' mangling picks by `pick` among
 * the numbers under `values` keys (else any number), the others among all fields.
 */
export function mangled(message: unknown, m: Mangling, options: MangleOptions = {}): string {
  const doc = message as Json;
  const all = pathsOf(doc);
  const numbers = all.filter((path) => numeric(valueAt(doc, path)));
  const focused = numbers.filter((path) => path.some((key) => options.values?.has(key)));
  const paths = m.kind !== 'number' ? all : focused.length > 0 ? focused : numbers.length > 0 ? numbers : all;
  if (m.kind === 'text' || paths.length === 0) return m.kind === 'text' ? m.text : '';
  if (m.kind === 'cut') {
    const text = JSON.stringify(doc);
    return text.slice(0, Math.floor(text.length * m.fraction));
  }
  const path = paths[m.pick % paths.length]!;
  if (m.kind === 'remove') {
    return JSON.stringify(editAt(doc, path, (container, key) => (Array.isArray(container) ? void container.splice(Number(key), 1) : void delete container[key])));
  }
  const raw = options.ids?.has(path[path.length - 1]!) && wellFormed(m.raw) ? WRONG_TYPES[m.pick % WRONG_TYPES.length]! : m.raw;
  return JSON.stringify(editAt(doc, path, (container, key) => void (container[key] = MARKER))).replace(`"${MARKER}"`, () => raw);
}

export function describeMangling(m: Mangling): string {
  if (m.kind === 'number') return `number #${m.pick} set to ${m.raw.slice(0, 30)}`;
  if (m.kind === 'replace') return `field #${m.pick} set to ${m.raw.slice(0, 30)}`;
  if (m.kind === 'remove') return `field #${m.pick} removed`;
  return m.kind === 'cut' ? `cut at ${Math.round(m.fraction * 100)}%` : `replaced by ${JSON.stringify(m.text)}`;
}

/** Whether Object.prototype picked up anything from a parsed file. */
export function prototypePolluted(): boolean {
  const probe = {} as Record<string, unknown>;
  return probe.polluted !== undefined || Object.keys(Object.prototype).length > 0;
}
