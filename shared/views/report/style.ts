/**
 * The report's one stylesheet, inlined in the page so the file needs nothing else. Colours keep
 * 4.5:1 for text and 3:1 for chart marks on white (WCAG 1.4.3, 1.4.11); tables scroll inside their
 * own focusable region on a narrow screen instead of widening the page (1.4.10); print drops the
 * contents and keeps tables whole.
 */
export const STYLE = `
:root{--ink:#1b1f24;--muted:#4a5560;--line:#c9d0d6;--brand:#0b4f8a;--new:#0b6e3a;--base:#5f6b76;--panel:#f3f5f7;--focus:#ffbf47}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);background:#fff}
main{max-width:60rem;margin:0 auto;padding:1rem 1rem 3rem}
a{color:var(--brand)}
:focus-visible{outline:3px solid var(--focus);outline-offset:0;box-shadow:0 0 0 5px var(--ink)}
h1{font-size:1.75rem;line-height:1.2;margin:.25rem 0 1rem}
h2{font-size:1.45rem;line-height:1.25;margin:0 0 .5rem}
h3{font-size:1.15rem;margin:1.75rem 0 .5rem}
.kicker{margin:0;color:var(--muted);font-weight:600;font-size:.95rem}
.facts{display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;margin:0 0 1rem}
.facts div{display:flex;gap:.4rem}.facts dt{color:var(--muted)}.facts dt::after{content:":"}.facts dd{margin:0;font-weight:600}
.guide{background:var(--panel);padding:1rem 1.25rem;margin:1rem 0 1.5rem;border-left:5px solid var(--brand)}
.guide h2{font-size:1.2rem}.guide ul{padding-left:1.2rem;margin:.5rem 0 0}.guide li{margin:.25rem 0}
.contents ul{padding-left:1.2rem;margin:.25rem 0}.contents h2{font-size:1.2rem}.contents a{display:inline-block;padding:.15rem 0}
.scope{border-top:4px solid var(--brand);margin-top:2.5rem;padding-top:1rem}
.lead{font-size:1.1rem}
.empty,.note{color:var(--muted)}.note{font-size:.9rem;margin:.35rem 0 0}
.table{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;min-width:18rem;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:0 0 .4rem;color:var(--ink)}
th,td{text-align:left;vertical-align:top;padding:.45rem .5rem;border-bottom:1px solid var(--line)}
thead th{border-bottom:2px solid var(--ink);font-size:.95rem}
tbody th{font-weight:400;min-width:9rem}
.num{text-align:right}
td span{display:block}
td,th.num{min-width:8.5rem}
.trend td,.trend th.num{min-width:0}
.trend table{font-size:.95rem}
td strong{font-size:1.1rem}
.ci,.n,.imported{font-size:.9rem;color:var(--muted);white-space:nowrap}
.too-few{font-style:italic;color:var(--muted)}
.group{display:block;font-weight:600;font-size:.9rem;color:var(--muted)}
figure{margin:.5rem 0 1rem}
figcaption{font-weight:600;margin-bottom:.25rem}
figcaption .note{display:block;font-weight:400}
.trends{display:grid;grid-template-columns:repeat(auto-fill,minmax(24rem,1fr));gap:1rem 2rem}
.chart{width:100%;max-width:30rem;height:auto;display:block;font-size:13px;font-family:inherit}
.chart text{fill:var(--ink)}.chart text.note{fill:var(--muted)}
.chart .grid{stroke:var(--line);stroke-width:1}
.chart .whisker{stroke:var(--brand);stroke-width:3}.chart .dot{fill:var(--brand)}
.chart .whisker.base{stroke:var(--base)}.chart .dot.base{fill:var(--base)}
.chart .bar{fill:var(--brand)}.chart .bar.new{fill:var(--new)}
@media (max-width:39.99rem){
  table.stack,.stack thead,.stack tbody,.stack tr,.stack th,.stack td{display:block;width:auto;min-width:0}
  .stack caption{display:block;width:auto}
  .stack thead tr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
  .stack tr{border-bottom:1px solid var(--line);padding:.5rem 0}
  .stack th,.stack td{border:0;padding:.1rem 0;text-align:left}
  .stack tbody th{font-weight:600;min-width:0}
  .stack td::before{content:attr(data-label) ": ";color:var(--muted)}
  .stack td span,.stack td strong{display:inline;margin-right:.4rem}
  .trends{grid-template-columns:1fr}
}
@media (min-width:40rem){body{font-size:1.0625rem}h1{font-size:2.1rem}}
@media print{
  body{font-size:10.5pt}main{max-width:none;padding:0}
  .contents{display:none}
  .scope{break-before:page;border-top:0}
  .table{overflow:visible}
  table,figure{break-inside:avoid}
  h2,h3{break-after:avoid}
  a{color:inherit;text-decoration:none}
  @page{margin:15mm}
}
`;
