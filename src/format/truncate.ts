/**
 * Shortens text to at most `maxLength` UTF-16 code units, ending it with `…`
 * when something was cut. A surrogate pair is never split.
 */
export function truncateText(text: string, maxLength: number): string {
  if (text.length <= maxLength) {
    return text;
  }

  let end = Math.max(0, maxLength - 1);
  const lastKept = text.charCodeAt(end - 1);
  if (lastKept >= 0xd800 && lastKept <= 0xdbff) {
    end -= 1;
  }
  return `${text.slice(0, end)}…`;
}
