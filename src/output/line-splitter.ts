import { StringDecoder } from 'node:string_decoder';
import type { OutputStream } from '../docker/frame-demuxer.js';

/**
 * Turns the bytes of stdout and stderr into whole lines, in the order their
 * line breaks arrive. Each stream keeps its own unfinished line and UTF-8
 * decoder, so a line or a character split across frames comes out whole.
 * A trailing carriage return is dropped, and a line longer than
 * `maxLineLength` characters is cut into pieces, so that output without
 * line breaks cannot grow memory without bound.
 */
export class LineSplitter {
  private readonly streams = new Map<OutputStream, { decoder: StringDecoder; partial: string }>();

  constructor(private readonly maxLineLength = 16_384) {}

  /** Adds output of one stream and returns the lines it completed. */
  push(stream: OutputStream, payload: Buffer): string[] {
    const state = this.stateOf(stream);
    const pieces = (state.partial + state.decoder.write(payload)).split('\n');
    state.partial = pieces.pop() ?? '';

    const lines = pieces.flatMap((line) => this.cut(line.replace(/\r$/, '')));
    while (state.partial.length > this.maxLineLength) {
      lines.push(state.partial.slice(0, this.maxLineLength));
      state.partial = state.partial.slice(this.maxLineLength);
    }
    return lines;
  }

  /** Returns the unfinished line of each stream, in the order the streams first sent output, once the output has ended. */
  end(): string[] {
    const lines: string[] = [];
    for (const state of this.streams.values()) {
      const rest = (state.partial + state.decoder.end()).replace(/\r$/, '');
      state.partial = '';
      if (rest !== '') {
        lines.push(...this.cut(rest));
      }
    }
    return lines;
  }

  private cut(line: string): string[] {
    if (line.length <= this.maxLineLength) {
      return [line];
    }
    const pieces: string[] = [];
    for (let start = 0; start < line.length; start += this.maxLineLength) {
      pieces.push(line.slice(start, start + this.maxLineLength));
    }
    return pieces;
  }

  private stateOf(stream: OutputStream): { decoder: StringDecoder; partial: string } {
    let state = this.streams.get(stream);
    if (state === undefined) {
      state = { decoder: new StringDecoder('utf8'), partial: '' };
      this.streams.set(stream, state);
    }
    return state;
  }
}
