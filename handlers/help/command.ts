import type { CommandKey, Role } from '../../src/domain/commands.js';
import { helpCard } from '../../cards/help.js';
import type { HandlerCtx } from '../context.js';
import { respond } from '../respond.js';
import type { CommandCall } from '../types.js';

export function helpCardFor(roles: readonly Role[], available: readonly CommandKey[], ctx: HandlerCtx) {
  return helpCard({ roles, commands: available, campaignName: ctx.campaign.campaign.name });
}

/** The help card lists only what the caller's roles allow, and only features that are built. */
export async function onHelp(cmd: CommandCall, ctx: HandlerCtx): Promise<void> {
  await respond(cmd, { type: 'card', card: helpCardFor(cmd.roles, cmd.available, ctx) }, ctx);
}
