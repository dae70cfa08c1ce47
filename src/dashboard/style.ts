/** The dashboard's one stylesheet (served as /dashboard/style.css: the CSP allows no inline style). */
export const STYLESHEET = `
:root { --fg: #1b1b1b; --muted: #555; --line: #ccc; --accent: #0b5cad; --bg: #fff; --mark: #fff3a6;
  --green: #1e7a34; --amber: #8a5a00; --red: #b00020; }
* { box-sizing: border-box; }
body { font: 16px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 0; }
a { color: var(--accent); }
a:focus, button:focus, select:focus, input:focus { outline: 3px solid #ffbf47; outline-offset: 1px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px; }
header.top { background: #0b3d6b; color: #fff; padding: 8px 16px; display: flex; gap: 24px; align-items: center; flex-wrap: wrap; }
header.top a { color: #fff; } header.top nav ul { list-style: none; display: flex; gap: 16px; margin: 0; padding: 0; }
header.top a[aria-current="page"] { font-weight: bold; text-decoration-thickness: 3px; }
main { max-width: 1100px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.6rem; margin: 0.5rem 0 1rem; } h2 { font-size: 1.25rem; margin-top: 1.5rem; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; } .card { border: 1px solid var(--line); padding: 8px 12px; border-radius: 4px; min-width: 140px; }
.card .n { font-size: 1.6rem; font-weight: bold; display: block; }
.light { font-weight: bold; white-space: nowrap; } .light-green { color: var(--green); } .light-amber { color: var(--amber); } .light-red { color: var(--red); }
.light::before { content: "\\25CF\\00A0"; }
form.facets { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: flex-end; border: 1px solid var(--line); padding: 8px; margin-bottom: 12px; }
form.facets label { display: flex; flex-direction: column; font-size: 0.9rem; }
form.facets input[type=search] { min-width: 240px; }
button, select, input { font: inherit; }
.muted { color: var(--muted); } .small { font-size: 0.9rem; }
.exports a { margin-right: 12px; }
.pager { display: flex; gap: 16px; margin: 12px 0; }
blockquote.para { border-left: 4px solid var(--line); margin: 8px 0; padding: 4px 12px; }
mark { background: var(--mark); color: inherit; padding: 0 2px; outline: 1px solid #c9b400; }
ol.history { list-style: none; padding: 0; } ol.history li { border-left: 3px solid var(--line); padding: 2px 10px; margin-bottom: 6px; }
.para-block { border-top: 1px solid var(--line); padding: 8px 0; } .para-block .tag { font-size: 0.9rem; }
.untracked { color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; } dl.facts dt { font-weight: bold; }
svg.timeline { max-width: 100%; height: auto; } svg.timeline text { font-size: 11px; }
.error-box { border: 2px solid var(--red); padding: 12px; }
@media print {
  header.top, form.facets, .pager, .exports, .skip, .noprint { display: none !important; }
  body { font-size: 11pt; } main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  table { page-break-inside: auto; } tr { page-break-inside: avoid; }
  .light-green::after { content: " (green)"; } .light-amber::after { content: " (amber)"; } .light-red::after { content: " (red)"; }
}
`;
