import { afterEach } from 'vitest';
import { createApi, type Api } from '../../db/api';
import { openDatabase, type OpenDatabase, type OpenOptions } from '../../db/connection';
import type { Channel, Result } from '../../db/contract';
import type { ChannelResult } from '../../db/api';

const open: OpenDatabase[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

/** A fresh in-memory database with all migrations (and the reference data unless told not to). */
export async function freshDatabase(options: OpenOptions = {}): Promise<OpenDatabase> {
  const handle = await openDatabase(':memory:', options);
  open.push(handle);
  return handle;
}

/** The handler table over a fresh database, with today fixed (default 2026-11-29). */
export async function freshApi(today = '2026-11-29', options: OpenOptions = {}) {
  const handle = await freshDatabase(options);
  return { ...handle, api: createApi(handle.db, { today: () => today }) };
}

/** Unwraps an ok result, failing the test with the error's message otherwise. */
export function ok<C extends Channel>(result: Result<ChannelResult<C>>): ChannelResult<C> {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.data;
}

/** Calls a channel and unwraps its ok result. */
export async function call<C extends Channel>(api: Api, channel: C, args: unknown): Promise<ChannelResult<C>> {
  return ok<C>(await api[channel](args));
}

/** Calls a channel expecting a failure; returns the error. */
export async function fail(api: Api, channel: Channel, args: unknown) {
  const result = await api[channel](args);
  if (result.ok) throw new Error(`expected ${channel} to fail, it answered ${JSON.stringify(result.data).slice(0, 200)}`);
  return result.error;
}
