import { BuildLog } from '../build/build-log.js';
import { FrameDemuxer } from '../docker/frame-demuxer.js';
import { LineSplitter } from '../output/line-splitter.js';
import { LineTail } from '../output/line-tail.js';

/** Most bytes of output kept for the file uploaded at the end; later lines are counted only. */
const maxLogBytes = 10_000_000;

/**
 * The output of an attached container: the daemon's multiplexed stream in,
 * masked lines out, kept twice. A short tail feeds the status message, and
 * a bounded full log becomes the file in the thread.
 */
export class RunOutput {
  readonly tail = new LineTail(100, 20_000);
  readonly log = new BuildLog(maxLogBytes);
  private readonly demuxer = new FrameDemuxer();
  private readonly splitter = new LineSplitter();

  constructor(private readonly mask: (text: string) => string) {}

  /** Adds a chunk of the attach stream; returns whether it completed a line. */
  write(chunk: Buffer): boolean {
    let added = false;
    for (const frame of this.demuxer.push(chunk)) {
      for (const line of this.splitter.push(frame.stream, frame.payload)) {
        this.add(line);
        added = true;
      }
    }
    return added;
  }

  /** Adds the last unfinished lines once the stream has ended. */
  end(): void {
    for (const line of this.splitter.end()) {
      this.add(line);
    }
  }

  private add(line: string): void {
    const masked = this.mask(line);
    this.tail.add(masked);
    this.log.add(masked);
  }
}
