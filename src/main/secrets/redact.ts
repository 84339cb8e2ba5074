import type { SecretSource } from './known-secrets.ts';

export const REDACTED = '[redacted]';

/**
 * Shorter strings are left alone: hiding every "abc" would garble ordinary log lines, and a three-letter
 * password is guessable whether or not a log shows it.
 */
const SHORTEST_REDACTED = 4;

/** The forms a secret takes in a log line: as is, inside a URL or form body, inside JSON. */
function formsOf(secret: string): string[] {
  const uri = encodeURIComponent(secret);
  return [
    secret,
    uri,
    uri.replace(/%20/g, '+'), // application/x-www-form-urlencoded, as query strings are often signed
    uri.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
    JSON.stringify(secret).slice(1, -1),
  ];
}

/** Replaces every occurrence of each secret, and of its encoded forms, with '[redacted]'. */
export function redact(text: string, secrets: Iterable<string>): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < SHORTEST_REDACTED) continue;
    for (const form of formsOf(secret)) forms.add(form);
  }
  // Longest first, so a secret containing another one is hidden whole rather than in pieces.
  let result = text;
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    if (result.includes(form)) result = result.split(form).join(REDACTED);
  }
  return result;
}

/** A log that hides the stored keys, asking the source at each line so keys saved later are covered too. */
export function createRedactingLog(log: (line: string) => void, source: SecretSource): (line: string) => void {
  return (line) => log(redact(line, source.knownSecrets()));
}
