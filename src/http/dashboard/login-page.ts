/** The dashboard's login form (plain HTML, no script): the operator types METRICS_TOKEN. */
export function loginPage(action: string, opts: { failed?: boolean } = {}): string {
  const error = opts.failed ? '<p class="err" role="alert">令牌不正确，请重新输入。</p>' : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>队列看板 · 登录</title>
<style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem}
input,button{font-size:1rem;padding:.6rem;width:100%;box-sizing:border-box;margin:.4rem 0}.err{color:#b42318}</style></head>
<body><h1>队列看板</h1><p>请输入访问令牌（METRICS_TOKEN）。登录 30 分钟内有效。</p>${error}
<form method="post" action="${action}"><label for="token">访问令牌</label>
<input id="token" name="token" type="password" autocomplete="current-password" required maxlength="512">
<button type="submit">登录</button></form></body></html>
`;
}
