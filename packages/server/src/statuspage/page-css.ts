import { createHash } from 'node:crypto';

/**
 * The public page's one stylesheet. Light by default, dark by prefers-color-scheme;
 * the page's own colours come in as --brand and --header. Status is never shown by
 * colour alone: every status has its words beside it.
 *
 * The daily bars are drawn, not written out (a page of 500 components wrote 90
 * elements each, 715 KB, mostly `<i></i>`): `.bars` paints every day operational, or
 * without data before `.fromN` (the component's first day); only a day that was not
 * operational is an element, placed by `.atN`. Days are fractions of the one width,
 * so they line up across components at any width. The day gaps are 1px stripes in
 * the panel's colour painted over it all (`::after`). A day's element covers the
 * whole bar and paints only its day, by gradient too: Chrome rounds a box to whole
 * pixels from its own offset, so an element placed by `left` and `width` could end a
 * pixel off the stripes and show a sliver of the next day's colour, and a clip edge
 * is blended where the bar sits on a fraction of a pixel; gradients in boxes of the
 * one size are rasterized alike, so a day's colour always ends under its stripe
 * (checked at widths 600-1400 px, device pixel ratios 1 to 2). The clip, wider
 * than the day and cutting only transparent pixels, is there so that hovering a day
 * shows its own title. The stripes start a nudge, half a day's share of a pixel,
 * after each day's end: on whole-pixel widths no stripe edge then falls on a pixel
 * centre, where rounding drew it 0 or 2 pixels wide. The negative right margin hangs
 * the last day's gap outside, as flex's `gap` left none there.
 */
export function pageCss(days: number): string {
  const percent = (n: number) => `${+((n * 100) / days).toFixed(4)}%`;
  const nudge = `${+(1 / (2 * days)).toFixed(6)}px`;
  const gaps = `repeating-linear-gradient(90deg,var(--panel) ${nudge},transparent 0 calc(var(--day) - 1px + ${nudge}),var(--panel) 0 calc(var(--day) + ${nudge}))`;
  const at = Array.from({ length: days }, (_, n) => `.at${n}{--at:${percent(n)}}`).join('');
  const from = Array.from({ length: days }, (_, n) => `.from${n + 1}{--from:${percent(n + 1)}}`).join('');
  return `${BASE}.bars{--day:calc(100%/${days})}.bars::after{background:${gaps}}${at}${from}.legend::before{content:"${days} days ago"}`;
}

/** A page's one style block, the page's colours first, and its hash for the CSP (documents.ts `pageHeaders`). */
export function pageStyle(settings: { brand_color: string; header_color: string }, css: string): { style: string; hash: string } {
  const style = `:root{--brand:${settings.brand_color};--header:${settings.header_color}}${css}`;
  return { style, hash: createHash('sha256').update(style).digest('base64') };
}

const BASE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f6f8fa;color:#1f2328}
a{color:var(--brand)}
.wrap{max-width:860px;margin:0 auto;padding:0 16px}
.top{background:var(--header);color:#fff;padding:16px 0}
.top .title{font-size:1.4rem;font-weight:600}
.logo{max-height:40px;max-width:240px;display:block}
h1{font-size:1.25rem;margin:0}
h2{font-size:1.1rem;margin:28px 0 10px}
h3{font-size:1rem;margin:0 0 6px}
.overall{margin:20px 0;padding:16px;border-radius:8px;color:#fff;background:#1a7f37}
.indicator-minor{background:#9a6700}
.indicator-major{background:#bc4c00}
.indicator-critical{background:#cf222e}
.incident{background:#fff;border:1px solid #d0d7de;border-left:6px solid #9a6700;border-radius:8px;padding:12px 14px;margin:0 0 12px}
.impact-major{border-left-color:#bc4c00}
.impact-critical{border-left-color:#cf222e}
.impact-none{border-left-color:#57606a}
.impact-maintenance{border-left-color:#0969da}
.updates{list-style:none;margin:0;padding:0}
.updates li{margin:0 0 8px}
.updates .body{white-space:pre-line}
.when,.next,.window,.affects,.desc,.quiet,.legend{color:#57606a;font-size:.875rem}
.when{display:block}
.next{font-weight:600;margin:6px 0 0}
ul.components{list-style:none;margin:0;padding:0;background:#fff;border:1px solid #d0d7de;border-radius:8px}
.component{padding:12px 14px;border-top:1px solid #d0d7de}
ul.components>li:first-child{border-top:0}
.group{border-top:1px solid #d0d7de}
.group ul.components{border:0;border-radius:0;margin-left:12px}
.group summary{padding:12px 14px;cursor:pointer;display:flex;justify-content:space-between;gap:8px;font-weight:600}
.row{display:flex;justify-content:space-between;gap:8px;align-items:baseline}
.name{font-weight:600;overflow-wrap:anywhere}
.st{font-size:.875rem;white-space:nowrap;color:#1a7f37}
.s-degraded_performance{color:#9a6700}
.s-partial_outage{color:#bc4c00}
.s-major_outage{color:#cf222e}
.s-under_maintenance{color:#0969da}
.bars{--ok:#2da44e;--none:#d0d7de;--panel:#fff;position:relative;height:28px;margin:8px -1px 2px 0;background:linear-gradient(90deg,var(--none) var(--from,0%),var(--ok) 0)}
.bars::after{content:"";position:absolute;inset:0;pointer-events:none}
.bars i{position:absolute;inset:0;background:linear-gradient(90deg,transparent var(--at),var(--c) 0 calc(var(--at) + var(--day)),transparent 0);clip-path:inset(0 calc(100% - var(--at) - var(--day) - .5px) 0 calc(var(--at) - .5px))}
.bars .d{--c:#d4a72c}
.bars .p{--c:#fb8f44}
.bars .m{--c:#cf222e}
.bars .u{--c:#54aeff}
.legend{display:flex;justify-content:space-between;margin:0}
.legend::after{content:"Today"}
.day{border-bottom:1px solid #d0d7de;padding:10px 0}
footer{padding:24px 16px 40px;color:#57606a;font-size:.875rem}
.subscribe input{font:inherit;padding:6px 8px;max-width:100%;border:1px solid #8c959f;border-radius:6px}
.subscribe button{font:inherit;padding:6px 14px;border-radius:6px;border:0;background:var(--brand);color:#fff}
@media (prefers-color-scheme:dark){
body{background:#0d1117;color:#e6edf3}
a{color:#58a6ff}
.incident{background:#161b22;border-top-color:#30363d;border-right-color:#30363d;border-bottom-color:#30363d}
ul.components{background:#161b22;border-color:#30363d}
.component,.group,.day{border-color:#30363d}
.when,.next,.window,.affects,.desc,.quiet,.legend,footer{color:#9198a1}
.st{color:#3fb950}
.s-degraded_performance{color:#d29922}
.s-partial_outage{color:#f0883e}
.s-major_outage{color:#f85149}
.s-under_maintenance{color:#58a6ff}
.overall{background:#238636}
.indicator-minor{background:#9e6a03}
.indicator-major{background:#bd561d}
.indicator-critical{background:#da3633}
.bars{--none:#30363d;--panel:#161b22}
}
@media (max-width:480px){.wrap{padding:0 10px}.bars{height:24px;margin-right:0}.bars::after{content:none}}
`.replace(/\n/g, '');

const UPTIME = `
main>h1{margin:20px 0 4px}
.back{margin:16px 0 0;font-size:.875rem}
.intro{margin:0 0 16px}
.component h2,.component h3{font-size:1rem;margin:0}
.group>h2{font-size:1rem;margin:0;padding:12px 14px 0}
.component:target{box-shadow:inset 4px 0 var(--brand)}
.up{font-size:.875rem;white-space:nowrap}
.days{list-style:none;margin:6px 0 0;padding:0}
.days li{display:flex;flex-wrap:wrap;gap:0 12px;align-items:baseline;padding:6px 0;border-top:1px solid #d0d7de}
.days time{min-width:7em}
.days .st{min-width:10.5em}
.dur{color:#57606a;font-size:.875rem}
.component>.quiet{margin:4px 0 0}
@media (prefers-color-scheme:dark){.days li{border-color:#30363d}.dur{color:#9198a1}.component:target{box-shadow:inset 4px 0 #58a6ff}}
`.replace(/\n/g, '');

/**
 * The uptime page's stylesheet (render-uptime.ts): the page's own rules, without the
 * bars (it has none), plus its list of days. The days wrap under each other on a phone.
 */
export const UPTIME_CSS = `${BASE}${UPTIME}`;
