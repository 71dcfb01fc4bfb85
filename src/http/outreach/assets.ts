import { shortDigest } from '../../domain/digest.js';

/**
 * The page's only assets, served from our own origin (the CSP allows nothing else): a small style sheet and a few
 * lines of plain JavaScript that only add comfort (a character counter; the contact input shown when its box is
 * ticked). Without JavaScript the page works the same, the contact input simply always shown.
 */

const CSS = `*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}
body{margin:0;font:17px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f2329;\
background:#f5f6f7;overflow-wrap:anywhere}
main{max-width:640px;margin:0 auto;padding:12px 14px 32px}
h1{font-size:1.3em;line-height:1.35;margin:.3em 0}h2{font-size:1.1em;margin:.2em 0 .4em}
.note{color:#646a73;font-size:.9em;margin:.3em 0}
.box{background:#fff;border-radius:10px;padding:14px;margin:12px 0}
label,legend{display:block;margin:.8em 0 .3em;font-weight:600;padding:0}
select,textarea,input[type=text]{display:block;width:100%;max-width:100%;font:inherit;padding:11px 12px;border:1px solid #c9cdd4;\
border-radius:8px;background:#fff;color:inherit;min-height:48px}
textarea{min-height:168px;resize:vertical}
label.check{display:flex;align-items:center;gap:10px;font-weight:400;min-height:48px;margin:.6em 0 0}
.check input{width:24px;height:24px;margin:0;flex:none}
fieldset{border:0;margin:0;padding:0;min-width:0}
.opts{display:flex;flex-wrap:wrap;gap:8px}
.opts label{display:flex;align-items:center;gap:6px;margin:0;font-weight:400;padding:8px 14px;border:1px solid #c9cdd4;\
border-radius:24px;background:#fff;min-height:44px}
.opts input{width:20px;height:20px;margin:0}
.subj{margin:.9em 0 0;font-weight:700;color:#1456f0}
button{display:block;width:100%;font:inherit;font-weight:600;padding:13px;border:0;border-radius:10px;background:#1456f0;color:#fff;\
min-height:52px;margin-top:18px}
button:disabled{background:#8fa9e8}
.err{background:#fff1f0;border:1px solid #f5a9a3;border-radius:8px;padding:10px 14px;color:#a8071a}
.err ul{margin:.3em 0 0;padding-left:1.2em}
.code{font-size:2em;font-weight:700;letter-spacing:.08em;text-align:center;margin:.3em 0;font-variant-numeric:tabular-nums}
.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
a{color:#1456f0}[hidden]{display:none!important}
`;

const JS = `(function(){
var t=document.getElementById('text'),c=document.getElementById('count');
if(t&&c){var u=function(){c.textContent=c.getAttribute('data-label')+' '+Array.from(t.value).length+' / '+t.maxLength;};
t.addEventListener('input',u);u();}
var w=document.getElementById('wish'),b=document.getElementById('contact-box');
if(w&&b){var s=function(){b.hidden=!w.checked;};w.addEventListener('change',s);s();}
var f=document.querySelector('form[data-once]');
if(f)f.addEventListener('submit',function(){var x=f.querySelector('button');if(x)setTimeout(function(){x.disabled=true;},0);});
})();
`;

export const ASSETS = {
  'page.css': { type: 'text/css; charset=utf-8', body: CSS },
  'page.js': { type: 'text/javascript; charset=utf-8', body: JS },
} as const;
export type AssetName = keyof typeof ASSETS;

/** An asset's address, versioned by its content, so it can be cached for a year. */
export const assetPath = (name: AssetName) => `/o/assets/${name}?v=${shortDigest(ASSETS[name].body, 10, 'hex')}`;
