import { describe, expect, it } from 'vitest';
import { FrameDemuxer, type OutputFrame } from '../../src/docker/frame-demuxer.js';
import { LineSplitter } from '../../src/output/line-splitter.js';
import { LineTail } from '../../src/output/line-tail.js';

/** Encodes one frame as the daemon writes it: stream byte, three zero bytes, big-endian length, payload. */
function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header.writeUInt8(stream, 0);
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

function texts(frames: readonly OutputFrame[]): string[] {
  return frames.map((item) => `${item.stream}:${item.payload.toString()}`);
}

describe('FrameDemuxer', () => {
  it('splits frames in one chunk', () => {
    const demuxer = new FrameDemuxer();
    const chunk = Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n'), frame(1, 'more')]);

    expect(texts(demuxer.push(chunk))).toEqual(['stdout:out\n', 'stderr:err\n', 'stdout:more']);
  });

  it('joins a frame split anywhere', () => {
    const bytes = Buffer.concat([frame(1, 'hello'), frame(2, 'world')]);
    for (let cut = 1; cut < bytes.length; cut += 1) {
      const demuxer = new FrameDemuxer();
      const frames = [
        ...demuxer.push(bytes.subarray(0, cut)),
        ...demuxer.push(bytes.subarray(cut)),
      ];

      expect(texts(frames)).toEqual(['stdout:hello', 'stderr:world']);
    }
  });

  it('byte by byte', () => {
    const demuxer = new FrameDemuxer();
    const bytes = frame(2, 'slow');
    const frames = [...bytes].flatMap((byte) => demuxer.push(Buffer.from([byte])));

    expect(texts(frames)).toEqual(['stderr:slow']);
  });

  it('payload never holds header bytes', () => {
    const demuxer = new FrameDemuxer();
    const frames = demuxer.push(Buffer.concat([frame(1, 'a'), frame(1, 'b')]));

    expect(Buffer.concat(frames.map((item) => item.payload)).toString()).toBe('ab');
  });

  it('empty frame', () => {
    expect(texts(new FrameDemuxer().push(frame(1, '')))).toEqual(['stdout:']);
  });

  it('holds an unfinished frame', () => {
    const demuxer = new FrameDemuxer();
    demuxer.push(frame(1, 'partial').subarray(0, 10));

    expect(demuxer.pendingBytes).toBe(10);
  });

  it('raw stream passes through', () => {
    const demuxer = new FrameDemuxer();

    expect(texts(demuxer.push(Buffer.from('plain tty output\n')))).toEqual([
      'stdout:plain tty output\n',
    ]);
    expect(texts(demuxer.push(Buffer.from('more')))).toEqual(['stdout:more']);
  });
});

describe('LineSplitter', () => {
  it('splits lines', () => {
    expect(new LineSplitter().push('stdout', Buffer.from('a\nb\nc'))).toEqual(['a', 'b']);
  });

  it('keeps unfinished line', () => {
    const splitter = new LineSplitter();
    splitter.push('stdout', Buffer.from('hel'));

    expect(splitter.push('stdout', Buffer.from('lo\n'))).toEqual(['hello']);
  });

  it('streams keep separate partials', () => {
    const splitter = new LineSplitter();
    splitter.push('stdout', Buffer.from('out-'));
    const lines = splitter.push('stderr', Buffer.from('err\n'));

    expect(lines).toEqual(['err']);
    expect(splitter.push('stdout', Buffer.from('done\n'))).toEqual(['out-done']);
  });

  it('drops carriage return', () => {
    expect(new LineSplitter().push('stdout', Buffer.from('dos\r\n'))).toEqual(['dos']);
  });

  it('joins split UTF-8 character', () => {
    const splitter = new LineSplitter();
    const bytes = Buffer.from('é\n');
    splitter.push('stdout', bytes.subarray(0, 1));

    expect(splitter.push('stdout', bytes.subarray(1))).toEqual(['é']);
  });

  it('cuts long lines', () => {
    const splitter = new LineSplitter(4);

    expect(splitter.push('stdout', Buffer.from('abcdefghij\n'))).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('bounds a line without breaks', () => {
    const splitter = new LineSplitter(4);

    expect(splitter.push('stdout', Buffer.from('abcdefghij'))).toEqual(['abcd', 'efgh']);
    expect(splitter.end()).toEqual(['ij']);
  });

  it('end returns partials', () => {
    const splitter = new LineSplitter();
    splitter.push('stdout', Buffer.from('last'));
    splitter.push('stderr', Buffer.from('oops'));

    expect(splitter.end()).toEqual(['last', 'oops']);
  });

  it('end skips empty partials', () => {
    const splitter = new LineSplitter();
    splitter.push('stdout', Buffer.from('done\n'));

    expect(splitter.end()).toEqual([]);
  });
});

describe('LineTail', () => {
  function tailOf(lines: readonly string[], maxLines = 100, maxCharacters = 10_000): LineTail {
    const tail = new LineTail(maxLines, maxCharacters);
    lines.forEach((line) => {
      tail.add(line);
    });
    return tail;
  }

  it('keeps newest lines', () => {
    expect(tailOf(['1', '2', '3', '4'], 2).lines()).toEqual(['3', '4']);
  });

  it('counts every line', () => {
    expect(tailOf(['1', '2', '3', '4'], 2).totalLines).toBe(4);
  });

  it('counts dropped lines', () => {
    expect(tailOf(['1', '2', '3', '4'], 2).droppedLines).toBe(2);
  });

  it('bounds characters', () => {
    expect(tailOf(['aaaa', 'bbbb', 'cccc'], 100, 10).lines()).toEqual(['bbbb', 'cccc']);
  });

  it('keeps one oversized line', () => {
    expect(tailOf(['x'.repeat(50)], 100, 10).lines()).toHaveLength(1);
  });

  it('lastWithin fits limit', () => {
    expect(tailOf(['aaaa', 'bbbb', 'cccc']).lastWithin(10)).toEqual(['bbbb', 'cccc']);
  });

  it('lastWithin line cap', () => {
    expect(tailOf(['a', 'b', 'c', 'd']).lastWithin(100, 3)).toEqual(['b', 'c', 'd']);
  });

  it('lastWithin cuts long newest line', () => {
    expect(tailOf(['old', 'abcdefghij']).lastWithin(5)).toEqual(['ghij']);
  });

  it('lastWithin keeps surrogate pairs', () => {
    expect(tailOf(['ab😀cd']).lastWithin(4)).toEqual(['cd']);
  });

  it('lastWithin empty', () => {
    expect(tailOf([]).lastWithin(100)).toEqual([]);
  });
});
