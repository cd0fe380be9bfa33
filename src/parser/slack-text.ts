/**
 * Turns the text Slack sends with a slash command back into what the person
 * typed. Slack escapes `&`, `<` and `>` as HTML entities, wraps links as
 * `<https://x>` or `<https://x|label>`, mentions as `<@U123>` or
 * `<@U123|name>`, and channels as `<#C123|name>`.
 * Links keep their URL, mentions become `@U123` and channels `#C123`.
 */
export function unescapeSlackText(text: string): string {
  const unwrapped = text.replace(/<([^<>]*)>/g, (_whole, inner: string) =>
    unwrapSlackReference(inner),
  );
  return decodeEntities(unwrapped);
}

function unwrapSlackReference(inner: string): string {
  const [target, label] = splitOnce(inner, '|');

  if (target.startsWith('@') || target.startsWith('#')) {
    return target;
  }
  if (target.startsWith('!')) {
    // Special mentions such as <!here> or <!subteam^S1|@team>: keep the label
    // (or the keyword), never the raw markup.
    return label ?? target.slice(1);
  }
  // Slack links bare text it recognises: `git@github.com` arrives as
  // <mailto:git@github.com|git@github.com> and `github.com/acme/api` as
  // <http://github.com/acme/api|github.com/acme/api>. The label is then what
  // the person typed, and the scheme Slack invented must not be trusted.
  if (label !== undefined && (target === `mailto:${label}` || /^https?:\/\//.test(target))) {
    const withoutScheme = target.replace(/^https?:\/\//, '');
    if (target.startsWith('mailto:') || withoutScheme === label || withoutScheme === `${label}/`) {
      return label;
    }
  }
  return target;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const index = text.indexOf(separator);
  return index === -1 ? [text, undefined] : [text.slice(0, index), text.slice(index + 1)];
}

function decodeEntities(text: string): string {
  // &amp; goes last so that "&amp;lt;" decodes to "&lt;", not "<".
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}
