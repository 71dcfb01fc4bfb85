// Charts from a VChart spec (the `chart_spec` of a card), drawn as plain SVG: bar (vertical or
// horizontal, grouped by seriesField), line/area and pie/donut. Enough to see the data, not VChart.
import { escapeHtml } from './render-markdown.js';

export const PALETTE = ['#3370ff', '#34c724', '#ff8800', '#f54a45', '#7f3bf5', '#2dbeab', '#ffc60a', '#e8457d', '#4954e6', '#8f959e'];
const HEIGHTS = { '16:9': 180, '4:3': 240, '1:1': 300, '2:1': 160 };
const W = 320;

const num = (v) => (Number.isFinite(Number(v)) ? Number(v) : 0);
const short = (s, n) => {
  const chars = [...String(s)];
  return chars.length > n ? `${chars.slice(0, n - 1).join('')}…` : chars.join('');
};
const text = (x, y, s, cls = 'pg-ch-t', anchor = 'middle') =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" text-anchor="${anchor}" class="${cls}">${escapeHtml(s)}</text>`;

function valuesOf(spec) {
  const d = spec.data;
  const first = Array.isArray(d) ? d[0] : d;
  const values = first && typeof first === 'object' ? first.values : undefined;
  return Array.isArray(values) ? values.filter((v) => v && typeof v === 'object') : undefined;
}

function niceMax(max) {
  if (max <= 0) return 0;
  const p = 10 ** Math.floor(Math.log10(max));
  return [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * p).find((m) => m >= max - 1e-9) ?? max;
}

/** The value axis: from a nice minimum (0 unless something is negative) to a nice maximum. */
function domain(nums) {
  const lo = -niceMax(-Math.min(0, ...nums));
  const hi = niceMax(Math.max(0, ...nums));
  return { lo, hi: hi === lo ? lo + 1 : hi };
}

/** Categories in order of appearance, series, and value lookup. */
function table(values, catField, valField, seriesField) {
  const cats = [...new Set(values.map((v) => String(v[catField] ?? '')))];
  const series = seriesField ? [...new Set(values.map((v) => String(v[seriesField] ?? '')))] : [''];
  const at = new Map(values.map((v) => [`${v[catField]}\u0000${seriesField ? v[seriesField] : ''}`, num(v[valField])]));
  const get = (c, s) => at.get(`${c}\u0000${s}`) ?? 0;
  return { cats, series, get, ...domain(values.map((v) => num(v[valField]))) };
}

function legend(names, min = 2) {
  if (names.length < min) return '';
  return `<div class="pg-legend">${names.map((n, i) =>
    `<span><i class="pg-sw pg-s${i % PALETTE.length}"></i>${escapeHtml(n)}</span>`).join('')}</div>`;
}

function bars(spec, values, h) {
  const horizontal = spec.direction === 'horizontal';
  const pick = (f) => (Array.isArray(f) ? f : [f]);
  const [cat, seriesFromX] = pick(horizontal ? spec.yField : spec.xField);
  const val = pick(horizontal ? spec.xField : spec.yField)[0];
  const t = table(values, cat, val, spec.seriesField ?? seriesFromX);
  const stacked = spec.stack === true && t.series.length > 1;
  const { lo, hi } = stacked ? domain(t.cats.map((c) => t.series.reduce((n, s) => n + Math.max(0, t.get(c, s)), 0))) : t;
  const at = (v, size) => (size * (v - lo)) / (hi - lo);
  const labels = spec.label?.visible === true || (horizontal && t.series.length === 1);
  const slots = stacked ? 1 : t.series.length;
  const out = [];
  // Each bar: category index, series index, value, offset (stacked), and where it is drawn.
  const each = (draw) => t.cats.forEach((c, i) => {
    let offset = 0;
    t.series.forEach((s, j) => {
      const v = t.get(c, s);
      draw(i, j, v, offset, stacked ? 0 : j);
      if (stacked) offset += v;
    });
  });
  if (horizontal) {
    // One band per category, whatever the aspect ratio: a phone shows every label.
    const band = 10 + 16 * slots;
    h = t.cats.length * band + 16;
    const left = 84, plotW = W - left - 30;
    t.cats.forEach((c, i) => out.push(text(left - 6, 8 + i * band + band / 2 + 4, short(c, 7), 'pg-ch-t', 'end')));
    if (lo < 0) out.push(`<line x1="${left + at(0, plotW)}" x2="${left + at(0, plotW)}" y1="4" y2="${h - 4}" class="pg-ch-grid"/>`);
    each((i, j, v, offset, slot) => {
      const a = left + at(offset, plotW), b = left + at(offset + v, plotW), y = 8 + i * band + 5 + slot * 16;
      const x = Math.min(a, b), bw = Math.abs(b - a);
      out.push(
        `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${bw.toFixed(1)}" height="14" rx="2" fill="${PALETTE[j % PALETTE.length]}"/>`,
      );
      if (labels && !stacked) out.push(text(v < 0 ? x - 4 : x + bw + 4, y + 11, String(v), 'pg-ch-v', v < 0 ? 'end' : 'start'));
    });
  } else {
    const left = 30, top = 10, plotH = h - 24 - top;
    const band = (W - left - 6) / Math.max(1, t.cats.length);
    const bw = Math.min(28, (band * 0.7) / slots);
    out.push(axis(left, top, plotH, lo, hi));
    t.cats.forEach((c, i) => out.push(text(left + i * band + band / 2, h - 8, short(c, Math.max(2, Math.floor(band / 11))))));
    each((i, j, v, offset, slot) => {
      const x = left + i * band + (band - bw * slots) / 2 + slot * bw;
      const a = top + plotH - at(offset, plotH), b = top + plotH - at(offset + v, plotH);
      const y = Math.min(a, b), bh = Math.abs(a - b);
      out.push(
        `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${bw.toFixed(1)}" height="${bh.toFixed(1)}" ` +
          `rx="2" fill="${PALETTE[j % PALETTE.length]}"/>`,
      );
      if (labels && !stacked) out.push(text(x + bw / 2, y - 3, String(v), 'pg-ch-v'));
    });
  }
  return { svg: out.join(''), h, legend: legend(t.series.filter(Boolean)) };
}

function axis(left, top, plotH, lo, hi) {
  const out = [];
  for (let k = 0; k <= 4; k++) {
    const y = top + plotH - (plotH * k) / 4;
    out.push(`<line x1="${left}" x2="${W - 4}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" class="pg-ch-grid"/>`);
    out.push(text(left - 4, y + 4, String(Math.round((lo + ((hi - lo) * k) / 4) * 100) / 100), 'pg-ch-v', 'end'));
  }
  return out.join('');
}

function lines(spec, values, h, area) {
  const t = table(values, spec.xField, spec.yField, spec.seriesField);
  const left = 30, bottom = 24, top = 12, plotH = h - bottom - top;
  const step = (W - left - 14) / Math.max(1, t.cats.length - 1);
  const out = [axis(left, top, plotH, t.lo, t.hi)];
  const every = Math.ceil(t.cats.length / 6);
  t.cats.forEach((c, i) => { if (i % every === 0) out.push(text(left + 6 + i * step, h - 8, short(c, 6))); });
  t.series.forEach((s, j) => {
    const pts = t.cats.map((c, i) => [left + 6 + i * step, top + plotH - (plotH * (t.get(c, s) - t.lo)) / (t.hi - t.lo)]);
    const colour = PALETTE[j % PALETTE.length];
    const path = pts.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
    const base = (top + plotH - (plotH * -t.lo) / (t.hi - t.lo)).toFixed(1);
    if (area && pts.length) {
      out.push(
        `<polygon points="${left + 6},${base} ${path} ${pts[pts.length - 1][0].toFixed(1)},${base}" ` +
          `fill="${colour}" fill-opacity="0.15"/>`,
      );
    }
    out.push(`<polyline points="${path}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    pts.forEach(([x, y], i) => {
      out.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="2.5" fill="${colour}"/>`);
      if (spec.label?.visible === true) out.push(text(x, y - 5, String(t.get(t.cats[i], s)), 'pg-ch-v'));
    });
  });
  return { svg: out.join(''), h, legend: legend(t.series.filter(Boolean)) };
}

function pie(spec, values) {
  const h = 200, cx = W / 2, cy = h / 2, r = 88;
  const inner = Math.min(0.9, Math.max(0, num(spec.innerRadius))) * r;
  const rows = values.map((v) => ({ name: String(v[spec.categoryField] ?? ''), value: Math.max(0, num(v[spec.valueField])) }));
  const total = rows.reduce((n, x) => n + x.value, 0);
  const out = [];
  let a = -Math.PI / 2;
  rows.forEach((row, i) => {
    if (total === 0 || row.value === 0) return;
    const da = (row.value / total) * Math.PI * 2;
    const colour = PALETTE[i % PALETTE.length];
    if (da >= Math.PI * 2 - 1e-9) {
      out.push(`<circle cx="${cx}" cy="${cy}" r="${r}" fill="${colour}"/>`);
    } else {
      const p = (ang, rad) => `${(cx + rad * Math.cos(ang)).toFixed(1)},${(cy + rad * Math.sin(ang)).toFixed(1)}`;
      const large = da > Math.PI ? 1 : 0;
      out.push(
        `<path d="M${p(a, r)} A${r},${r} 0 ${large} 1 ${p(a + da, r)} L${p(a + da, inner)} ` +
          `${inner > 0 ? `A${inner},${inner} 0 ${large} 0 ${p(a, inner)}` : ''} Z" fill="${colour}"/>`,
      );
      const mid = a + da / 2, lr = (r + inner) / 2 || r / 2;
      if (da > 0.3) out.push(text(cx + lr * Math.cos(mid), cy + lr * Math.sin(mid) + 4, String(row.value), 'pg-ch-pv'));
    }
    a += da;
  });
  if (inner > 0) out.push(`<circle cx="${cx}" cy="${cy}" r="${inner.toFixed(1)}" fill="#fff"/>`);
  if (total === 0) out.push(text(cx, cy, '0'));
  return { svg: out.join(''), h, legend: legend(rows.map((x) => x.name), 1) };
}

/** SVG for a chart element, or the problems that stop it from being drawn. */
export function chartHtml(spec, aspect) {
  const values = valuesOf(spec);
  const errors = [];
  if (!values) errors.push('chart_spec.data: expected { values: [...] }');
  if (!['bar', 'line', 'area', 'pie'].includes(spec.type)) {
    errors.push(`chart_spec.type "${String(spec.type)}" is not drawn by the playground (bar, line, area, pie)`);
  }
  if (errors.length) return { html: '', errors };
  const h0 = HEIGHTS[aspect ?? '16:9'] ?? 180;
  const drawn = spec.type === 'pie'
    ? pie(spec, values)
    : spec.type === 'bar' ? bars(spec, values, h0) : lines(spec, values, h0, spec.type === 'area');
  const title = typeof spec.title?.text === 'string' && spec.title.visible !== false
    ? `<div class="pg-ch-title">${escapeHtml(spec.title.text)}</div>`
    : '';
  const empty = values.length === 0 ? '<div class="pg-ch-empty">（无数据）</div>' : '';
  return {
    html: `<figure class="pg-chart">${title}${empty}` +
      `<svg viewBox="0 0 ${W} ${drawn.h}" role="img">${drawn.svg}</svg>${drawn.legend}</figure>`,
    errors,
  };
}
