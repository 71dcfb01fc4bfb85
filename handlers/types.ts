import type { CardAction } from '../cards/actions.js';
import type { CommandKey, Role } from '../src/domain/commands.js';
import type { Mention } from '../src/lark/schema.js';
import type { CardEvent, CardAnswer } from '../src/pipeline.js';
import type { HandlerCtx } from './context.js';
import type { Invocation } from './respond.js';

/** A typed command, as its handler receives it (handlers/commands.ts is the registry). */
export interface CommandCall extends Invocation {
  key: CommandKey;
  args: string;
  mentions: Mention[];
  /** The caller's roles (server-side, from the file and Redis), `anyone` included. */
  roles: Role[];
  botOpenId?: string;
  /** The commands this caller may use that are built (help lists these). */
  available: CommandKey[];
}

export type CommandHandler = (cmd: CommandCall, ctx: HandlerCtx) => Promise<void>;

/** A card action handler: answers inline (< 3 s) with a toast and/or a card (handlers/index.ts is the registry). */
export type CardHandler<A extends CardAction['a']> = (
  action: Extract<CardAction, { a: A }>, event: CardEvent, ctx: HandlerCtx,
) => Promise<CardAnswer>;
