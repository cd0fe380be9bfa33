/**
 * The last lines of some output, bounded by a line count and a character
 * count, plus how many lines passed through in total. Older lines are
 * dropped first.
 */
export class LineTail {
  private readonly kept: string[] = [];
  private keptCharacters = 0;
  private seen = 0;

  constructor(
    private readonly maxLines: number,
    private readonly maxCharacters: number,
  ) {}

  add(line: string): void {
    this.seen += 1;
    this.kept.push(line);
    this.keptCharacters += line.length + 1;

    while (
      this.kept.length > this.maxLines ||
      (this.keptCharacters > this.maxCharacters && this.kept.length > 1)
    ) {
      this.keptCharacters -= (this.kept.shift() ?? '').length + 1;
    }
  }

  /** Lines added so far, including dropped ones. */
  get totalLines(): number {
    return this.seen;
  }

  /** Lines added but no longer kept. */
  get droppedLines(): number {
    return this.seen - this.kept.length;
  }

  lines(): readonly string[] {
    return this.kept;
  }

  /**
   * Returns the newest lines, at most `maxLines`, whose length with a line break
   * after each fits in `limit` characters. A single newest line longer than
   * that is cut to its end.
   */
  lastWithin(limit: number, maxLines = Number.POSITIVE_INFINITY): string[] {
    const chosen: string[] = [];
    let total = 0;
    for (let index = this.kept.length - 1; index >= 0 && chosen.length < maxLines; index -= 1) {
      const line = this.kept[index] ?? '';
      if (total + line.length + 1 > limit) {
        if (chosen.length === 0) {
          // A cut between the halves of a surrogate pair would leave a lone half.
          chosen.push(line.slice(-Math.max(0, limit - 1)).replace(/^[\uDC00-\uDFFF]/, ''));
        }
        break;
      }
      chosen.unshift(line);
      total += line.length + 1;
    }
    return chosen;
  }
}
