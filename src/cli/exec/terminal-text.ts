/**
 * Matches Slack code, which keeps its content as is: fenced blocks
 * (```` ```…``` ````, fences on their own lines as codeBlock writes them)
 * and inline code (`` `…` ``).
 */
const codePattern = /```\n?([\s\S]*?)\n?```|`([^`\n]*)`/g;

/**
 * Marks where a piece of code was taken out, with characters from Unicode's
 * private use area, which Slashdock's messages do not contain.
 */
const placeholderPattern = /\uE000(\d+)\uE001/g;

/**
 * Converts the Slack mrkdwn that commands report into plain text for a
 * terminal. Code keeps its content and loses its backticks. Outside code,
 * mentions and links become plain text, `*bold*`, `_italic_` and `~strike~`
 * lose their markers, and emoji shortcodes are dropped. The entities that
 * escapeSlackText writes (`&lt;`, `&gt;`, `&amp;`) are decoded everywhere.
 */
export function toTerminalText(mrkdwn: string): string {
  const pieces: string[] = [];
  const prose = mrkdwn.replace(codePattern, (_whole, block?: string, inline?: string) => {
    pieces.push(block === undefined ? decodeEntities(inline ?? '') : decodeCodeBlock(block));
    return `\uE000${pieces.length - 1}\uE001`;
  });

  // Emphasis may span a piece of code, as in "_Only `x` can confirm._", so
  // prose is converted as a whole with placeholders standing in for code.
  const plain = decodeEntities(dropEmoji(dropEmphasis(unwrapReferences(prose))));
  return plain.replace(placeholderPattern, (_whole, index: string) => pieces[Number(index)] ?? '');
}

function decodeCodeBlock(content: string): string {
  // codeBlock separates adjacent backticks with a zero-width space so that
  // output cannot close the block; the terminal shows the backticks as sent.
  return decodeEntities(content.replaceAll('`\u200b', '`'));
}

/**
 * Rewrites Slack references: `<@U1>` and `<@U1|name>` become `@U1`,
 * `<#C1|general>` becomes `#general`, `<!here>` becomes `@here`,
 * `<!subteam^S1|@team>` becomes `@team`, `<url|label>` becomes
 * `label (url)` and `<url>` becomes `url`.
 */
function unwrapReferences(text: string): string {
  return text.replace(/<([^<>\n]+)>/g, (_whole, inner: string) => {
    const separator = inner.indexOf('|');
    const target = separator === -1 ? inner : inner.slice(0, separator);
    const label = separator === -1 ? undefined : inner.slice(separator + 1);

    if (target.startsWith('@')) {
      return target;
    }
    if (target.startsWith('#')) {
      return label === undefined ? target : `#${label}`;
    }
    if (target.startsWith('!')) {
      return label ?? `@${target.slice(1).split('^')[0] ?? ''}`;
    }
    return label === undefined || label === target ? target : `${label} (${target})`;
  });
}

/**
 * Removes emphasis markers the way Slack reads them: the marker touches a
 * word on its inside and comes after a space or a line start, so
 * `snake_case` and `2 * 3 * 4` are left alone.
 */
function dropEmphasis(text: string): string {
  let result = text;
  for (const marker of ['*', '_', '~']) {
    const quoted = `\\${marker}`;
    const pattern = new RegExp(
      `(^|[\\s(])${quoted}([^\\s${quoted}](?:[^\\n${quoted}]*[^\\s${quoted}])?)${quoted}(?=$|[\\s).,;:!?])`,
      'gm',
    );
    result = result.replace(pattern, '$1$2');
  }
  return result;
}

/**
 * Drops emoji shortcodes that stand as words (`:x: Build failed`), with the
 * space after one at the start of a line. Times and references such as
 * `12:30:45` or `name:tag:` do not stand alone and are kept.
 */
function dropEmoji(text: string): string {
  return text
    .replace(/^:[a-z0-9_+-]+:(?:[ \t]+|$)/gm, '')
    .replace(/[ \t]+:[a-z0-9_+-]+:(?=[ \t]|$)/gm, '');
}

function decodeEntities(text: string): string {
  // &amp; goes last so that "&amp;lt;" decodes to "&lt;", not "<".
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}
