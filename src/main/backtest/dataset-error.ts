/** A dataset file that cannot be used as it is: the message names the line (or row) and the field. */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
}
