/**
 * The full output of one build, kept for the log file uploaded to the
 * thread. Memory stays bounded: past `maxBytes`, further lines are counted
 * but not kept, and the log says how many were dropped.
 */
export class BuildLog {
  private readonly lines: string[] = [];
  private keptBytes = 0;
  private droppedLines = 0;

  constructor(private readonly maxBytes = 20_000_000) {}

  add(line: string): void {
    const size = Buffer.byteLength(line) + 1;
    if (this.keptBytes + size > this.maxBytes) {
      this.droppedLines += 1;
      return;
    }
    this.lines.push(line);
    this.keptBytes += size;
  }

  get isEmpty(): boolean {
    return this.lines.length === 0 && this.droppedLines === 0;
  }

  toString(): string {
    const text = this.lines.join('\n');
    if (this.droppedLines === 0) {
      return text;
    }
    return `${text}\n[Slashdock: ${this.droppedLines} more lines were dropped because the log passed ${Math.round(this.maxBytes / 1_000_000)} MB]`;
  }
}
