import type { KnownBlock } from '@slack/types';
import type { ReportAction } from '../reporter.js';

/** Slack rejects a section whose text is longer than this. */
export const maxSectionTextLength = 3_000;

/**
 * Builds the blocks of a status message: its text in one section, then its
 * buttons. Text longer than a section allows is cut at a line break, and
 * a code block cut in two is closed again.
 */
export function statusBlocks(text: string, actions: readonly ReportAction[]): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: fitSectionText(text) } },
  ];
  if (actions.length > 0) {
    blocks.push({
      type: 'actions',
      elements: actions.map((action) => ({
        type: 'button',
        action_id: action.actionId,
        text: { type: 'plain_text', text: action.label },
        value: action.value,
        ...(action.style === undefined ? {} : { style: action.style }),
      })),
    });
  }
  return blocks;
}

/** Cuts mrkdwn to fit one section, keeping code fences balanced and characters whole. */
export function fitSectionText(text: string, limit = maxSectionTextLength): string {
  if (text.length <= limit) {
    return text;
  }
  const marker = '\n…';
  const closing = '\n```';
  let cut = Array.from(text.slice(0, limit - marker.length - closing.length)).join('');
  // Array.from splits by code point; a cut inside a surrogate pair leaves a lone half.
  if (/[\uD800-\uDBFF]$/.test(cut)) {
    cut = cut.slice(0, -1);
  }
  const lastBreak = cut.lastIndexOf('\n');
  if (lastBreak > limit / 2) {
    cut = cut.slice(0, lastBreak);
  }
  const fences = cut.split('```').length - 1;
  return fences % 2 === 1 ? `${cut}${closing}${marker}` : `${cut}${marker}`;
}
