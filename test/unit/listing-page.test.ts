import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { renderListingPage, type ListingRequest } from '../../src/format/listing-page.js';
import { parseArgs } from '../../src/parser/parse-args.js';
import { pageFlag, readPage } from '../../src/parser/page-flag.js';

function listing(rowCount: number, overrides: Partial<ListingRequest> = {}): ListingRequest {
  const rows = Array.from({ length: rowCount }, (_, index) => [
    `id${String(index).padStart(10, '0')}`,
    `name-${index}`,
  ]);
  return {
    title: `${rowCount} containers`,
    headers: ['CONTAINER ID', 'NAME'],
    rows,
    ownerIds: rows.map((_, index) => `UUSER${index % 3}`),
    ownerHeading: 'Started by',
    page: 1,
    commandForPage: (page) => `/docker ps --page ${page}`,
    ...overrides,
  };
}

/** Renders every page of a listing, in order. */
function allPages(request: ListingRequest): string[] {
  const pages = [renderListingPage(request)];
  while (pages.at(-1)?.includes('Next page') === true) {
    pages.push(renderListingPage({ ...request, page: pages.length + 1 }));
  }
  return pages;
}

describe('renderListingPage', () => {
  it('shows a short listing whole', () => {
    const text = renderListingPage(listing(3));

    expect(text).toContain('*3 containers*\n```');
    expect(text).not.toContain('page 1');
    expect(text).not.toContain('Next page');
  });

  it('pages at twenty rows', () => {
    const text = renderListingPage(listing(45));

    expect(text).toContain('(page 1 of 3, rows 1–20)');
    expect(text).toContain('Next page: `/docker ps --page 2`');
  });

  it('shows the last page', () => {
    const text = renderListingPage(listing(45, { page: 3 }));

    expect(text).toContain('(page 3 of 3, rows 41–45)');
    expect(text).toContain('id0000000044');
    expect(text).not.toContain('Next page');
  });

  it('lists every row once', () => {
    const text = allPages(listing(45)).join('\n');

    for (let index = 0; index < 45; index += 1) {
      expect(text.split(`id${String(index).padStart(10, '0')}`)).toHaveLength(2);
    }
  });

  it('keeps wide pages within the limit', () => {
    const wide = listing(200, {
      headers: ['A', 'B', 'C', 'D'],
      rows: Array.from({ length: 200 }, (_, index) => [
        `row-${index}-${'x'.repeat(80)}`,
        'y'.repeat(60),
        'z'.repeat(60),
        'w'.repeat(60),
      ]),
      ownerIds: Array.from({ length: 200 }, (_, index) => `UOWNER${index}`),
    });
    const pages = allPages(wide);

    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) {
      expect(page.length).toBeLessThanOrEqual(3_000);
    }
  });

  it('cuts long cells', () => {
    const text = renderListingPage(
      listing(1, { rows: [['a'.repeat(100), 'short']], ownerIds: [undefined] }),
    );

    expect(text).toContain(`${'a'.repeat(39)}…`);
    expect(text).not.toContain('a'.repeat(41));
  });

  it('names owners as mentions', () => {
    expect(renderListingPage(listing(2))).toContain(
      'Started by: `UUSER0` <@UUSER0>, `UUSER1` <@UUSER1>',
    );
  });

  it('leaves forged owners out of the legend', () => {
    const text = renderListingPage(listing(1, { ownerIds: ['<!channel>'] }));

    expect(text).not.toContain('Started by');
  });

  it('escapes table cells', () => {
    const text = renderListingPage(listing(1, { rows: [['<none>:<none>', '-']] }));

    expect(text).toContain('&lt;none&gt;:&lt;none&gt;');
  });

  it('rejects a page past the end', () => {
    expect(() => renderListingPage(listing(45, { page: 4 }))).toThrow(
      'Page 4 is past the end: 45 rows fill 3 pages.',
    );
  });
});

describe('readPage', () => {
  function pageOf(words: string[]): number {
    return readPage(parseArgs(words, [pageFlag]));
  }

  it('defaults to one', () => {
    expect(pageOf([])).toBe(1);
  });

  it('reads a page number', () => {
    expect(pageOf(['--page', '3'])).toBe(3);
  });

  it.each(['0', '-1', 'two', '1.5', '9999999'])('rejects %s', (value) => {
    expect(() => pageOf([`--page=${value}`])).toThrow(UsageError);
  });
});
