/**
 * The names that cross the preload bridge, with no schema attached: the sandboxed preload is one
 * small bundle and must not carry zod or the database code. The type checks below make `tsc -b`
 * fail when db/contract.ts or db/bridge.ts gains or loses a channel or menu command that is not
 * mirrored here, so the two lists cannot drift apart.
 */
import type { AppChannel, MenuCommand } from '../db/bridge';
import type { Channel } from '../db/contract';

/** The one ipcMain.handle channel; the contract channel travels as its first argument. */
export const INVOKE_CHANNEL = 'api';
/** The main -> renderer event that carries menu commands. */
export const MENU_EVENT = 'menu';

/** Every channel of db/contract.ts, answered by the handler table of db/api.ts. */
export const DB_CHANNEL_NAMES = [
  'requests:list',
  'requests:get',
  'requests:create',
  'requests:update',
  'documents:record',
  'documents:correct',
  'documents:delete',
  'documents:history',
  'visits:record',
  'visits:correct',
  'visits:delete',
  'states:list',
  'states:get',
  'states:create',
  'states:update',
  'mandates:list',
  'mandates:get',
  'mandates:create',
  'mandates:update',
  'holders:list',
  'holders:create',
  'holders:update',
  'import:preview',
  'import:commit',
  'export:requests',
  'settings:get',
  'settings:set',
  'indicators:get',
  'indicators:requests',
  'indicators:export',
  'review:start',
  'review:get',
  'review:list',
  'review:decide',
  'review:close',
  'review:status',
  'letters:settings:get',
  'letters:settings:set',
  'letters:prepare',
  'letters:list',
  'letters:update',
  'letters:document',
  'letters:markPrinted',
  'letters:confirmSent',
] as const satisfies readonly Channel[];

/** The channels only the shell answers (db/bridge.ts appChannels). */
export const APP_CHANNEL_NAMES = ['app:saveFile', 'app:backupNow', 'app:info', 'app:openDataFolder', 'app:printLetters', 'app:saveLettersPdf'] as const satisfies readonly AppChannel[];

/** db/bridge.ts MENU_COMMANDS, repeated here because bridge.ts imports zod. */
export const MENU_COMMAND_NAMES = ['new-request', 'import', 'export', 'about', 'settings'] as const satisfies readonly MenuCommand[];

// Compile-time completeness: each alias errors ("does not satisfy the constraint 'never'") and
// names what is missing when the contract has a name these lists lack.
type Complete<Missing extends never> = Missing;
export type DbChannelsComplete = Complete<Exclude<Channel, (typeof DB_CHANNEL_NAMES)[number]>>;
export type AppChannelsComplete = Complete<Exclude<AppChannel, (typeof APP_CHANNEL_NAMES)[number]>>;
export type MenuCommandsComplete = Complete<Exclude<MenuCommand, (typeof MENU_COMMAND_NAMES)[number]>>;

const invokable: ReadonlySet<string> = new Set<string>([...DB_CHANNEL_NAMES, ...APP_CHANNEL_NAMES]);
const menuCommands: ReadonlySet<string> = new Set<string>(MENU_COMMAND_NAMES);

/** True when the renderer may invoke `name` (a contract channel or an app channel). */
export function isInvokableChannel(name: unknown): name is Channel | AppChannel {
  return typeof name === 'string' && invokable.has(name);
}

/** True when `value` is one of the menu commands the renderer understands. */
export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && menuCommands.has(value);
}
