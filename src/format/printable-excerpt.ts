/**
 * Shortens user input for an error message to `maxLength` characters and
 * shows control and formatting characters as "?", so that an echoed value
 * cannot move the cursor or reverse the text around it.
 */
export function printableExcerpt(text: string, maxLength: number): string {
  const printable = text.replace(/[\p{Cc}\p{Cf}]/gu, '?');
  return printable.length <= maxLength ? printable : `${printable.slice(0, maxLength)}…`;
}
