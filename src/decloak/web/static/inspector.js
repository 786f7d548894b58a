/* decloak inspector: paste or drop text, see every disguise in place.
 *
 * Safety rules this file keeps (the server's Content-Security-Policy enforces
 * Trusted Types, so breaking the first one throws instead of rendering):
 *  - every piece of user or server text reaches the page through textContent,
 *    createTextNode or an attribute setter -- never innerHTML;
 *  - bidi controls and other control characters never reach the DOM as
 *    characters: they become labelled badges, so they cannot reorder the page;
 *  - long runs of combining marks are cut after a few, and a pane draws at most
 *    MAX_RENDER code points, so a hostile text cannot stall the layout engine.
 * Offsets from the API are code points: text is always indexed through
 * Array.from(text), never through UTF-16 string indexes.
 */
(() => {
  'use strict';

  const MAX_MARKS = 8; // combining marks drawn on one base character
  const MAX_RENDER = 200000; // code points drawn per pane
  const COLLAPSE_RUN = 4; // a longer run of one invisible character becomes one "×n" badge
  const MAX_SAMPLE = 2000; // code points of a finding's text or payload shown in details
  const AUTO_LIMIT = 200000; // inspect while typing only below this many UTF-16 units
  // Browsers lay out a long run of combining marks in quadratic time (20 000 marks on
  // one letter take seconds, 100 000 minutes), in a text box as anywhere else.  Text
  // like that is held, not shown in the box; the panes draw only a few marks per letter.
  const BOX_MARK_RUN = /\p{M}{256}/u;
  const BOX_LIMIT = 4 * 1024 * 1024;
  const KIND_RE = /^[a-z][a-z-]*$/;

  const $ = (id) => document.getElementById(id);
  const ui = {
    input: $('input'),
    held: $('held'),
    dropzone: $('dropzone'),
    inspect: $('inspect'),
    profile: $('profile'),
    file: $('file'),
    sample: $('sample'),
    showAll: $('show-all'),
    tokenRow: $('token-row'),
    token: $('token'),
    status: $('status'),
    summaryLine: $('summary-line'),
    patterns: $('patterns'),
    patternList: $('pattern-list'),
    summarySection: $('summary-section'),
    kinds: $('kinds'),
    original: $('original'),
    cleaned: $('cleaned'),
    copy: $('copy'),
    details: $('details'),
    detailsTitle: $('details-title'),
    detailsBody: $('details-body'),
    detailsClose: $('details-close'),
    version: $('version'),
  };

  const state = {
    text: '', // the text the current results belong to
    cps: [], // Array.from(text)
    lineStarts: [0],
    cleaned: '',
    findings: [],
    edits: [],
    patterns: [], // per-document summaries (from /v1/scan's "patterns", when the server sends them)
    loaded: null, // exact text of a dropped/opened file (the textarea normalizes line ends)
    seq: 0,
    controller: null,
    timer: 0,
    hideTimer: 0,
    openFor: null,
    pinned: false,
    firstMark: new Map(), // finding index -> element where it starts
    focusShown: null,
    refocusing: false,
    origin: '', // where the held text came from (a file name, "pasted text", ...)
    focusTime: 0,
    token: '',
  };
  try {
    state.token = sessionStorage.getItem('decloak-token') || '';
  } catch (_) {
    state.token = '';
  }

  // --- characters ------------------------------------------------------------------

  const RE = {
    bidi: /\p{Bidi_Control}/u,
    ignorable: /\p{Default_Ignorable_Code_Point}/u,
    control: /\p{Cc}/u,
    format: /\p{Cf}/u,
    mark: /\p{M}/u,
    selector: /\p{Variation_Selector}/u,
    separator: /[\p{Zl}\p{Zp}]/u,
    space: /\p{Zs}/u,
  };

  const C0 = [
    'NUL', 'SOH', 'STX', 'ETX', 'EOT', 'ENQ', 'ACK', 'BEL', 'BS', 'HT', 'LF', 'VT', 'FF', 'CR',
    'SO', 'SI', 'DLE', 'DC1', 'DC2', 'DC3', 'DC4', 'NAK', 'SYN', 'ETB', 'CAN', 'EM', 'SUB',
    'ESC', 'FS', 'GS', 'RS', 'US',
  ];
  const NAMED = new Map([
    [0x7f, 'DEL'], [0x85, 'NEL'], [0xa0, 'NBSP'], [0xad, 'SHY'], [0x34f, 'CGJ'],
    [0x61c, 'ALM'], [0x115f, 'HCF'], [0x1160, 'HJF'], [0x17b4, 'KIVAQ'], [0x17b5, 'KIVAA'],
    [0x180e, 'MVS'], [0x200b, 'ZWSP'], [0x200c, 'ZWNJ'], [0x200d, 'ZWJ'], [0x200e, 'LRM'],
    [0x200f, 'RLM'], [0x2028, 'LS'], [0x2029, 'PS'], [0x202a, 'LRE'], [0x202b, 'RLE'],
    [0x202c, 'PDF'], [0x202d, 'LRO'], [0x202e, 'RLO'], [0x202f, 'NNBSP'], [0x205f, 'MMSP'],
    [0x2060, 'WJ'], [0x2061, 'FA'], [0x2062, 'IT'], [0x2063, 'IS'], [0x2064, 'IP'],
    [0x2066, 'LRI'], [0x2067, 'RLI'], [0x2068, 'FSI'], [0x2069, 'PDI'], [0x3000, 'IDSP'],
    [0x3164, 'HF'], [0xfeff, 'BOM'], [0xffa0, 'HWHF'], [0xe0001, 'LANG TAG'],
    [0xe007f, 'CANCEL TAG'],
  ]);

  const hex = (cp) => 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');

  function label(cp) {
    if (cp < 0x20) return C0[cp];
    const named = NAMED.get(cp);
    if (named) return named;
    if (cp >= 0xfe00 && cp <= 0xfe0f) return 'VS' + (cp - 0xfe00 + 1);
    if (cp >= 0xe0100 && cp <= 0xe01ef) return 'VS' + (cp - 0xe0100 + 17);
    if (cp >= 0xe0020 && cp <= 0xe007e) return 'TAG ' + String.fromCodePoint(cp - 0xe0000);
    return hex(cp);
  }

  const isTag = (cp) => cp >= 0xe0000 && cp <= 0xe007f;

  /* text | mark | space | bidi | control | tag | selector | invisible */
  function classify(ch, cp) {
    if ((cp >= 0x20 && cp < 0x7f) || cp === 0x0a || cp === 0x09 || cp === 0x0d) return 'text';
    if (RE.bidi.test(ch)) return 'bidi';
    if (RE.control.test(ch) || RE.separator.test(ch)) return 'control';
    if (isTag(cp)) return 'tag';
    if (RE.selector.test(ch)) return 'selector';
    if (RE.ignorable.test(ch) || RE.format.test(ch)) return 'invisible';
    if (RE.mark.test(ch)) return 'mark';
    if (RE.space.test(ch)) return 'space';
    return 'text';
  }

  /* Characters of one "run key" collapse together into one badge. */
  function runKey(cls, cp) {
    if (cls === 'tag') return 'tag';
    if (cls === 'selector') return 'selector';
    return 'cp' + cp;
  }

  function badge(text, title, tone) {
    const b = document.createElement('span');
    b.className = 'badge ' + tone;
    b.textContent = text;
    b.title = title;
    return b;
  }

  function note(text) {
    const s = document.createElement('span');
    s.className = 'more';
    s.textContent = text;
    return s;
  }

  /* Append code points cps[a..b) to parent.  opts.inFinding: inside a finding or
   * a detail sample (every invisible becomes a red badge); opts.showAll: badge
   * legitimate invisibles (joiners, selectors, tags) outside findings too.  Bidi
   * and control characters are badges always.  ctx (shared per pane) carries the
   * remaining budget of code points and the length of the current mark run. */
  function renderRange(parent, cps, a, b, opts, ctx) {
    let buf = '';
    const flush = () => {
      if (buf) {
        parent.appendChild(document.createTextNode(buf));
        buf = '';
      }
    };
    const tone = opts.inFinding ? 'bad' : 'legit';
    let i = a;
    while (i < b) {
      if (ctx.budget <= 0) {
        ctx.truncated = true;
        break;
      }
      const ch = cps[i];
      const cp = ch.codePointAt(0);
      const cls = classify(ch, cp);
      if (cls === 'mark') {
        ctx.marks += 1;
        if (ctx.marks <= MAX_MARKS) {
          buf += ch;
          ctx.budget -= 1;
          i += 1;
          continue;
        }
        let j = i;
        while (j < b && classify(cps[j], cps[j].codePointAt(0)) === 'mark') j += 1;
        flush();
        const n = j - i;
        parent.appendChild(
          badge('+' + n + ' marks', n + ' more combining marks on this character, not drawn', 'bad'),
        );
        ctx.budget -= n;
        i = j;
        continue;
      }
      ctx.marks = 0;
      const visible =
        cls === 'text' ||
        (cls === 'space' && !opts.inFinding) ||
        ((cls === 'tag' || cls === 'selector' || cls === 'invisible') &&
          !opts.inFinding &&
          !opts.showAll);
      if (visible) {
        buf += ch;
        ctx.budget -= 1;
        i += 1;
        continue;
      }
      flush();
      const key = runKey(cls, cp);
      let j = i + 1;
      while (j < b) {
        const c2 = cps[j].codePointAt(0);
        if (runKey(classify(cps[j], c2), c2) !== key) break;
        j += 1;
      }
      const n = j - i;
      if (cls === 'tag' && n > 1) {
        let decoded = '';
        for (let k = i; k < j && k < i + 200; k += 1) {
          const t = cps[k].codePointAt(0);
          if (t >= 0xe0020 && t <= 0xe007e) decoded += String.fromCodePoint(t - 0xe0000);
        }
        parent.appendChild(badge('TAG×' + n, n + ' tag characters spelling "' + decoded + '"', tone));
      } else if (cls === 'selector' && n > 1) {
        parent.appendChild(badge('VS×' + n, n + ' variation selectors', tone));
      } else if (n > COLLAPSE_RUN) {
        parent.appendChild(badge(label(cp) + '×' + n, n + ' × ' + hex(cp) + ' ' + label(cp), tone));
      } else {
        for (let k = i; k < j; k += 1) {
          const c = cps[k].codePointAt(0);
          parent.appendChild(badge(label(c), hex(c) + ' ' + label(c), tone));
        }
      }
      ctx.budget -= n;
      i = j;
    }
    flush();
    return i;
  }

  function newCtx(budget) {
    return { budget, marks: 0, truncated: false };
  }

  /* A short, screen-reader-friendly rendering of a string. */
  function spoken(text, max = 24) {
    const out = [];
    const cps = Array.from(text);
    for (const ch of cps.slice(0, max)) {
      const cp = ch.codePointAt(0);
      const cls = classify(ch, cp);
      out.push(cls === 'text' ? ch : ' ' + label(cp) + ' ');
    }
    if (cps.length > max) out.push('…');
    return out.join('').replace(/\s+/g, ' ').trim();
  }

  /* A string from a finding, drawn inert: a monospace sample, or prose (explanations). */
  function sample(text, inFinding = true, prose = false) {
    const el = document.createElement('span');
    el.className = prose ? 'prose' : 'sample';
    const cps = Array.from(text);
    const ctx = newCtx(MAX_SAMPLE);
    const stop = renderRange(el, cps, 0, cps.length, { inFinding, showAll: true }, ctx);
    if (stop < cps.length) el.appendChild(note(' … ' + (cps.length - stop) + ' more code points'));
    return el;
  }

  /* An explanation, with every letter the finding lists in `chars` marked: "the word
   * 'cаrd', which reads 'card'" shows two strings that look alike, and the mark (with
   * the letter's name and code point as its tooltip) says which letter does not belong. */
  function explained(text, chars) {
    const named = new Map();
    for (const c of Array.isArray(chars) ? chars : []) {
      const m = /^U\+([0-9A-F]{4,6})$/.exec(String(c && c.codepoint));
      if (!m) continue;
      const cp = parseInt(m[1], 16);
      // only visible letters: invisible characters are already badges
      if (classify(String.fromCodePoint(cp), cp) !== 'text') continue;
      const script = c.script ? ', ' + String(c.script) : '';
      named.set(cp, hex(cp) + ' ' + String(c.name) + script);
    }
    if (named.size === 0) return sample(text, false, true);
    const el = document.createElement('span');
    el.className = 'prose';
    const cps = Array.from(text);
    const ctx = newCtx(MAX_SAMPLE);
    let i = 0;
    while (i < cps.length && ctx.budget > 0) {
      let j = i;
      while (j < cps.length && !named.has(cps[j].codePointAt(0))) j += 1;
      if (j > i) renderRange(el, cps, i, j, { inFinding: false, showAll: true }, ctx);
      if (j < cps.length) {
        const mark = document.createElement('mark');
        mark.className = 'foreign';
        mark.title = named.get(cps[j].codePointAt(0));
        mark.textContent = cps[j];
        el.appendChild(mark);
        ctx.budget -= 1;
        j += 1;
      }
      i = j;
    }
    if (i < cps.length) el.appendChild(note(' … ' + (cps.length - i) + ' more code points'));
    return el;
  }

  /* Offsets as a reader counts them: "code points 130 to 137 (8 characters)", the end
   * included, since an API's exclusive end ("130–138") reads as one too many. */
  function span(start, end) {
    const s = Number(start) | 0;
    const e = Number(end) | 0;
    if (e <= s) return 'before code point ' + s + ' (nothing)';
    if (e === s + 1) return 'code point ' + s;
    return 'code points ' + s + ' to ' + (e - 1) + ' (' + (e - s) + ' characters)';
  }

  /* A sample followed by the code points of a short string, so that "а" and "a" differ. */
  function withCodepoints(text) {
    const span = document.createElement('span');
    span.appendChild(sample(text));
    const cps = Array.from(text);
    if (cps.length > 0 && cps.length <= 6) {
      const hint = document.createElement('span');
      hint.className = 'more';
      hint.textContent = ' ' + cps.map((c) => hex(c.codePointAt(0))).join(' ');
      span.appendChild(hint);
    }
    return span;
  }

  const kindClass = (kind) => 'k-' + (KIND_RE.test(kind) ? kind : 'unknown');
  const clamp = (x, lo, hi) => Math.max(lo, Math.min(hi, Number.isInteger(x) ? x : lo));

  // --- panes -----------------------------------------------------------------------

  function renderOriginal() {
    const view = ui.original;
    const cps = state.cps;
    const n = cps.length;
    const showAll = ui.showAll.checked;
    state.firstMark = new Map();
    const frag = document.createDocumentFragment();
    const spans = state.findings.map((f, idx) => {
      const start = clamp(f.start, 0, n);
      return { f, idx, start, end: clamp(f.end, start, n) };
    });
    const zeros = new Map();
    const points = new Set([0, n]);
    for (const s of spans) {
      if (s.end === s.start) {
        if (!zeros.has(s.start)) zeros.set(s.start, []);
        zeros.get(s.start).push(s);
      } else {
        points.add(s.start);
        points.add(s.end);
      }
    }
    const bounds = [...points].sort((x, y) => x - y);
    const byStart = spans.filter((s) => s.end > s.start).sort((x, y) => x.start - y.start || y.end - x.end);
    const ctx = newCtx(MAX_RENDER);
    let k = 0;
    let active = [];
    let drawn = 0;
    const emitZeros = (pos) => {
      for (const s of zeros.get(pos) || []) frag.appendChild(markFor([s], pos, true));
    };
    for (let bi = 0; bi + 1 < bounds.length; bi += 1) {
      const a = bounds[bi];
      const b = bounds[bi + 1];
      emitZeros(a);
      while (k < byStart.length && byStart[k].start <= a) {
        active.push(byStart[k]);
        k += 1;
      }
      active = active.filter((s) => s.end > a);
      if (active.length === 0) {
        drawn = renderRange(frag, cps, a, b, { inFinding: false, showAll }, ctx);
      } else {
        const covering = active.slice().sort((x, y) => x.end - x.start - (y.end - y.start));
        const el = markFor(covering, a, false);
        drawn = renderRange(el, cps, a, b, { inFinding: true, showAll }, ctx);
        frag.appendChild(el);
      }
      if (ctx.truncated) break;
    }
    if (!ctx.truncated) emitZeros(n);
    if (ctx.truncated) {
      frag.appendChild(note(' … ' + (n - drawn) + ' more code points not drawn (the summary counts all findings)'));
    }
    view.replaceChildren(frag);
  }

  function markFor(covering, pos, zeroWidth) {
    const primary = covering[0];
    const el = document.createElement('span');
    el.className = 'f ' + kindClass(primary.f.kind) + (covering.length > 1 ? ' nested' : '');
    el.dataset.findings = covering.map((s) => s.idx).join(' ');
    if (zeroWidth) el.appendChild(badge('◆', 'finding at this position', 'bad'));
    const starting = covering.filter((s) => s.start === pos && !state.firstMark.has(s.idx));
    if (starting.length) {
      for (const s of starting) state.firstMark.set(s.idx, el);
      el.tabIndex = 0;
      el.setAttribute('role', 'button');
      el.setAttribute('aria-haspopup', 'dialog');
      el.setAttribute('aria-expanded', 'false');
      el.setAttribute('aria-controls', 'details');
      const f = starting[0].f;
      const becomes =
        f.replacement === null ? 'left as is' : f.replacement === '' ? 'removed' : 'becomes ' + spoken(f.replacement);
      el.setAttribute('aria-label', f.kind + ' finding: ' + spoken(f.text) + ', ' + becomes);
    }
    return el;
  }

  function renderCleaned() {
    const view = ui.cleaned;
    const cps = Array.from(state.cleaned);
    const n = cps.length;
    const showAll = ui.showAll.checked;
    const frag = document.createDocumentFragment();
    const ctx = newCtx(MAX_RENDER);
    const order = state.edits
      .map((e, idx) => ({ e, idx }))
      .sort((x, y) => x.e.output_start - y.e.output_start);
    let pos = 0;
    let drawn = 0;
    for (const { e, idx } of order) {
      const s = clamp(e.output_start, pos, n);
      const t = clamp(e.output_end, s, n);
      if (s > pos) drawn = renderRange(frag, cps, pos, s, { inFinding: false, showAll }, ctx);
      if (ctx.truncated) break;
      const el = document.createElement(t > s ? 'ins' : 'span');
      el.className = 'e ' + kindClass(e.kind) + (t > s ? '' : ' removed');
      el.dataset.edit = String(idx);
      el.tabIndex = 0;
      el.setAttribute('role', 'button');
      el.setAttribute('aria-haspopup', 'dialog');
      el.setAttribute('aria-expanded', 'false');
      el.setAttribute('aria-controls', 'details');
      const removed = Math.max(0, (e.input_end | 0) - (e.input_start | 0));
      if (t > s) {
        drawn = renderRange(el, cps, s, t, { inFinding: false, showAll }, ctx);
        el.setAttribute('aria-label', e.kind + ' edit: ' + spoken(e.before) + ' became ' + spoken(e.after));
      } else {
        el.appendChild(badge('⌫' + removed, 'removed ' + removed + ' code points here', 'bad'));
        el.setAttribute('aria-label', e.kind + ' edit: removed ' + spoken(e.before));
      }
      frag.appendChild(el);
      pos = t;
    }
    if (!ctx.truncated && pos < n) drawn = renderRange(frag, cps, pos, n, { inFinding: false, showAll }, ctx);
    if (ctx.truncated) frag.appendChild(note(' … ' + (n - drawn) + ' more code points not drawn'));
    view.replaceChildren(frag);
  }

  function renderSummary() {
    const counts = new Map();
    for (const f of state.findings) counts.set(f.kind, (counts.get(f.kind) || 0) + 1);
    const n = state.cps.length;
    const parts = [
      state.findings.length + (state.findings.length === 1 ? ' finding' : ' findings'),
      n + ' code points',
      state.edits.length + (state.edits.length === 1 ? ' edit' : ' edits'),
    ];
    ui.summaryLine.textContent =
      parts.join(' · ') + (state.edits.length === 0 ? ' — cleaned text is identical' : '');
    const items = [];
    for (const [kind, count] of [...counts.entries()].sort()) {
      const li = document.createElement('li');
      const btn = document.createElement('button');
      btn.type = 'button';
      const sw = document.createElement('span');
      sw.className = 'swatch ' + kindClass(kind);
      const name = document.createElement('span');
      name.textContent = kind;
      const c = document.createElement('span');
      c.className = 'count';
      c.textContent = String(count);
      btn.append(sw, name, c);
      btn.setAttribute('aria-label', count + ' ' + kind + ': go to the first one');
      btn.addEventListener('click', (ev) => {
        ev.stopPropagation(); // the document's click-outside handler would close the details
        jumpTo(state.findings.findIndex((f) => f.kind === kind));
      });
      li.appendChild(btn);
      items.push(li);
    }
    ui.kinds.replaceChildren(...items);
  }

  /* Scroll `pane` (and only it) so that `el` is in its middle. */
  function scrollWithin(pane, el) {
    const p = pane.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    pane.scrollTop += r.top - p.top - (pane.clientHeight - r.height) / 2;
  }

  /* The cleaned pane's element for finding f: its edit, else the next edit after it. */
  function editElementFor(f) {
    let best = -1;
    for (let i = 0; i < state.edits.length; i += 1) {
      const e = state.edits[i];
      const overlaps = e.input_start < f.end && e.input_end > f.start;
      const at = e.input_start === e.input_end && e.input_start === f.start;
      if (overlaps || at) return ui.cleaned.querySelector('[data-edit="' + i + '"]');
      if (e.input_start >= f.start && (best < 0 || e.input_start < state.edits[best].input_start)) best = i;
    }
    return best < 0 ? null : ui.cleaned.querySelector('[data-edit="' + best + '"]');
  }

  /* Show finding idx in both panes, focused, with its details pinned. */
  function jumpTo(idx) {
    const el = state.firstMark.get(idx);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    const edit = editElementFor(state.findings[idx]);
    if (edit) scrollWithin(ui.cleaned, edit);
    el.focus({ preventScroll: true });
    showDetails(el, true);
  }

  // --- what happened to the document (patterns) ------------------------------------

  /* Keep the well-formed patterns of a response: the field is optional, and anything
   * else in it is ignored rather than trusted. */
  function validPatterns(list) {
    if (!Array.isArray(list)) return [];
    const n = state.cps.length;
    return list.filter(
      (p) =>
        p !== null &&
        typeof p === 'object' &&
        typeof p.summary === 'string' &&
        p.summary.length > 0 &&
        Number.isInteger(p.start) &&
        Number.isInteger(p.end) &&
        p.start >= 0 &&
        p.start <= p.end &&
        p.end <= n,
    );
  }

  function renderPatterns() {
    const items = state.patterns.map((p, k) => {
      const li = document.createElement('li');
      const btn = document.createElement('button');
      btn.type = 'button';
      btn.setAttribute('aria-pressed', 'false');
      btn.appendChild(sample(p.summary, false, true));
      btn.addEventListener('click', (ev) => {
        ev.stopPropagation(); // the click-outside handler would close the details at once
        selectPattern(k);
      });
      li.appendChild(btn);
      return li;
    });
    ui.patternList.replaceChildren(...items);
    ui.patterns.hidden = items.length === 0;
  }

  /* Select a pattern's span: outline its findings and edits in both panes, go to the first. */
  function selectPattern(k) {
    const p = state.patterns[k];
    if (!p) return;
    ui.patternList.querySelectorAll('button').forEach((b, i) => {
      b.setAttribute('aria-pressed', i === k ? 'true' : 'false');
    });
    document.querySelectorAll('.in-pattern').forEach((el) => el.classList.remove('in-pattern'));
    let first = -1;
    state.findings.forEach((f, idx) => {
      if (f.start < p.start || f.end > p.end || (p.kind && f.kind !== p.kind)) return;
      const el = state.firstMark.get(idx);
      if (el) el.classList.add('in-pattern');
      const edit = editElementFor(f);
      if (edit) edit.classList.add('in-pattern');
      if (first < 0) first = idx;
    });
    if (first >= 0) jumpTo(first);
  }

  function render() {
    hideDetails(false);
    renderSummary();
    renderPatterns();
    renderOriginal();
    renderCleaned();
    ui.copy.disabled = false;
  }

  // --- details popover -------------------------------------------------------------

  function lineCol(pos) {
    const ls = state.lineStarts;
    let lo = 0;
    let hi = ls.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ls[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return 'line ' + (lo + 1) + ', column ' + (pos - ls[lo] + 1);
  }

  function dl(rows) {
    const list = document.createElement('dl');
    for (const [term, value] of rows) {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      if (typeof value === 'string') dd.textContent = value;
      else dd.appendChild(value);
      list.append(dt, dd);
    }
    return list;
  }

  function findingSection(f) {
    const sec = document.createElement('section');
    const h = document.createElement('h3');
    const sw = document.createElement('span');
    sw.className = 'swatch ' + kindClass(f.kind);
    const pct = Math.round((Number(f.confidence) || 0) * 100);
    const status = f.repaired
      ? 'repaired'
      : f.replacement === null
        ? 'left as is'
        : 'suggested, not applied';
    h.append(sw, document.createTextNode(f.kind + ' · ' + pct + '% · ' + status));
    const p = document.createElement('p');
    p.appendChild(explained(String(f.explanation || ''), f.chars));
    const rows = [
      ['Where', lineCol(f.start) + '; ' + span(f.start, f.end)],
      ['Text', withCodepoints(String(f.text))],
      [
        'Becomes',
        f.replacement === null
          ? 'nothing safe to suggest'
          : f.replacement === ''
            ? 'removed'
            : withCodepoints(String(f.replacement)),
      ],
    ];
    if (typeof f.payload === 'string') rows.push(['Hidden payload', sample(f.payload)]);
    sec.append(h, p, dl(rows));
    const chars = Array.isArray(f.chars) ? f.chars : [];
    if (chars.length) {
      const table = document.createElement('table');
      const cap = document.createElement('caption');
      cap.className = 'visually-hidden';
      cap.textContent = 'Characters';
      const head = document.createElement('tr');
      for (const t of ['Code point', 'Name', 'Script']) {
        const th = document.createElement('th');
        th.scope = 'col';
        th.textContent = t;
        head.appendChild(th);
      }
      const thead = document.createElement('thead');
      thead.appendChild(head);
      const tbody = document.createElement('tbody');
      for (const c of chars) {
        const tr = document.createElement('tr');
        for (const v of [c.codepoint, c.name, c.script]) {
          const td = document.createElement('td');
          td.textContent = String(v);
          tr.appendChild(td);
        }
        tbody.appendChild(tr);
      }
      table.append(cap, thead, tbody);
      sec.appendChild(table);
    }
    return sec;
  }

  function editSection(e) {
    const sec = document.createElement('section');
    const h = document.createElement('h3');
    const sw = document.createElement('span');
    sw.className = 'swatch ' + kindClass(e.kind);
    h.append(sw, document.createTextNode(e.kind + ' edit'));
    sec.append(
      h,
      dl([
        ['Before', withCodepoints(String(e.before))],
        ['After', e.after === '' ? 'removed' : withCodepoints(String(e.after))],
        ['Input', span(e.input_start, e.input_end)],
        ['Output', span(e.output_start, e.output_end)],
      ]),
    );
    for (const f of state.findings) {
      if (f.start < e.input_end && f.end > e.input_start) {
        const p = document.createElement('p');
        p.appendChild(explained(String(f.explanation || ''), f.chars));
        sec.appendChild(p);
      }
    }
    return sec;
  }

  function showDetails(target, pin) {
    clearTimeout(state.hideTimer);
    const parts = [];
    let title = 'Details';
    if (target.dataset.findings !== undefined) {
      const idxs = target.dataset.findings.split(' ').map(Number);
      for (const i of idxs) if (state.findings[i]) parts.push(findingSection(state.findings[i]));
      title = idxs.length > 1 ? idxs.length + ' findings here' : 'Finding';
    } else if (target.dataset.edit !== undefined) {
      const e = state.edits[Number(target.dataset.edit)];
      if (e) parts.push(editSection(e));
      title = 'Edit';
    }
    ui.detailsTitle.textContent = title;
    ui.detailsBody.replaceChildren(...parts);
    if (state.openFor && state.openFor !== target) state.openFor.setAttribute('aria-expanded', 'false');
    state.openFor = target;
    state.pinned = pin;
    if (target.hasAttribute('aria-expanded')) target.setAttribute('aria-expanded', 'true');
    ui.details.hidden = false;
    ui.details.dataset.pinned = pin ? 'true' : 'false';
    place(target);
  }

  function place(target) {
    const d = ui.details;
    if (window.matchMedia('(max-width: 600px)').matches) {
      d.classList.add('sheet');
      d.style.left = '';
      d.style.top = '';
      return;
    }
    d.classList.remove('sheet');
    const rects = target.getClientRects();
    const r = rects.length ? rects[0] : target.getBoundingClientRect();
    const w = d.offsetWidth;
    const h = d.offsetHeight;
    const vw = document.documentElement.clientWidth;
    const left = Math.max(8, Math.min(r.left, vw - w - 8)) + window.scrollX;
    // Above the finding only when it fits there without covering the controls and the
    // summary (a popover over "Load sample" would take its clicks); else below it.
    const floor = Math.max(0, ui.summarySection.getBoundingClientRect().bottom);
    let top = r.bottom + 6;
    if (top + h > window.innerHeight && r.top - 6 - h >= floor) top = r.top - 6 - h;
    d.style.left = left + 'px';
    d.style.top = top + window.scrollY + 'px';
  }

  function hideDetails(returnFocus) {
    clearTimeout(state.hideTimer);
    const was = state.openFor;
    ui.details.hidden = true;
    state.pinned = false;
    state.openFor = null;
    if (was) {
      was.setAttribute('aria-expanded', 'false');
      if (returnFocus && was.isConnected && was.tabIndex >= 0) {
        // back to the finding, without its focus handler opening the details again
        state.refocusing = true;
        was.focus({ preventScroll: true });
        state.refocusing = false;
      }
    }
  }

  function laterHide() {
    clearTimeout(state.hideTimer);
    state.hideTimer = setTimeout(() => {
      if (!state.pinned) hideDetails(false);
    }, 200);
  }

  const markOf = (node) =>
    node instanceof Element ? node.closest('#original .f, #cleaned .e') : null;

  for (const pane of [ui.original, ui.cleaned]) {
    pane.addEventListener('mouseover', (ev) => {
      const m = markOf(ev.target);
      if (m && !state.pinned && state.openFor !== m) showDetails(m, false);
      else if (m) clearTimeout(state.hideTimer);
    });
    pane.addEventListener('mouseout', (ev) => {
      const m = markOf(ev.target);
      if (!m || m.contains(ev.relatedTarget) || ui.details.contains(ev.relatedTarget)) return;
      if (!state.pinned) laterHide();
    });
    pane.addEventListener('focusin', (ev) => {
      const m = markOf(ev.target);
      if (!m || state.refocusing) return;
      // A click focuses the mark first; remember that so the click pins
      // rather than toggles the details it just opened.
      state.focusShown = m;
      state.focusTime = performance.now();
      showDetails(m, state.pinned);
    });
    pane.addEventListener('focusout', (ev) => {
      if (state.pinned || ui.details.contains(ev.relatedTarget)) return;
      if (!markOf(ev.relatedTarget)) hideDetails(false);
    });
    pane.addEventListener('click', (ev) => {
      const m = markOf(ev.target);
      if (!m) return;
      const fresh = state.focusShown === m && performance.now() - state.focusTime < 500;
      state.focusShown = null;
      if (state.openFor === m && state.pinned && !fresh) hideDetails(false);
      else showDetails(m, true);
    });
    pane.addEventListener('keydown', (ev) => {
      const m = markOf(ev.target);
      if (!m || (ev.key !== 'Enter' && ev.key !== ' ')) return;
      ev.preventDefault();
      if (state.openFor === m && state.pinned) hideDetails(false);
      else showDetails(m, true);
    });
  }
  ui.details.addEventListener('mouseenter', () => clearTimeout(state.hideTimer));
  ui.details.addEventListener('mouseleave', () => {
    if (!state.pinned) laterHide();
  });
  ui.detailsClose.addEventListener('click', () => hideDetails(true));
  document.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && !ui.details.hidden) {
      ev.preventDefault();
      hideDetails(true);
    }
  });
  document.addEventListener('click', (ev) => {
    if (ui.details.hidden || !(ev.target instanceof Node)) return;
    if (ui.details.contains(ev.target) || markOf(ev.target)) return;
    hideDetails(false);
  });
  window.addEventListener('resize', () => {
    if (state.openFor && !ui.details.hidden) place(state.openFor);
  });
  // Details belong to a finding on screen: when it scrolls out of view they close (a
  // bottom sheet would otherwise sit over whatever the page scrolls to, controls
  // included); when a pane scrolls inside, the popover follows its finding.
  document.addEventListener(
    'scroll',
    (ev) => {
      const m = state.openFor;
      if (!m || ui.details.hidden) return;
      if (ev.target instanceof Node && ui.details.contains(ev.target)) return;
      const r = m.getBoundingClientRect();
      if (!m.isConnected || r.bottom < 0 || r.top > window.innerHeight) hideDetails(false);
      else if (ev.target === ui.original || ev.target === ui.cleaned) place(m);
    },
    { capture: true, passive: true },
  );

  // --- talking to the server -------------------------------------------------------

  function setStatus(text, isError = false) {
    ui.status.textContent = text;
    ui.status.classList.toggle('error', isError);
  }

  function authHeaders() {
    const h = { 'Content-Type': 'application/json' };
    if (state.token) h.Authorization = 'Bearer ' + state.token;
    return h;
  }

  function currentText() {
    return state.loaded !== null ? state.loaded : ui.input.value;
  }

  function clearResults() {
    Object.assign(state, {
      text: '', cps: [], lineStarts: [0], cleaned: '', findings: [], edits: [], patterns: [],
    });
    render();
    ui.copy.disabled = true;
    ui.summaryLine.textContent = 'Nothing inspected yet.';
  }

  async function inspect() {
    clearTimeout(state.timer);
    const text = currentText();
    if (state.controller) state.controller.abort();
    const seq = ++state.seq;
    if (!text) {
      clearResults();
      setStatus('');
      return;
    }
    const controller = new AbortController();
    state.controller = controller;
    setStatus('Inspecting…');
    let res;
    let data = null;
    try {
      res = await fetch('v1/clean', {
        method: 'POST',
        headers: authHeaders(),
        body: JSON.stringify({ text, profile: ui.profile.value }),
        signal: controller.signal,
      });
      data = await res.json().catch(() => null);
    } catch (err) {
      if (err && err.name === 'AbortError') return;
      if (seq === state.seq) setStatus('Could not reach the server: ' + (err && err.message), true);
      return;
    }
    if (seq !== state.seq) return;
    if (res.status === 401) {
      ui.tokenRow.hidden = false;
      setStatus('This server needs an API token: enter it above.', true);
      return;
    }
    if (!res.ok || !data || !Array.isArray(data.findings) || !Array.isArray(data.edits)) {
      const why = data && typeof data.error === 'string' ? data.error : res.statusText;
      setStatus('Error ' + res.status + ': ' + why, true);
      return;
    }
    const cps = Array.from(text);
    const lineStarts = [0];
    for (let i = 0; i < cps.length; i += 1) if (cps[i] === '\n') lineStarts.push(i + 1);
    Object.assign(state, {
      text,
      cps,
      lineStarts,
      cleaned: String(data.text),
      findings: data.findings,
      edits: data.edits,
      patterns: [],
    });
    state.patterns = validPatterns(data.patterns);
    render();
    if (data.findings.length && !Array.isArray(data.patterns)) fetchPatterns(text, seq);
    const where = state.loaded !== null && state.origin ? ' in ' + state.origin : '';
    const n = data.findings.length;
    setStatus(
      n ? 'Found ' + n + (n === 1 ? ' disguise' : ' disguises') + where + '.' : 'No disguises found' + where + '.',
    );
  }

  /* The per-document summary comes with /v1/scan (servers that have it): asked for only
   * when there are findings to summarise, shown when it arrives, ignored when absent. */
  async function fetchPatterns(text, seq) {
    let data = null;
    try {
      const res = await fetch('v1/scan', {
        method: 'POST',
        headers: authHeaders(),
        body: JSON.stringify({ text, profile: ui.profile.value }),
        signal: state.controller ? state.controller.signal : undefined,
      });
      if (!res.ok) return;
      data = await res.json();
    } catch (_) {
      return; // optional: the findings are already shown
    }
    if (seq !== state.seq || !data) return;
    state.patterns = validPatterns(data.patterns);
    renderPatterns();
  }

  function scheduleInspect() {
    clearTimeout(state.timer);
    if (currentText().length <= AUTO_LIMIT) state.timer = setTimeout(inspect, 400);
    else setStatus('Large text: press Inspect (or Ctrl+Enter) when ready.');
  }

  const boxCanShow = (text) => text.length <= BOX_LIMIT && !BOX_MARK_RUN.test(text);

  /* Inspect text from a file, a drop, a paste or the sample.  It is kept exactly as
   * given (a text box would turn CRLF into LF) and shown in the box only when the
   * browser can lay it out safely. */
  function useText(text, origin) {
    state.loaded = text;
    state.origin = origin;
    if (boxCanShow(text)) {
      ui.input.value = text;
      ui.held.hidden = true;
    } else {
      ui.input.value = '';
      ui.held.textContent =
        'Holding ' + Array.from(text).length + ' code points of ' + origin +
        ': not shown in the box, because text this large or with runs of hundreds of ' +
        'combining marks stalls the browser. Type in the box to replace it.';
      ui.held.hidden = false;
    }
    setStatus('Loaded ' + origin + '.');
    inspect();
  }

  /* Byte offset of the first byte that does not start a valid UTF-8 sequence, or -1
   * (the offset Python's decoder reports, so the CLI and the page name the same byte). */
  function firstInvalidUtf8(b) {
    let i = 0;
    while (i < b.length) {
      const c = b[i];
      if (c < 0x80) {
        i += 1;
        continue;
      }
      let need = 0;
      let min = 0;
      if (c >= 0xc2 && c <= 0xdf) [need, min] = [1, 0x80];
      else if (c >= 0xe0 && c <= 0xef) [need, min] = [2, 0x800];
      else if (c >= 0xf0 && c <= 0xf4) [need, min] = [3, 0x10000];
      else return i;
      let cp = c & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
      for (let k = 1; k <= need; k += 1) {
        const d = b[i + k];
        if (d === undefined || (d & 0xc0) !== 0x80) return i;
        cp = (cp << 6) | (d & 0x3f);
      }
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
      i += need + 1;
    }
    return -1;
  }

  const WIDE_BOMS = [
    [[0xff, 0xfe, 0x00, 0x00], 'UTF-32LE'],
    [[0x00, 0x00, 0xfe, 0xff], 'UTF-32BE'],
    [[0xff, 0xfe], 'UTF-16LE'],
    [[0xfe, 0xff], 'UTF-16BE'],
  ];

  /* UTF-16 without a byte order mark: most of the sampled bytes at one parity are NUL
   * (ASCII-range text in UTF-16), which no UTF-8 text looks like. */
  function sniffUtf16(b) {
    const n = Math.min(b.length, 4096) & ~1;
    if (n < 8) return null;
    let even = 0;
    let odd = 0;
    for (let i = 0; i < n; i += 2) {
      if (b[i] === 0) even += 1;
      if (b[i + 1] === 0) odd += 1;
    }
    const pairs = n / 2;
    if (odd >= pairs * 0.6 && even <= pairs * 0.1) return 'UTF-16LE';
    if (even >= pairs * 0.6 && odd <= pairs * 0.1) return 'UTF-16BE';
    return null;
  }

  /* The text of a file's bytes, or the reason it is not UTF-8 text, worded as the CLI
   * words it.  A browser's file.text() would turn bad bytes into U+FFFD silently and
   * report "No disguises found" on a file it never read right. */
  function decodeFile(bytes, name) {
    const convert = (enc) => '; decloak reads UTF-8 (convert it first: iconv -f ' + enc + ' -t UTF-8).';
    for (const [bom, enc] of WIDE_BOMS) {
      if (bom.every((x, i) => bytes[i] === x)) {
        return { error: name + ': looks like ' + enc + ' (byte order mark at offset 0)' + convert(enc) };
      }
    }
    const wide = sniffUtf16(bytes);
    if (wide) {
      return { error: name + ': looks like ' + wide + ' without a byte order mark (every other byte is NUL)' + convert(wide) };
    }
    try {
      return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
    } catch (_) {
      const at = Math.max(0, firstInvalidUtf8(bytes));
      const shown = Array.from(bytes.slice(at, at + 4))
        .filter((x, i) => i === 0 || x >= 0x80)
        .map((x) => '0x' + x.toString(16).toUpperCase().padStart(2, '0'))
        .join(' ');
      return {
        error:
          name + ': not UTF-8: invalid byte ' + shown.split(' ')[0] + ' at byte offset ' + at +
          ' (' + shown + '), so probably Latin-1 or Windows-1252' + convert('LATIN1'),
      };
    }
  }

  async function readFile(file) {
    if (!file) return;
    let decoded;
    try {
      decoded = decodeFile(new Uint8Array(await file.arrayBuffer()), file.name);
    } catch (err) {
      setStatus('Could not read ' + file.name + ': ' + (err && err.message), true);
      return;
    }
    if (decoded.error !== undefined) {
      // nothing inspected: an all-clear for text that was never read right would mislead
      if (state.controller) state.controller.abort();
      state.seq += 1;
      state.loaded = null;
      ui.input.value = '';
      ui.held.hidden = true;
      clearResults();
      setStatus(decoded.error, true);
      return;
    }
    useText(decoded.text, file.name);
  }

  async function copyCleaned() {
    const text = state.cleaned;
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch (_) {
      const ta = document.createElement('textarea');
      ta.value = text;
      ta.setAttribute('readonly', '');
      ta.className = 'visually-hidden';
      document.body.appendChild(ta);
      ta.select();
      try {
        ok = document.execCommand('copy');
      } catch (_e) {
        ok = false;
      }
      ta.remove();
    }
    ui.copy.dataset.copied = ok ? 'yes' : 'no';
    setStatus(
      ok
        ? 'Copied the cleaned text (' + Array.from(text).length + ' code points).'
        : 'Copy failed: select the cleaned text and copy it by hand.',
      !ok,
    );
  }

  // --- wiring ----------------------------------------------------------------------

  ui.input.addEventListener('input', () => {
    state.loaded = null;
    ui.held.hidden = true;
    scheduleInspect();
  });
  ui.input.addEventListener('paste', (ev) => {
    const text = ev.clipboardData ? ev.clipboardData.getData('text/plain') : '';
    if (text && !boxCanShow(text)) {
      ev.preventDefault(); // never let the box lay it out
      useText(text, 'pasted text');
    }
  });
  ui.input.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      inspect();
    }
  });
  ui.inspect.addEventListener('click', inspect);
  ui.profile.addEventListener('change', inspect);
  ui.showAll.addEventListener('change', () => {
    if (state.text) {
      renderOriginal();
      renderCleaned();
    }
  });
  ui.file.addEventListener('change', () => readFile(ui.file.files && ui.file.files[0]));
  ui.sample.addEventListener('click', async () => {
    try {
      const res = await fetch('static/sample.txt');
      if (!res.ok) throw new Error('HTTP ' + res.status);
      useText(await res.text(), 'the bundled sample');
    } catch (err) {
      setStatus('Could not load the sample: ' + (err && err.message), true);
    }
  });
  ui.copy.addEventListener('click', copyCleaned);
  ui.token.value = state.token;
  if (state.token) ui.tokenRow.hidden = false;
  ui.tokenRow.addEventListener('submit', (ev) => {
    ev.preventDefault();
    state.token = ui.token.value.trim();
    try {
      sessionStorage.setItem('decloak-token', state.token);
    } catch (_) {
      /* storage disabled: keep it in memory */
    }
    inspect();
  });

  ui.dropzone.addEventListener('dragover', (ev) => {
    ev.preventDefault();
    ui.dropzone.classList.add('dragging');
  });
  ui.dropzone.addEventListener('dragleave', () => ui.dropzone.classList.remove('dragging'));
  ui.dropzone.addEventListener('drop', (ev) => {
    ev.preventDefault();
    ui.dropzone.classList.remove('dragging');
    const dt = ev.dataTransfer;
    if (dt && dt.files && dt.files.length) readFile(dt.files[0]);
    else if (dt) useText(dt.getData('text/plain'), 'dropped text');
  });

  fetch('healthz')
    .then((r) => (r.ok ? r.json() : null))
    .then((h) => {
      if (h && typeof h.version === 'string') {
        ui.version.textContent = 'decloak ' + h.version + ' · Unicode ' + h.unicode_version;
      }
    })
    .catch(() => {});

  // A small hook for automated checks (and the curious): read-only views of the state.
  window.decloakInspector = Object.freeze({
    inspect,
    get cleaned() {
      return state.cleaned;
    },
    get findings() {
      return state.findings.length;
    },
  });
})();
