import Koa from 'koa';
import Router from '@koa/router';

/**
 * The baseline, in a process of its own: a bare Koa endpoint on the same routes, answering without
 * reading the body, checking anything or touching Redis (events `{}`, card callbacks a toast).
 */
const app = new Koa();
const router = new Router();
router.post('/webhook/event', (ctx) => { ctx.body = {}; });
router.post('/webhook/card', (ctx) => { ctx.body = { toast: { type: 'success', content: 'ok' } }; });
router.get('/healthz', (ctx) => { ctx.body = { ok: true }; });
app.use(router.routes());
app.listen(Number(process.env.PORT), '127.0.0.1');
