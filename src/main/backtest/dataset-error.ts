/** A dataset file that cannot be used as it is: the message names the line (or row) and the field. */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
}

/** A value from the file as an error message quotes it: long ones cut, so the message stays a sentence. */
export function quoted(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
