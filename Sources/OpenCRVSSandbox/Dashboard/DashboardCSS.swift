/// The dashboard's style sheet: high contrast (WCAG AA), large-text switch, visible focus.
enum DashboardCSS {
  /// The style sheet.
  static let text = ##"""
    :root {
      --ink: #111827; --muted: #4b5563; --line: #d1d5db; --bg: #f3f4f6; --card: #ffffff;
      --brand: #0b2545; --accent: #1d4ed8; --accent-ink: #ffffff; --focus: #f59e0b;
      --ok-bg: #dcfce7; --ok: #14532d; --warn-bg: #fef3c7; --warn: #78350f;
      --bad-bg: #fee2e2; --bad: #7f1d1d; --info-bg: #dbeafe; --info: #1e3a8a;
      --mono: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace;
      font-size: 100%;
    }
    html.large { font-size: 131.25%; }
    * { box-sizing: border-box; }
    body {
      margin: 0; background: var(--bg); color: var(--ink);
      font-family: system-ui, "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
      font-size: 1rem; line-height: 1.45;
    }
    a { color: var(--accent); }
    :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
    .skip { position: absolute; left: -999px; top: 0; background: var(--card); padding: .5rem 1rem; z-index: 10; }
    .skip:focus { left: .5rem; }
    header.top {
      background: var(--brand); color: #fff; display: flex; flex-wrap: wrap; gap: .5rem .75rem;
      align-items: center; padding: .6rem 1rem;
    }
    header.top h1 { font-size: 1.25rem; margin: 0; font-weight: 700; }
    header.top .spacer { flex: 1; }
    header.top button { border-color: #93c5fd; }
    .live { font-size: .9rem; display: inline-flex; align-items: center; gap: .35rem; }
    .live::before { content: ""; width: .7rem; height: .7rem; border-radius: 50%; background: #22c55e; }
    .live.off::before { background: #f87171; }
    .clock { display: flex; align-items: center; gap: .35rem; flex-wrap: wrap; }
    .clock output { font-family: var(--mono); font-size: 1.05rem; background: #13315c; padding: .15rem .5rem; border-radius: 4px; }
    nav.views { background: var(--card); border-bottom: 1px solid var(--line); padding: 0 1rem; display: flex; flex-wrap: wrap; gap: .25rem; }
    nav.views a {
      display: inline-block; padding: .7rem .9rem; color: var(--ink); text-decoration: none; font-weight: 600;
      border-bottom: 4px solid transparent;
    }
    nav.views a[aria-current="page"] { border-bottom-color: var(--accent); color: var(--accent); }
    nav.views a:hover { background: var(--bg); }
    main:focus { outline: none; }
    main { padding: 1rem; max-width: 110rem; margin: 0 auto; }
    h2 { font-size: 1.4rem; margin: .25rem 0 .75rem; }
    h3 { font-size: 1.15rem; margin: 1rem 0 .5rem; }
    .card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1rem; margin-bottom: 1rem; }
    .row { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; }
    .grow { flex: 1; }
    button, .button {
      font: inherit; font-weight: 600; padding: .45rem .85rem; border-radius: 6px; cursor: pointer;
      border: 2px solid var(--accent); background: var(--card); color: var(--accent);
    }
    button.primary { background: var(--accent); color: var(--accent-ink); }
    button.danger { border-color: #b91c1c; color: #b91c1c; background: var(--card); }
    button.danger.primary { background: #b91c1c; color: #fff; }
    button.small { padding: .15rem .5rem; font-size: .875rem; }
    button:disabled { opacity: .55; cursor: not-allowed; }
    header.top button { background: transparent; color: #fff; }
    header.top button[aria-pressed="true"] { background: #fff; color: var(--brand); }
    label { font-weight: 600; display: block; margin-bottom: .2rem; }
    input, select, textarea {
      font: inherit; padding: .4rem .55rem; border: 2px solid #6b7280; border-radius: 6px; background: #fff; color: var(--ink);
    }
    textarea { width: 100%; font-family: var(--mono); font-size: .9rem; }
    .tabs { display: flex; flex-wrap: wrap; gap: .25rem; margin: .5rem 0 0; border-bottom: 2px solid var(--line); }
    .tabs button {
      border: 0; border-bottom: 4px solid transparent; border-radius: 0; background: transparent; color: var(--ink);
      padding: .55rem .8rem;
    }
    .tabs button[aria-selected="true"] { border-bottom-color: var(--accent); color: var(--accent); }
    .subtabs { border-bottom: 0; margin: .4rem 0 .6rem; gap: .5rem; }
    .subtabs button { border: 2px solid var(--line); border-radius: 999px; padding: .25rem .8rem; }
    .subtabs button[aria-selected="true"] { border-color: var(--accent); background: var(--info-bg); }
    .count {
      display: inline-block; min-width: 1.6em; padding: 0 .4em; margin-left: .35em; border-radius: 999px;
      background: var(--bg); color: var(--ink); font-size: .85em; text-align: center; border: 1px solid var(--line);
    }
    table { border-collapse: collapse; width: 100%; background: var(--card); }
    th, td { text-align: left; padding: .5rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
    th { background: #e5e7eb; font-size: .9rem; }
    tbody tr:hover { background: #f9fafb; }
    tr.selected { background: var(--info-bg) !important; }
    tr.fresh { animation: fresh 3s ease-out; }
    @keyframes fresh { from { background: #fde68a; } to { background: transparent; } }
    @media (prefers-reduced-motion: reduce) { tr.fresh { animation: none; background: #fef9c3; } }
    .mono, code { font-family: var(--mono); font-size: .92em; }
    .muted { color: var(--muted); }
    .badge { display: inline-block; padding: .05rem .5rem; border-radius: 4px; font-weight: 700; font-size: .85rem; border: 1px solid transparent; }
    .b-ok { background: var(--ok-bg); color: var(--ok); border-color: #86efac; }
    .b-warn { background: var(--warn-bg); color: var(--warn); border-color: #fcd34d; }
    .b-bad { background: var(--bad-bg); color: var(--bad); border-color: #fca5a5; }
    .b-info { background: var(--info-bg); color: var(--info); border-color: #93c5fd; }
    .b-plain { background: var(--bg); color: var(--ink); border-color: var(--line); }
    .empty { padding: 1.25rem; text-align: center; color: var(--muted); background: var(--card); border: 2px dashed var(--line); border-radius: 8px; }
    .empty strong { color: var(--ink); }
    dl.facts { display: grid; grid-template-columns: minmax(9rem, max-content) 1fr; gap: .35rem 1rem; margin: 0; }
    dl.facts dt { font-weight: 700; color: var(--muted); }
    dl.facts dd { margin: 0; }
    .split { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); gap: 1rem; align-items: start; }
    .split.even { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
    .card > h3:first-child, section.card > h3:first-child, .card > .row:first-child h3 { margin-top: 0; }
    @media (max-width: 70rem) { .split { grid-template-columns: 1fr; } }
    .copy { display: inline-flex; gap: .4rem; align-items: center; max-width: 100%; }
    .copy code { overflow-wrap: anywhere; }
    pre.cmd { background: #111827; color: #f9fafb; padding: .6rem .8rem; border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; margin: .25rem 0; font-family: var(--mono); }
    .json { font-family: var(--mono); font-size: .9rem; background: #fafafa; border: 1px solid var(--line); border-radius: 6px; padding: .5rem .5rem .5rem 1.4rem; overflow: auto; max-height: 38rem; }
    .json details { margin-left: 0; }
    /* The markers sit outside the text; the box's left padding leaves the root's marker room. */
    .json summary { cursor: pointer; list-style-position: outside; }
    .json .kids { margin-left: 1.1rem; border-left: 1px dotted #9ca3af; padding-left: .5rem; }
    .json .leaf { white-space: pre-wrap; overflow-wrap: anywhere; }
    .json .k { color: #6b21a8; }
    .json .s { color: #14532d; }
    .json .n { color: #1e40af; }
    .json .l { color: #9a3412; font-weight: 700; }
    .json .hint { color: var(--muted); font-style: italic; }
    .json .hl { background: #fde68a; outline: 3px solid #b45309; border-radius: 3px; }
    .json .hl-warn { background: #fef3c7; outline: 2px dashed #b45309; border-radius: 3px; }
    .problems { list-style: none; padding: 0; margin: .25rem 0; }
    .problems li { border-left: 6px solid #b91c1c; background: var(--bad-bg); padding: .4rem .6rem; margin: .35rem 0; border-radius: 4px; }
    .problems li.warning { border-left-color: #b45309; background: var(--warn-bg); }
    .steps { list-style: none; padding: 0; margin: 0; }
    .steps li { padding: .5rem .6rem; border-bottom: 1px solid var(--line); }
    .steps .mark { display: inline-block; width: 1.6rem; font-weight: 700; }
    .pass { color: var(--ok); }
    .fail { color: var(--bad); }
    .pending { color: var(--muted); }
    .tree ul { list-style: none; margin: 0; padding-left: 1.3rem; border-left: 1px dotted #9ca3af; }
    .tree > ul { padding-left: 0; border: 0; }
    .tree li { margin: .15rem 0; }
    .tree .node { display: flex; flex-wrap: wrap; align-items: center; gap: .3rem .6rem; padding: .15rem 0; }
    .tree summary { cursor: pointer; }
    .tree summary .node { display: inline-flex; vertical-align: middle; }
    .tree mark { background: #fde68a; color: inherit; }
    dialog { border: 0; border-radius: 10px; padding: 1.25rem; max-width: min(40rem, 94vw); width: 100%; color: var(--ink); box-shadow: 0 10px 40px rgba(0,0,0,.35); }
    dialog::backdrop { background: rgba(17, 24, 39, .6); }
    dialog h2 { margin-top: 0; }
    dialog .actions { display: flex; justify-content: flex-end; gap: .5rem; margin-top: 1rem; }
    dialog .field { margin: .6rem 0; }
    dialog .field input, dialog .field select, dialog .field textarea { width: 100%; }
    #toast {
      position: fixed; right: 1rem; bottom: 1rem; max-width: 32rem; z-index: 20; display: flex; flex-direction: column; gap: .5rem;
    }
    #toast div { background: var(--ink); color: #fff; padding: .7rem 1rem; border-radius: 8px; box-shadow: 0 4px 14px rgba(0,0,0,.3); }
    #toast div.bad { background: #7f1d1d; }
    .back { margin-bottom: .5rem; }
    .scroll { overflow-x: auto; }
    .nowrap { white-space: nowrap; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    .muted-on-dark { color: #cbd5e1; font-weight: 400; font-size: .85rem; }
    label.check { display: inline-flex; gap: .5rem; align-items: center; }
    label.check input { width: 1.25rem; height: 1.25rem; }
    .steps ul { margin: .25rem 0 .25rem 2rem; padding: 0; }
    .steps ul li { border: 0; padding: .1rem 0; }
    .row .grow input { width: 100%; }
    """##
}
