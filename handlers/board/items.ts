import type { HandlerCtx } from '../context.js';
import { knownPeople } from '../people.js';
import type { BoardItem } from '../../src/domain/board/board.js';
import { toBoardItem } from '../../src/domain/ledger/item.js';

/**
 * Where the public board reads its items: every ledger item as a BoardItem, names resolved the
 * way the ledger cards resolve them (drafts included here; the board leaves them out).
 */
export function boardItemsFrom(ctx: HandlerCtx): () => Promise<BoardItem[]> {
  return async () => {
    const [items, people] = await Promise.all([ctx.store.ledger.list(), knownPeople(ctx)]);
    const now = ctx.now();
    return items.map((i) => toBoardItem(i, people.nameOf, now, ctx.campaign.campaign.timezone));
  };
}
