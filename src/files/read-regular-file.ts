import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

export type RegularFileRead =
  | { bytes: Buffer }
  | { problem: 'not-found' | 'folder' | 'not-regular' }
  | { problem: 'too-large'; size: number }
  | { problem: 'unreadable'; reason: string };

/**
 * The bytes of a regular file of at most `maxBytes`, read without trusting it: a device such as
 * /dev/zero or a FIFO is refused (a FIFO is opened without waiting for a writer), and the size is
 * known before anything is read, so memory stays bounded.
 */
export function readRegularFile(file: string, maxBytes: number): RegularFileRead {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { problem: 'not-found' };
    if (code === 'EISDIR') return { problem: 'folder' };
    return { problem: 'unreadable', reason: (error as Error).message };
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { problem: 'folder' };
    if (!stat.isFile()) return { problem: 'not-regular' };
    if (stat.size > maxBytes) return { problem: 'too-large', size: stat.size };
    const bytes = Buffer.alloc(stat.size);
    let got = 0;
    for (let n = 1; got < bytes.length && n > 0; got += n) n = readSync(fd, bytes, got, bytes.length - got, got);
    return { bytes: bytes.subarray(0, got) };
  } catch (error) {
    return { problem: 'unreadable', reason: (error as Error).message };
  } finally {
    closeSync(fd);
  }
}
