export type OutputStream = 'stdout' | 'stderr';

/** One piece of container output, from one stream, as the daemon framed it. */
export interface OutputFrame {
  stream: OutputStream;
  payload: Buffer;
}

const headerLength = 8;

/**
 * Splits the stream the Docker daemon sends for the output of a container
 * without a TTY (attach and logs). Each frame is an 8-byte header, whose
 * byte 0 names the stream (0 stdin, 1 stdout, 2 stderr) and whose bytes 4
 * to 7 hold the payload length as a big-endian integer, followed by the
 * payload. Chunks may end anywhere, even inside a header.
 *
 * A header with another stream byte means the stream is not multiplexed
 * after all (a container with a TTY), so from there on every byte is passed
 * through as stdout, as docker-modem's demuxStream does.
 */
export class FrameDemuxer {
  private buffered: Buffer = Buffer.alloc(0);
  private raw = false;

  push(chunk: Buffer): OutputFrame[] {
    if (this.raw) {
      return chunk.length === 0 ? [] : [{ stream: 'stdout', payload: chunk }];
    }

    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const frames: OutputFrame[] = [];
    let offset = 0;

    while (this.buffered.length - offset >= headerLength) {
      const streamByte = this.buffered.readUInt8(offset);
      if (streamByte > 2) {
        this.raw = true;
        frames.push({ stream: 'stdout', payload: this.buffered.subarray(offset) });
        this.buffered = Buffer.alloc(0);
        return frames;
      }

      const payloadLength = this.buffered.readUInt32BE(offset + 4);
      const frameEnd = offset + headerLength + payloadLength;
      if (frameEnd > this.buffered.length) {
        break;
      }

      // stdin frames never come from the daemon; they are read as stdout.
      const stream: OutputStream = streamByte === 2 ? 'stderr' : 'stdout';
      frames.push({ stream, payload: this.buffered.subarray(offset + headerLength, frameEnd) });
      offset = frameEnd;
    }

    this.buffered = this.buffered.subarray(offset);
    return frames;
  }

  /** Bytes of an unfinished frame held back; not 0 at the end of a stream means it was cut short. */
  get pendingBytes(): number {
    return this.buffered.length;
  }
}
