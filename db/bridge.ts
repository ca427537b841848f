/**
 * What the preload exposes to the renderer as `window.api`, and the few channels that only the
 * shell can answer (native save dialog, backups, the data folder). The e2e harness binds the same
 * shape to the same handler table, with its own answers for the `app:` channels.
 */
import { z } from 'zod';
import type { ChannelResult } from './api';
import type { Channel, ChannelArgs, Result } from './contract';

export const appChannels = {
  /** Save bytes through the native save dialog. */
  'app:saveFile': z.strictObject({
    defaultName: z.string().min(1).max(200),
    bytes: z.instanceof(Uint8Array),
    filters: z.array(z.strictObject({ name: z.string().max(100), extensions: z.array(z.string().regex(/^[a-z0-9]+$/)).max(10) })).max(10).default([]),
  }),
  /** Back the database up now into the backups folder. */
  'app:backupNow': z.strictObject({}).default({}),
  /** Version, data folder, backups folder. */
  'app:info': z.strictObject({}).default({}),
  /** Show the data folder in the system file manager. */
  'app:openDataFolder': z.strictObject({}).default({}),
  /** Print reminder letters through the system print dialog (a hidden window, A4). */
  'app:printLetters': z.strictObject({ letterIds: z.array(z.number().int().positive()).min(1, 'choose at least one letter').max(1000) }),
  /** Save reminder letters as PDF: one file for the batch, or one file per letter in a chosen folder. */
  'app:saveLettersPdf': z.strictObject({ letterIds: z.array(z.number().int().positive()).min(1, 'choose at least one letter').max(1000), perLetter: z.boolean().default(false) }),
} as const;
export type AppChannel = keyof typeof appChannels;

export interface AppChannelResults {
  'app:saveFile': { saved: boolean; path: string | null };
  'app:backupNow': { path: string };
  'app:info': { version: string; dataFolder: string; databaseFile: string; backupsFolder: string };
  'app:openDataFolder': { opened: boolean };
  /** printed: false when the dialog was cancelled. Printed letters are marked printed (not sent). */
  'app:printLetters': { printed: boolean };
  /** saved: false when the save dialog was cancelled; paths of the files written. */
  'app:saveLettersPdf': { saved: boolean; paths: string[] };
}

/** Commands the native menu sends to the renderer. */
export const MENU_COMMANDS = ['new-request', 'import', 'export', 'about', 'settings'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export interface WindowApi {
  invoke<C extends Channel>(channel: C, args: ChannelArgs<C>): Promise<Result<ChannelResult<C>>>;
  invoke<C extends AppChannel>(channel: C, args: z.input<(typeof appChannels)[C]>): Promise<Result<AppChannelResults[C]>>;
  /** Subscribes to menu commands; returns the unsubscribe function. */
  onMenu(listener: (command: MenuCommand) => void): () => void;
}
