import { describe, expect, it } from 'vitest';
import { csvFilename, downloadCsv, type DownloadHost } from './download.ts';

describe('csvFilename', () => {
  it('keeps a good name as it is', () => {
    expect(csvFilename('backtest-r1-trades.csv', 'x')).toBe('backtest-r1-trades.csv');
    expect(csvFilename('Metrics.CSV', 'x')).toBe('Metrics.csv');
  });

  it('adds the .csv extension when missing', () => {
    expect(csvFilename('trades', 'x')).toBe('trades.csv');
    expect(csvFilename('trades.txt', 'x')).toBe('trades.txt.csv');
  });

  it('drops directories and characters a file system refuses', () => {
    expect(csvFilename('../../etc/passwd', 'x')).toBe('passwd.csv');
    expect(csvFilename('C:\\Users\\me\\run.csv', 'x')).toBe('run.csv');
    expect(csvFilename('momentum BTC/USDT 2024-05-01T10:00.csv', 'x')).toBe('USDT-2024-05-01T10_00.csv');
    expect(csvFilename('a<b>c|d?e*f"g.csv', 'x')).toBe('a_b_c_d_e_f_g.csv');
    expect(csvFilename('tab\there\u0000.csv', 'x')).toBe('tab_here_.csv');
  });

  it('never makes a hidden file or a reserved Windows name', () => {
    expect(csvFilename('.hidden.csv', 'x')).toBe('hidden.csv');
    expect(csvFilename('...csv', 'fallback')).toBe('fallback.csv');
    expect(csvFilename('.csv', 'fallback')).toBe('fallback.csv');
    expect(csvFilename('..', '')).toBe('export.csv');
    expect(csvFilename('CON.csv', 'x')).toBe('_CON.csv');
    expect(csvFilename('nul', 'x')).toBe('_nul.csv');
  });

  it('falls back when nothing usable is left', () => {
    expect(csvFilename('', 'backtest-r1-metrics')).toBe('backtest-r1-metrics.csv');
    expect(csvFilename(null, 'backtest-r1-metrics.csv')).toBe('backtest-r1-metrics.csv');
    expect(csvFilename('???', '')).toBe('export.csv');
    expect(csvFilename('/', '')).toBe('export.csv');
  });

  it('caps the length, keeping the extension', () => {
    const name = csvFilename(`${'a'.repeat(300)}.csv`, 'x');
    expect(name).toHaveLength(120);
    expect(name.endsWith('.csv')).toBe(true);
  });
});

describe('downloadCsv', () => {
  it('clicks a hidden link to an object URL of the CSV, then removes it and revokes the URL later', async () => {
    const events: string[] = [];
    let blob: Blob | null = null;
    let pending: (() => void) | null = null;
    const link = {
      href: '',
      download: '',
      rel: '',
      style: { display: '' },
      click: () => events.push(`click ${link.href} ${link.download}`),
      remove: () => events.push('remove'),
    };
    const host = {
      document: {
        createElement: () => link,
        body: { append: () => events.push('append') },
      },
      url: {
        createObjectURL: (b: Blob) => {
          blob = b;
          return 'blob:1';
        },
        revokeObjectURL: (url: string) => events.push(`revoke ${url}`),
      },
      later: (run: () => void) => {
        pending = run;
      },
    } as unknown as DownloadHost;

    const name = downloadCsv('../trades', 'a,b\n1,2\n', 'fallback', host);
    expect(name).toBe('trades.csv');
    expect(events).toEqual(['append', 'click blob:1 trades.csv', 'remove']);
    expect(link.style.display).toBe('none');
    expect(blob).not.toBeNull();
    expect(await (blob as unknown as Blob).text()).toBe('a,b\n1,2\n');
    expect((blob as unknown as Blob).type).toContain('text/csv');
    (pending as unknown as () => void)();
    expect(events.at(-1)).toBe('revoke blob:1');
  });
});
