/**
 * The app: channels (db/bridge.ts appChannels), which only the shell can answer: the native save
 * dialog, backups on demand, the app's folders. Each argument is validated with its zod schema by
 * ipc.ts `validated`; the Electron and file-system work is injected so tests run without Electron.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { appChannels, type AppChannel, type AppChannelResults } from '../db/bridge';
import type { PrintJob } from '../db/letterPrint';
import { validated, type Handler } from './ipc';

/** A file-type filter of the save dialog. */
export interface SaveFilter {
  name: string;
  extensions: string[];
}

/** What the app channels need from Electron and the disk. */
export interface AppServices {
  /** Shows the native save dialog proposing `defaultName`; resolves with the chosen path or null when cancelled. */
  chooseSavePath(defaultName: string, filters: SaveFilter[]): Promise<string | null>;
  /** Writes the file the user chose. */
  writeFile(file: string, bytes: Uint8Array): Promise<void>;
  /** Takes an online backup now; resolves with its path. */
  backupNow(): Promise<string>;
  /** Version and folders. */
  info(): AppChannelResults['app:info'];
  /** Opens a folder in the system file manager; resolves with '' or the error message (shell.openPath). */
  openFolder(folder: string): Promise<string>;
  /**
   * The print jobs of letters (db lettersPrintDocument): one for the batch, or one per letter,
   * each with the file name it proposes.
   */
  letterJobs(letterIds: number[], perLetter: boolean): Promise<{ fileName: string; job: PrintJob }[]>;
  /** A job as PDF bytes through the hidden print window (print.ts printJobToPdf). */
  renderPdf(job: PrintJob): Promise<Uint8Array>;
  /** A job through the system print dialog; resolves false when cancelled (print.ts printJobWithDialog). */
  printWithDialog(job: PrintJob): Promise<boolean>;
  /** Shows the native folder dialog; resolves with the chosen folder or null when cancelled. */
  chooseFolder(): Promise<string | null>;
  /** Notes that letters were printed (db markLettersPrinted); printing is not sending. */
  markLettersPrinted(letterIds: number[]): Promise<void>;
}

/** File names made unique within one folder: "a.pdf", "a-2.pdf", "a-3.pdf"... */
export function uniqueFileNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw) => {
    const name = safeFileName(raw);
    const key = name.toLowerCase();
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n === 1) return name;
    const dot = name.lastIndexOf('.');
    return dot > 0 ? `${name.slice(0, dot)}-${n}${name.slice(dot)}` : `${name}-${n}`;
  });
}

/**
 * A file name the renderer proposes, reduced to a bare name: no folder (the user chooses where in
 * the dialog), none of the characters Windows refuses, no control characters, no leading dots.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[<>:"|?*\u0000-\u001f\u007f]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  return cleaned || 'export';
}

/**
 * Writes `bytes` to `file` through a temporary sibling and a rename, so the chosen file is either
 * the old one or the whole new one, never a half-written export.
 */
export async function writeFileAtomic(file: string, bytes: Uint8Array): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.partial`);
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Builds the handlers of the app: channels over `services`. */
export function createAppHandlers(services: AppServices): Record<AppChannel, Handler> {
  return {
    'app:saveFile': validated(appChannels['app:saveFile'], async (args): Promise<AppChannelResults['app:saveFile']> => {
      const file = await services.chooseSavePath(safeFileName(args.defaultName), args.filters);
      if (!file) return { saved: false, path: null };
      await services.writeFile(file, args.bytes);
      return { saved: true, path: file };
    }),
    'app:backupNow': validated(appChannels['app:backupNow'], async (): Promise<AppChannelResults['app:backupNow']> => ({
      path: await services.backupNow(),
    })),
    'app:info': validated(appChannels['app:info'], async (): Promise<AppChannelResults['app:info']> => services.info()),
    'app:openDataFolder': validated(appChannels['app:openDataFolder'], async (): Promise<AppChannelResults['app:openDataFolder']> => {
      const error = await services.openFolder(services.info().dataFolder);
      if (error) console.warn(`Could not open the data folder: ${error}`);
      return { opened: error === '' };
    }),
    'app:printLetters': validated(appChannels['app:printLetters'], async (args): Promise<AppChannelResults['app:printLetters']> => {
      const [batch] = await services.letterJobs(args.letterIds, false);
      const printed = await services.printWithDialog(batch!.job);
      if (printed) await services.markLettersPrinted(args.letterIds);
      return { printed };
    }),
    'app:saveLettersPdf': validated(appChannels['app:saveLettersPdf'], async (args): Promise<AppChannelResults['app:saveLettersPdf']> => {
      const jobs = await services.letterJobs(args.letterIds, args.perLetter);
      // where first (a cancelled dialog renders nothing), then the PDFs
      let targets: string[];
      if (jobs.length === 1 && !args.perLetter) {
        const file = await services.chooseSavePath(safeFileName(jobs[0]!.fileName), [{ name: 'PDF', extensions: ['pdf'] }]);
        if (!file) return { saved: false, paths: [] };
        targets = [file];
      } else {
        const folder = await services.chooseFolder();
        if (!folder) return { saved: false, paths: [] };
        targets = uniqueFileNames(jobs.map((j) => j.fileName)).map((name) => path.join(folder, name));
      }
      for (const [i, { job }] of jobs.entries()) await services.writeFile(targets[i]!, await services.renderPdf(job));
      await services.markLettersPrinted(args.letterIds);
      return { saved: true, paths: targets };
    }),
  };
}
