/**
 * The explore page's HTML: one self-contained file. The script (the core, the charts and the page,
 * bundled by esbuild at build time), the styles and the DejaVu Sans fonts the charts are drawn with
 * are inlined; a Content-Security-Policy forbids every network request, so the page runs the same
 * from `file://`, offline, or a web server. Pure: strings in, a string out.
 */
export interface PageParts {
  /** The bundled page script (an ES module; must not contain `</script`). */
  readonly script: string;
  /** Base64 TrueType data of the regular and bold fonts. */
  readonly fonts: { readonly regular: string; readonly bold: string };
}

/** Names the page's maker in its head (`<meta name="generator">`). */
export const GENERATOR = "vmotion-sim explore";

/**
 * No network, ever: nothing may be fetched (`connect-src`, `default-src 'none'`); inline script
 * and style only; Vega compiles its expressions with `new Function` (`'unsafe-eval'`).
 */
const CSP =
  "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; " +
  "font-src data:; img-src data: blob:; connect-src 'none'; form-action 'none'; base-uri 'none'";

const STYLE = `
@font-face { font-family: "DejaVu Sans"; font-weight: 400; src: url(data:font/ttf;base64,REGULAR) format("truetype"); }
@font-face { font-family: "DejaVu Sans"; font-weight: 700; src: url(data:font/ttf;base64,BOLD) format("truetype"); }
:root { --ink: #222; --muted: #5a5a5a; --line: #d6d6d6; --accent: #0072B2; --bad: #b3261e; --soft: #f5f6f8; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { font-family: "DejaVu Sans", sans-serif; color: var(--ink); margin: 0; font-size: 14px; line-height: 1.45; }
header { padding: 0.8rem 1.2rem; border-bottom: 1px solid var(--line); }
header h1 { font-size: 1.25rem; margin: 0; }
header p { margin: 0.2rem 0 0; color: var(--muted); }
.layout { display: grid; grid-template-columns: 22rem minmax(0, 1fr); grid-template-areas: "form summary" "form outputs"; grid-template-rows: auto 1fr; align-items: start; column-gap: 1.2rem; padding: 1rem 1.2rem; }
#form { grid-area: form; } #summary { grid-area: summary; min-width: 0; } #outputs { grid-area: outputs; min-width: 0; }
#form fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 0.8rem; padding: 0.4rem 0.7rem 0.6rem; }
#form legend { font-weight: 700; padding: 0 0.3rem; }
.field { display: grid; grid-template-columns: 8.2rem minmax(0, 1fr); column-gap: 0.6rem; align-items: center; margin: 0.35rem 0; }
.field label { font-size: 0.9rem; }
.field input[type=text], .field select, .field textarea { font: inherit; width: 100%; padding: 0.25rem 0.4rem; border: 1px solid #b9b9b9; border-radius: 4px; background: #fff; }
.field input[type=checkbox] { justify-self: start; }
.field textarea { font-family: "DejaVu Sans Mono", monospace; font-size: 0.85rem; }
.field.kind-curve { grid-template-columns: 1fr; }
.field .help { grid-column: 2; color: var(--muted); font-size: 0.78rem; line-height: 1.25; overflow-wrap: anywhere; }
.field.kind-curve .help, .field.kind-curve .error { grid-column: 1; }
.field .error { grid-column: 2; color: var(--bad); font-size: 0.82rem; }
.field .error:empty { display: none; }
.field.invalid input, .field.invalid select, .field.invalid textarea { border-color: var(--bad); outline: 1px solid var(--bad); background: #fff6f5; }
.field.model { margin-bottom: 0.5rem; }
#form details summary { cursor: pointer; color: var(--accent); margin: 0.2rem 0 0.3rem; }
.verdict { font-size: 1.15rem; font-weight: 700; margin: 0 0 0.6rem; padding: 0.6rem 0.8rem; border-radius: 6px; background: #e8f3ec; border-left: 5px solid #009E73; }
.spread { margin: 0 0 0.6rem; padding: 0.4rem 0.8rem; border-left: 5px solid #E69F00; background: #fdf3e1; }
.verdict.outcome-converged-throttled, .verdict.outcome-max-rounds, .verdict.outcome-data-cap { background: #fdf3e1; border-left-color: #E69F00; }
.verdict.outcome-not-converging, .verdict.outcome-switchover-timeout, .verdict.invalid { background: #fbeae8; border-left-color: var(--bad); }
#outputs.stale .chart, #outputs.stale table { opacity: 0.35; }
dl#figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: 0.5rem; margin: 0 0 0.6rem; }
.figure { background: var(--soft); border-radius: 6px; padding: 0.4rem 0.6rem; }
.figure dt { color: var(--muted); font-size: 0.8rem; }
.figure dd { margin: 0; font-size: 1.05rem; font-weight: 700; }
#details p { margin: 0.2rem 0; color: var(--muted); }
#warnings { margin: 0.3rem 0; padding-left: 1.2rem; color: #8a5a00; }
.actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0.8rem 0 0.4rem; }
button { font: inherit; padding: 0.3rem 0.8rem; border: 1px solid var(--accent); border-radius: 4px; background: #fff; color: var(--accent); cursor: pointer; }
button:disabled { border-color: #bbb; color: #999; cursor: default; }
#cli { display: block; font-family: "DejaVu Sans Mono", monospace; font-size: 0.82rem; background: var(--soft); padding: 0.4rem 0.6rem; border-radius: 4px; overflow-wrap: anywhere; white-space: pre-wrap; user-select: all; }
.note, #cli-note, #copy-status { color: var(--muted); font-size: 0.85rem; }
#compare { border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 0.8rem; margin: 0.8rem 0; }
#compare h2 { margin-top: 0; }
h2 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
table { border-collapse: collapse; font-size: 0.88rem; }
th, td { border: 1px solid var(--line); padding: 0.2rem 0.5rem; text-align: right; white-space: nowrap; }
th { background: var(--soft); } tbody th { text-align: left; }
.table-wrap { overflow-x: auto; }
.chart { margin: 0.6rem 0 1rem; overflow-x: auto; }
@media (max-width: 900px) {
  .layout { grid-template-columns: minmax(0, 1fr); grid-template-areas: "summary" "form" "outputs"; grid-template-rows: auto; padding: 0.7rem; }
  #summary { margin-bottom: 1rem; }
  #compare th, #compare td { white-space: normal; overflow-wrap: anywhere; }
  header { padding: 0.6rem 0.7rem; }
}
`;

const BODY = `
<header>
  <h1>vmotion-sim explore</h1>
  <p>What-if for one live migration: the simulator's own model, running in this page. Nothing is sent anywhere.</p>
</header>
<div class="layout">
  <form id="form" autocomplete="off" onsubmit="return false"></form>
  <section id="summary" aria-live="polite">
    <p id="verdict" class="verdict">Computing...</p>
    <p id="spread" class="spread" hidden></p>
    <dl id="figures"></dl>
    <div id="details"></div>
    <ul id="warnings"></ul>
    <div class="actions">
      <button type="button" id="pin">Pin this scenario</button>
      <button type="button" id="copy">Copy CLI command</button>
      <button type="button" id="download">Download sweep file</button>
      <button type="button" id="reset">Reset</button>
      <span id="copy-status"></span>
    </div>
    <code id="cli"></code>
    <p id="cli-note"></p>
    <section id="compare" hidden>
      <h2>Pinned vs current</h2>
      <div class="table-wrap"><table><thead><tr><th></th><th>pinned</th><th>current</th></tr></thead><tbody id="compare-body"></tbody></table></div>
      <p id="change"></p>
    </section>
  </section>
  <section id="outputs">
    <div id="charts">
      <div class="chart" id="chart-iterations"></div>
      <div class="chart" id="chart-presets"></div>
      <div class="chart" id="chart-feasibility"></div>
    </div>
    <h2>Pre-copy iterations</h2>
    <div class="table-wrap"><table id="iterations">
      <thead><tr><th>iteration</th><th>sent</th><th>duration</th><th>dirtied meanwhile</th><th>dirty rate seen</th><th>throttle</th></tr></thead>
      <tbody id="iterations-body"></tbody>
    </table></div>
  </section>
</div>
`;

/** The whole page. Throws if the script could end the inline script element early. */
export function explorePageHtml(parts: PageParts): string {
  if (/<\/script/i.test(parts.script))
    throw new Error("the page script contains </script and cannot be inlined");
  const style = STYLE.replace("REGULAR", parts.fonts.regular).replace("BOLD", parts.fonts.bold);
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${GENERATOR}">`,
    "<title>vmotion-sim explore: what-if for one live migration</title>",
    `<style>${style}</style>`,
    "</head>",
    `<body data-status="loading" data-pending="true">${BODY}`,
    `<script type="module">${parts.script}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
