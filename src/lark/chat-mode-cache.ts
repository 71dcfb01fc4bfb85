import type { ChatMode, LarkApi } from './api.js';

/** How many chats' modes one process remembers (the oldest is forgotten first). */
const MAX_CHATS = 20_000;

/**
 * The same LarkApi, with `chatMode` asked of Lark once per chat: a chat's mode never changes. Only
 * definite answers are kept (a chat the bot is not in may have it added later); failures are not kept.
 * In memory only, keyed by chat id: nothing about who asked.
 */
export function withChatModeCache<L extends LarkApi>(lark: L, max = MAX_CHATS): L {
  const modes = new Map<string, ChatMode>();
  return {
    ...lark,
    async chatMode(chatId: string): Promise<ChatMode | undefined> {
      const known = modes.get(chatId);
      if (known) return known;
      const mode = await lark.chatMode(chatId);
      if (mode) {
        if (modes.size >= max) modes.delete(modes.keys().next().value!);
        modes.set(chatId, mode);
      }
      return mode;
    },
  };
}
