/**
 * The public page's one stylesheet. Light by default, dark by prefers-color-scheme;
 * the page's own colours come in as --brand and --header. Status is never shown by
 * colour alone: every status has its words beside it.
 */
export const PAGE_CSS = `
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
.bars{display:flex;gap:1px;height:28px;margin:8px 0 2px}
.bars i{flex:1;border-radius:1px;background:#2da44e}
.bars .d{background:#d4a72c}
.bars .p{background:#fb8f44}
.bars .m{background:#cf222e}
.bars .u{background:#54aeff}
.bars .n{background:#d0d7de}
.legend{display:flex;justify-content:space-between}
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
.bars .n{background:#30363d}
}
@media (max-width:480px){.wrap{padding:0 10px}.bars{gap:0;height:24px}.bars i{border-radius:0}}
`.replace(/\n/g, '');
