import { UsageError } from '../errors.js';
import { isSlackUserId } from './mention.js';
import { codeBlock, inlineCode } from './slack-escape.js';
import { renderTable } from './table.js';

export interface ListingRequest {
  /** Title with the count of what is listed, as mrkdwn: `3 containers started by Slashdock`. */
  title: string;
  headers: readonly string[];
  rows: readonly (readonly string[])[];
  /** The Slack user who owns each row, for the legend under the table. */
  ownerIds: readonly (string | undefined)[];
  /** The legend's heading: `Started by` or `Built by`. */
  ownerHeading: string;
  /** The page to show, from 1. */
  page: number;
  /** The command that shows a given page, for the footer: `/docker ps -a --page 2`. */
  commandForPage: (page: number) => string;
  limits?: Partial<ListingLimits>;
}

export interface ListingLimits {
  maxRowsPerPage: number;
  /** Maximum message length in characters, code fences and legend included. */
  maxChars: number;
  /** Longer cells are cut with `…`, so that one long name cannot widen every line. */
  maxCellWidth: number;
}

/**
 * 20 rows stay readable on a laptop screen. 3,000 characters is the maximum
 * Slack accepts in one section block's text, so a page fits there too.
 */
export const defaultListingLimits: ListingLimits = {
  maxRowsPerPage: 20,
  maxChars: 3_000,
  maxCellWidth: 40,
};

/**
 * Renders one page of a listing as mrkdwn: a title, a table in a code
 * block, the owners as Slack mentions (a code block cannot contain
 * mentions), and the command for the next page. Every page contains the same
 * number of rows, the maximum for which each page fits the limits, so that
 * `--page N` shows the same rows however it is reached. Throws a UsageError
 * for a page past the end.
 */
export function renderListingPage(request: ListingRequest): string {
  const limits = { ...defaultListingLimits, ...request.limits };
  const rows = request.rows.map((row) => row.map((cell) => cutCell(cell, limits.maxCellWidth)));
  const rowsPerPage = fittingRowsPerPage(request, rows, limits);
  const pageCount = Math.max(1, Math.ceil(rows.length / rowsPerPage));

  if (request.page > pageCount) {
    throw new UsageError(
      `Page ${request.page} is past the end: ${rows.length} rows fill ${pageCount} ${pageCount === 1 ? 'page' : 'pages'}.`,
    );
  }
  return renderPage(request, rows, rowsPerPage, request.page, pageCount);
}

/** Finds the maximum rows per page, up to the limit, for which every page fits in maxChars. */
function fittingRowsPerPage(
  request: ListingRequest,
  rows: readonly (readonly string[])[],
  limits: ListingLimits,
): number {
  for (let rowsPerPage = limits.maxRowsPerPage; rowsPerPage > 1; rowsPerPage -= 1) {
    const pageCount = Math.max(1, Math.ceil(rows.length / rowsPerPage));
    let fits = true;
    for (let page = 1; page <= pageCount && fits; page += 1) {
      fits = renderPage(request, rows, rowsPerPage, page, pageCount).length <= limits.maxChars;
    }
    if (fits) {
      return rowsPerPage;
    }
  }
  // NOTE: cells cut to maxCellWidth make one row fit the default limits.
  // Custom limits too small for one row give pages that are too long.
  return 1;
}

function renderPage(
  request: ListingRequest,
  rows: readonly (readonly string[])[],
  rowsPerPage: number,
  page: number,
  pageCount: number,
): string {
  const first = (page - 1) * rowsPerPage;
  const pageRows = rows.slice(first, first + rowsPerPage);
  const pageInfo =
    pageCount === 1
      ? ''
      : ` (page ${page} of ${pageCount}, rows ${first + 1}–${first + pageRows.length})`;
  const lines = [
    `*${request.title}*${pageInfo}`,
    codeBlock(renderTable(request.headers, pageRows)),
  ];

  const owners = [
    ...new Set(request.ownerIds.slice(first, first + rowsPerPage).filter(isKnownUser)),
  ];
  if (owners.length > 0) {
    const legend = owners.map((id) => `${inlineCode(id)} <@${id}>`).join(', ');
    lines.push(`${request.ownerHeading}: ${legend}`);
  }
  if (page < pageCount) {
    lines.push(`Next page: ${inlineCode(request.commandForPage(page + 1))}`);
  }
  return lines.join('\n');
}

function isKnownUser(ownerId: string | undefined): ownerId is string {
  return ownerId !== undefined && isSlackUserId(ownerId);
}

function cutCell(cell: string, maxWidth: number): string {
  return cell.length <= maxWidth ? cell : `${cell.slice(0, maxWidth - 1)}…`;
}
