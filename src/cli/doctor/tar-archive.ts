const blockSize = 512;

/**
 * Packs small text files into an uncompressed tar archive (POSIX ustar),
 * as the Docker daemon accepts for a build context. Names must fit the
 * 100-byte name field; file modes are 0644 and times are `mtime`.
 */
export function createTarArchive(files: Record<string, string>, mtime = new Date(0)): Buffer {
  const blocks: Buffer[] = [];

  for (const [name, content] of Object.entries(files)) {
    if (Buffer.byteLength(name) > 100 || name === '') {
      throw new RangeError(`Tar entry name "${name}" must be 1 to 100 bytes long.`);
    }
    const data = Buffer.from(content, 'utf8');
    blocks.push(header(name, data.length, mtime), data, Buffer.alloc(padding(data.length)));
  }

  // Two empty blocks end the archive.
  blocks.push(Buffer.alloc(blockSize * 2));
  return Buffer.concat(blocks);
}

function header(name: string, size: number, mtime: Date): Buffer {
  const block = Buffer.alloc(blockSize);
  block.write(name, 0, 100, 'utf8');
  block.write(octal(0o644, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  block.write('0', 156, 'ascii');
  block.write('ustar\u000000', 257, 'ascii');

  // The checksum is the byte sum of the header with its own field as spaces.
  block.fill(' ', 148, 156);
  const checksum = block.reduce((sum, byte) => sum + byte, 0);
  block.write(`${checksum.toString(8).padStart(6, '0')}\u0000 `, 148, 'ascii');
  return block;
}

/** Formats a number as zero-padded octal digits and a NUL, filling a field of `width` bytes. */
function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\u0000`;
}

function padding(size: number): number {
  return (blockSize - (size % blockSize)) % blockSize;
}
