import type { CardActionName } from '../../cards/actions.js';
import type { CardHandler } from '../types.js';
import { onLinkList } from './command.js';
import { onLinkCreate, onLinkNew } from './create.js';
import { onLinkExtend, onLinkExtendForm, onLinkQr, onLinkRevoke, onLinkRevokeAsk } from './change.js';

/**
 * The 走访 card actions (`ol.*`), spread into the one registry in handlers/index.ts. The cards are not forwardable and
 * every answer in place holds no address: a link's URL and QR code go to the clicker by direct message only.
 */
export const outreachCardHandlers = {
  'ol.list': onLinkList,
  'ol.new': onLinkNew,
  'ol.create': onLinkCreate,
  'ol.qr': onLinkQr,
  'ol.extendForm': onLinkExtendForm,
  'ol.extend': onLinkExtend,
  'ol.revokeAsk': onLinkRevokeAsk,
  'ol.revoke': onLinkRevoke,
} satisfies { [A in `ol.${string}` & CardActionName]: CardHandler<A> };
