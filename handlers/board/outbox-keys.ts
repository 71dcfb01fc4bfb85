/** Outbox keys of the public board (公示), under `board-` (see handlers/outbox-keys.ts). */

/** Page `page` (1-based) of board generation `gen`: one logical message each. */
export const boardMessageKey = (gen: number, page: number) => `board-${gen}-p${page}`;
