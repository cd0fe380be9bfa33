import { escapeSlackText } from '../format/slack-escape.js';
import type { Logger } from '../logger.js';

/** The decision Slashdock made on a request. */
export type AuditDecision = 'allowed' | 'denied' | 'rejected' | 'duplicate' | 'redelivered';

/** One request, as the audit trail records it. */
export interface AuditEntry {
  requestId: string;
  team: string;
  channel: string;
  user: string;
  /** The subcommand, or undefined when the text named none that exists. */
  command: string | undefined;
  /** The command text with secrets masked. */
  text: string;
  decision: AuditDecision;
  /** The result of an allowed command. */
  outcome?: 'succeeded' | 'failed';
  /** The reason a request was denied or rejected. */
  reason?: string;
  durationMs: number;
}

/**
 * Writes one JSON log line per request, allowed or not, and copies it to
 * an audit channel when one is configured. The copy never delays or fails
 * the request: a copy Slack refuses is logged and dropped.
 */
export class AuditTrail {
  private readonly logger: Logger;

  constructor(
    logger: Logger,
    private readonly mirror?: (text: string) => Promise<void>,
  ) {
    this.logger = logger.child({ component: 'audit' });
  }

  record(entry: AuditEntry): void {
    this.logger.info({ audit: entry }, 'audit');
    if (this.mirror === undefined) {
      return;
    }
    this.mirror(renderAuditLine(entry)).catch((error: unknown) => {
      this.logger.warn({ err: error, requestId: entry.requestId }, 'audit copy to Slack failed');
    });
  }
}

function renderAuditLine(entry: AuditEntry): string {
  const result =
    entry.outcome === undefined ? entry.decision : `${entry.decision}, ${entry.outcome}`;
  const reason = entry.reason === undefined ? '' : ` (${entry.reason})`;
  const text = escapeSlackText(entry.text.replaceAll('`', "'"));
  return `<@${entry.user}> in <#${entry.channel}>: \`/docker ${text}\` → ${result}${reason}, ${entry.durationMs} ms`;
}
