// Saves text the engine rendered (CSV exports) as a file: a Blob, an object URL and an <a download>.
// Works the same in Electron (the session's download handler saves it) and in a browser.

const MAX_NAME_LENGTH = 120;
// Names Windows refuses for a file, whatever the extension.
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;
// Path separators, characters Windows forbids in names, and control characters.
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;

function clean(name: string): string {
  // Only the last path segment: a suggested "../../x.csv" must not climb anywhere.
  const base = name.split(/[/\\]/).pop() ?? '';
  return base
    .replace(FORBIDDEN, '_')
    .replace(/\s+/g, '-')
    .replace(/[.\s]+$/g, '');
}

/**
 * A safe file name ending in .csv from the engine's suggestion: no directories, no characters a file
 * system refuses, no hidden dot-file, at most 120 characters. The fallback when nothing usable is left.
 */
export function csvFilename(suggested: string | null | undefined, fallback: string): string {
  const stemOf = (name: string) => {
    const cleaned = clean(name);
    // Without the extension, and without leading dots: no hidden dot-files.
    return (cleaned.toLowerCase().endsWith('.csv') ? cleaned.slice(0, -4) : cleaned).replace(/^[.-]+/, '').replace(/[.\s]+$/, '');
  };
  let stem = stemOf(suggested ?? '');
  if (stem === '' || /^_+$/.test(stem)) stem = stemOf(fallback) || 'export';
  if (RESERVED.test(stem)) stem = `_${stem}`;
  return `${stem.slice(0, MAX_NAME_LENGTH - 4)}.csv`;
}

/** What the download needs from the page; tests hand in fakes. */
export interface DownloadHost {
  document: Pick<Document, 'createElement' | 'body'>;
  url: Pick<typeof URL, 'createObjectURL' | 'revokeObjectURL'>;
  later: (run: () => void, ms: number) => unknown;
}

const browserHost = (): DownloadHost => ({ document, url: URL, later: (run, ms) => setTimeout(run, ms) });

/** Starts the download of a CSV text under a cleaned-up name; returns the name used. */
export function downloadCsv(suggested: string | null | undefined, csv: string, fallback: string, host: DownloadHost = browserHost()): string {
  const filename = csvFilename(suggested, fallback);
  const blob = new Blob([csv], { type: 'text/csv;charset=utf-8' });
  const href = host.url.createObjectURL(blob);
  const link = host.document.createElement('a');
  link.href = href;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  host.document.body.append(link);
  link.click();
  link.remove();
  // Revoked a little later: some browsers read the URL after click() returns.
  host.later(() => host.url.revokeObjectURL(href), 10_000);
  return filename;
}
