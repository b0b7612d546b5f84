import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { nodeOutputFs, type OutputFs } from './output-fs.ts';
import { OutputWriteError, type OutputFile } from './write.ts';

/**
 * Writes files into a folder that others write into too (a sweep folder, where batch tasks add
 * runs side by side), each file replaced on its own: written under a fresh random name, created
 * exclusively so that nothing planted there is followed, then renamed over the file. A reader sees
 * each file whole, the earlier one or the new one. Unlike OutputFolder, the folder is never swapped.
 */
export function writeFilesInFolder(dir: string, files: OutputFile[], fs: OutputFs = nodeOutputFs): string[] {
  const staged: { temp: string; final: string }[] = [];
  try {
    fs.mkdir(dir);
    for (const file of files) {
      const final = path.join(dir, file.name);
      const temp = path.join(dir, `.${file.name}.${randomBytes(6).toString('hex')}.tmp`);
      fs.writeNew(temp, file.content);
      staged.push({ temp, final });
    }
    for (const { temp, final } of staged) fs.rename(temp, final);
  } catch (error) {
    for (const { temp } of staged) {
      try {
        fs.remove(temp);
      } catch {
        // a hidden .tmp name, ignored by readers
      }
    }
    throw new OutputWriteError(dir, error);
  }
  return staged.map((s) => s.final);
}
