/**
 * The IPC entry point of the main process. ONE ipcMain.handle('api', (event, channel, args)) for
 * every channel rather than one handle per channel: the sender check and the channel allow-list
 * then sit in exactly one place that no new channel can bypass, and an unknown channel gets a
 * Result like every other failure instead of Electron's "No handler registered" rejection.
 * Arguments are validated by the handler table itself (db/api.ts for the contract, the app
 * channels below for the shell), all with zod and the same `{ok:false, error}` shape.
 */
import type { z } from 'zod';
import { describeZodError } from '../db/api';
import type { ErrorCode, Result } from '../db/contract';
import { INVOKE_CHANNEL } from './channels';

/** A channel's handler: unvalidated argument in, Result out (it should never throw). */
export type Handler = (args: unknown) => Promise<Result<unknown>>;
/** Channel name -> handler. */
export type HandlerTable = Readonly<Record<string, Handler>>;

/** The slice of Electron's ipcMain this module uses; tests pass a stand-in. */
export interface IpcMainLike<E> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => unknown): void;
}

/** A failed Result. */
export function failure(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/**
 * Wraps `run` so that its argument is parsed with `schema` first: a malformed argument answers
 * `invalid_argument` with the field and the reason, a throw answers `internal`. The app channels
 * use it, so they validate exactly like the contract channels of db/api.ts.
 */
export function validated<S extends z.ZodType, T>(schema: S, run: (args: z.output<S>) => Promise<T>): Handler {
  return async (raw) => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return failure('invalid_argument', describeZodError(parsed.error));
    try {
      return { ok: true, data: await run(parsed.data) };
    } catch (error) {
      return failure('internal', error instanceof Error ? error.message : String(error));
    }
  };
}

/**
 * Registers the one IPC handler.
 * @param ipcMain Electron's ipcMain (or a stand-in).
 * @param handlers the table of every channel the renderer may call.
 * @param isTrustedSender decides whether the event comes from the app's own main frame
 *   (security.ts isTrustedSender); a refused call answers `forbidden` and runs nothing.
 */
export function registerIpc<E>(ipcMain: IpcMainLike<E>, handlers: HandlerTable, isTrustedSender: (event: E) => boolean): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel, args) => {
    let trusted = false;
    try {
      trusted = isTrustedSender(event);
    } catch {
      trusted = false;
    }
    if (!trusted) {
      console.warn(`Refused an IPC call to ${String(channel).slice(0, 100)} from a frame that is not the app's window.`);
      return failure('forbidden', "This call did not come from the app's own window.");
    }
    // Own properties only: "__proto__" or "constructor" must not reach Object.prototype.
    if (typeof channel !== 'string' || !Object.hasOwn(handlers, channel)) {
      return failure('unknown_channel', `There is no channel named ${JSON.stringify(String(channel)).slice(0, 100)}.`);
    }
    try {
      return await handlers[channel]!(args);
    } catch (error) {
      return failure('internal', error instanceof Error ? error.message : String(error));
    }
  });
}
