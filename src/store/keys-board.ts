/** Redis keys of the public board (公示), spread into createKeys (src/store/keys.ts). */
export function boardKeys(k: (...parts: string[]) => string) {
  return {
    /** The board's state: generation, when it was posted, pages sent and a content hash per page (JSON). */
    boardState: () => k('board', 'state'),
    /** The generation whose delayed re-post job fired (the next refresh posts a new one). */
    boardRepostDue: () => k('board', 'repost-due'),
  };
}
