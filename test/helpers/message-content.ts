/** Returns the text inside the first code block of a message. */
export function codeBlockOf(text: string | undefined): string | undefined {
  return /```\n([\s\S]*?)\n```/.exec(text ?? '')?.[1];
}

/**
 * Returns the content of an uploaded file, without the multipart/form-data
 * envelope the Web API client may send it in.
 */
export function fileText(raw: string): string {
  return /^--[^\r\n]+\r\n[\s\S]*?\r\n\r\n([\s\S]*)\r\n--[^\r\n]+--\r\n$/.exec(raw)?.[1] ?? raw;
}
