/**
 * The renderer's only door to the data: `window.api.invoke` wrapped so that a failure becomes a
 * thrown ApiError (code + the API's own message), and TanStack Query hooks keyed by channel and
 * arguments. Every write invalidates the cache: the data is one local file and a refetch of the
 * visible queries is cheap, while guessing which queries a write touches is error-prone.
 */
import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ChannelResult } from '../../../db/api';
import type { AppChannel, AppChannelResults, appChannels } from '../../../db/bridge';
import type { Channel, ChannelArgs, ErrorCode, Result } from '../../../db/contract';

export type AnyChannel = Channel | AppChannel;
export type ArgsOf<C extends AnyChannel> = C extends Channel ? ChannelArgs<C> : C extends AppChannel ? z.input<(typeof appChannels)[C]> : never;
export type ResultOf<C extends AnyChannel> = C extends Channel ? ChannelResult<C> : C extends AppChannel ? AppChannelResults[C] : never;

/** A failure answered by the API: `rule` errors carry a sentence meant for the user; `headers`, an import's header row to map. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'no_bridge',
    message: string,
    readonly headers?: string[],
    /** The argument a rule is about (db/errors.ts DomainError.field). */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Calls a channel; resolves with its data or rejects with an ApiError. */
export async function call<C extends AnyChannel>(channel: C, args: ArgsOf<C>): Promise<ResultOf<C>> {
  if (typeof window.api?.invoke !== 'function') throw new ApiError('no_bridge', 'The application bridge is missing.');
  const invoke = window.api.invoke as (c: string, a: unknown) => Promise<Result<unknown>>;
  const result = await invoke(channel, args);
  if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.headers, result.error.field);
  return result.data as ResultOf<C>;
}

/** A read through TanStack Query, cached under [channel, args]. */
export function useApiQuery<C extends AnyChannel>(
  channel: C,
  args: ArgsOf<C>,
  options: Omit<UseQueryOptions<ResultOf<C>, ApiError>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery<ResultOf<C>, ApiError>({ queryKey: [channel, args], queryFn: () => call(channel, args), ...options });
}

/** A write; on success every cached read is invalidated (see the module comment). */
export function useApiMutation<C extends AnyChannel>(channel: C) {
  const client = useQueryClient();
  return useMutation<ResultOf<C>, ApiError, ArgsOf<C>>({
    mutationFn: (args) => call(channel, args),
    onSuccess: () => client.invalidateQueries(),
  });
}

/** The message to show for any error (an ApiError's own sentence, else a generic one). */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
