// Full-text search in the browser, over the index brief writes to /search/:
// a small manifest, then only the chunks that hold the query's terms, then
// the fragments of the results shown. No libraries, no eval, nothing inline.
//
// Query parsing follows the Go side (internal/search: Normalize, tokenize,
// stem, ParseQuery) rule for rule; a test runs both over a table of cases.
(function () {
  "use strict";

  // ---- Text rules, the same as internal/search ----

  var MARKS = /[\u0300-\u036f]/g;
  var FOLD = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ı": "i", "ς": "σ" };
  var FOLD_RE = /[ßæœøđðþłıς]/g;
  var CJK = "\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}";
  var WORD = "(?:(?![" + CJK + "])[\\p{L}\\p{N}\\p{M}])+";
  var TOKEN = new RegExp("([" + CJK + "]+)|(" + WORD + "(?:['\u2019]" + WORD + ")*)", "gu");
  var APOS = /['\u2019]/g;
  var MAX_WORD = 40, MIN_PREFIX = 3, MAX_GROUPS = 12;

  function normalize(s) {
    if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase();
    s = s.normalize("NFKC").toLowerCase().normalize("NFD").replace(MARKS, "").normalize("NFC");
    return s.replace(FOLD_RE, function (c) { return FOLD[c]; });
  }

  // tokenize returns the words and CJK runs of a normalised string.
  function tokenize(s) {
    var out = [], m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(s))) {
      var end = m.index + m[0].length;
      if (m[1]) {
        out.push({ text: m[1], cjk: true, start: m.index, end: end, endsText: end === s.length });
      } else {
        var text = m[2].replace(APOS, "");
        out.push({ text: text, cjk: false, start: m.index, end: end, endsText: end === s.length,
          tooLong: Array.from(text).length > MAX_WORD });
      }
    }
    return out;
  }

  // cjkTerms: every pair of neighbouring characters, then the last alone.
  function cjkTerms(run) {
    var cs = Array.from(run), out = [];
    for (var i = 1; i < cs.length; i++) out.push(cs[i - 1] + cs[i]);
    out.push(cs[cs.length - 1]);
    return out;
  }

  function hasVowel(s) { return /[aeiou]/.test(s); }
  function ends(s, x) { return s.length >= x.length && s.slice(s.length - x.length) === x; }

  // stem: plural s, -ing, -ed and a final e, on lower-case a-z words only.
  function stem(w) {
    if (w.length < 4 || !/^[a-z]+$/.test(w)) return w;
    if (ends(w, "sses")) w = w.slice(0, -2);
    else if (ends(w, "ies") && w.length > 4) w = w.slice(0, -3) + "y";
    else if (ends(w, "ss") || ends(w, "us") || ends(w, "is")) { /* class, status, basis */ }
    else if (ends(w, "s")) w = w.slice(0, -1);
    if (ends(w, "ing") && w.length >= 6 && hasVowel(w.slice(0, -3))) w = w.slice(0, -3);
    else if (ends(w, "ed") && !ends(w, "eed") && w.length >= 5 && hasVowel(w.slice(0, -2))) w = w.slice(0, -2);
    if (w.length >= 4 && w.charAt(w.length - 1) === "e") w = w.slice(0, -1);
    return w;
  }

  // parseQuery: one group per word (its stem; the last word, unfinished,
  // also as a prefix) and per pair of CJK characters; a lone CJK
  // character is a prefix.
  function parseQuery(q) {
    var groups = [], seen = {};
    function add(g) {
      var k = g.exact + "\u0000" + g.prefix;
      if (!seen[k] && groups.length < MAX_GROUPS) { seen[k] = true; groups.push(g); }
    }
    tokenize(normalize(q)).forEach(function (t) {
      if (t.tooLong) return;
      if (t.cjk) {
        var terms = cjkTerms(t.text);
        if (terms.length === 1) { add({ exact: "", prefix: t.text }); return; }
        for (var i = 0; i < terms.length - 1; i++) add({ exact: terms[i], prefix: "" });
        return;
      }
      add({ exact: stem(t.text), prefix: t.endsText && Array.from(t.text).length >= MIN_PREFIX ? t.text : "" });
    });
    return groups;
  }

  // matches: 0 no, 1 by a longer word found by prefix, 2 the word itself.
  function matches(g, term) {
    if (term === g.exact || term === g.prefix) return 2;
    return g.prefix && term.startsWith(g.prefix) ? 1 : 0;
  }

  // ---- Index files ----

  // Compare strings in code point order, as Go sorts UTF-8.
  function cu(c) { return c >= 0xd800 ? (c >= 0xe000 ? c - 0x800 : c + 0x2000) : c; }
  function cmp(a, b) {
    for (var i = 0, n = Math.min(a.length, b.length); i < n; i++) {
      var x = cu(a.charCodeAt(i)), y = cu(b.charCodeAt(i));
      if (x !== y) return x - y;
    }
    return a.length - b.length;
  }

  // Index reads the files beside the manifest at manifestURL.
  function Index(manifestURL) {
    var slash = manifestURL.lastIndexOf("/") + 1;
    this.base = manifestURL.slice(0, slash);
    this.manifestName = manifestURL.slice(slash);
    this.cache = {};
    this.chunks = {};
    this.manifest = null;
  }

  Index.prototype.get = function (path, binary) {
    var self = this;
    if (!this.cache[path]) {
      this.cache[path] = fetch(this.base + path).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return binary ? r.arrayBuffer().then(inflate) : r.json();
      });
      this.cache[path].catch(function () { delete self.cache[path]; });
    }
    return this.cache[path];
  };

  // inflate: the binary files are gzip; a host may have inflated them already.
  function inflate(buf) {
    var b = new Uint8Array(buf);
    if (b.length < 2 || b[0] !== 0x1f || b[1] !== 0x8b) return b;
    var s = new Blob([b]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(s).arrayBuffer().then(function (x) { return new Uint8Array(x); });
  }

  function Reader(b) { this.b = b; this.i = 0; }
  Reader.prototype.uint = function () {
    var v = 0, shift = 1, c;
    do { c = this.b[this.i++]; v += (c & 0x7f) * shift; shift *= 128; } while (c & 0x80);
    return v;
  };
  Reader.prototype.ids = function () {
    var n = this.uint(), ids = new Uint32Array(n), last = 0;
    for (var k = 0; k < n; k++) { last += this.uint(); ids[k] = last; }
    return ids;
  };

  var utf8 = new TextDecoder();

  function decodeChunk(b) {
    var r = new Reader(b), n = r.uint(), prev = new Uint8Array(0), out = [];
    for (var k = 0; k < n; k++) {
      var shared = r.uint(), rest = r.uint(), term = new Uint8Array(shared + rest);
      term.set(prev.subarray(0, shared));
      term.set(b.subarray(r.i, r.i + rest), shared);
      r.i += rest;
      var ids = r.ids(), scores = b.subarray(r.i, r.i + ids.length);
      r.i += ids.length;
      out.push({ term: utf8.decode(term), ids: ids, scores: scores });
      prev = term;
    }
    return out;
  }

  Index.prototype.load = function () {
    var self = this;
    return this.get(this.manifestName).then(function (m) {
      if (m.version !== 1) throw new Error("search index version " + m.version);
      self.manifest = m;
      return m;
    });
  };

  // chunkOf: the last chunk whose lowest term is not above t.
  Index.prototype.chunkOf = function (t) {
    var cs = this.manifest.chunks, lo = 0, hi = cs.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (cmp(cs[mid][0], t) > 0) hi = mid; else lo = mid + 1;
    }
    return lo - 1;
  };

  Index.prototype.chunksFor = function (g) {
    var cs = this.manifest.chunks, names = [];
    if (g.exact) names.push(cs[this.chunkOf(g.exact)][1]);
    if (g.prefix) {
      var i = this.chunkOf(g.prefix);
      names.push(cs[i][1]);
      while (i + 1 < cs.length && cs[i + 1][0].startsWith(g.prefix)) names.push(cs[++i][1]);
    }
    return names.filter(function (n, k) { return names.indexOf(n) === k; });
  };

  // chunk loads a chunk's bytes; decoded decodes them once, as part of the
  // query's own time.
  Index.prototype.chunk = function (name) {
    return this.get("c/" + name + ".bin", true).then(function (b) { return { name: name, bytes: b }; });
  };

  Index.prototype.decoded = function (c) {
    return this.chunks[c.name] || (this.chunks[c.name] = decodeChunk(c.bytes));
  };

  Index.prototype.set = function (kind, value) {
    var name = (this.manifest.filters[kind] || {})[value];
    if (!name) return Promise.resolve(new Uint32Array(0));
    return this.get("s/" + name + ".bin", true).then(function (b) { return new Reader(b).ids(); });
  };

  // search resolves to {ids: best first, ms: time spent decoding the chunks
  // and ranking, once the files were loaded}. Ranking is Reader.Search's in
  // internal/search.
  Index.prototype.search = function (groups, filters) {
    var self = this, docs = this.manifest.docs;
    var sets = filters.map(function (f) { return self.set(f.kind, f.value); });
    var chunks = groups.map(function (g) {
      return Promise.all(self.chunksFor(g).map(function (n) { return self.chunk(n); }));
    });
    return Promise.all([Promise.all(sets), Promise.all(chunks)]).then(function (loaded) {
      var t0 = performance.now();
      var need = 0, allowed = new Uint8Array(docs), total = new Float64Array(docs);
      loaded[0].forEach(function (ids) {
        for (var k = 0; k < ids.length; k++) allowed[ids[k]]++;
        need++;
      });
      groups.forEach(function (g, gi) {
        var best = new Float64Array(docs);
        loaded[1][gi].forEach(function (c) {
          self.decoded(c).forEach(function (e) {
            var how = matches(g, e.term);
            if (!how) return;
            var w = Math.round(100 * Math.log(1 + docs / e.ids.length)) * how;
            for (var k = 0; k < e.ids.length; k++) {
              var s = w * e.scores[k];
              if (s > best[e.ids[k]]) best[e.ids[k]] = s;
            }
          });
        });
        for (var id = 0; id < docs; id++) {
          if (best[id] > 0) { allowed[id]++; total[id] += best[id]; }
        }
        need++;
      });
      var ids = [];
      for (var id = 0; id < docs; id++) if (allowed[id] === need) ids.push(id);
      ids.sort(function (a, b) { return total[b] - total[a] || b - a; });
      return { ids: ids, ms: performance.now() - t0 };
    });
  };

  Index.prototype.fragment = function (id) {
    return this.get("f/" + id + ".json", false);
  };

  // ---- Highlighting ----

  // spans finds, in original (not normalised) text, the ranges a reader
  // should see marked: words whose stem matches a group, and CJK pairs or
  // characters the query asks for (a group without an exact term is a lone
  // CJK character). Each span notes its group.
  function spans(text, groups) {
    var out = [], m;
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text))) {
      var at = m.index, raw = m[0];
      if (m[2]) {
        var w = normalize(raw.replace(APOS, ""));
        for (var g = 0; g < groups.length; g++) {
          if (groups[g].exact && matches(groups[g], stem(w))) { out.push([at, at + raw.length, g]); break; }
        }
        continue;
      }
      var cs = Array.from(raw), pos = [], p = at;
      for (var k = 0; k < cs.length; k++) { pos.push(p); p += cs[k].length; }
      pos.push(p);
      for (k = 0; k < cs.length; k++) {
        var one = normalize(cs[k]), two = k + 1 < cs.length ? one + normalize(cs[k + 1]) : "";
        for (g = 0; g < groups.length; g++) {
          var gr = groups[g];
          if (two && gr.exact === two) out.push([pos[k], pos[k + 2], g]);
          else if (!gr.exact && gr.prefix === one) out.push([pos[k], pos[k + 1], g]);
        }
      }
    }
    out.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    out.forEach(function (s) {
      var last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else merged.push(s.slice());
    });
    return merged;
  }

  // appendMarked adds text[from:to] to el with the spans inside marked.
  function appendMarked(el, text, from, to, marks) {
    var at = from;
    marks.forEach(function (s) {
      var a = Math.max(s[0], from), b = Math.min(s[1], to);
      if (a >= b || a < at) return;
      el.appendChild(document.createTextNode(text.slice(at, a)));
      var mk = document.createElement("mark");
      mk.textContent = text.slice(a, b);
      el.appendChild(mk);
      at = b;
    });
    el.appendChild(document.createTextNode(text.slice(at, to)));
  }

  var SNIPPET = 220;

  // snippet fills el with the stretch of text that shows the most of the
  // query's groups, or the summary when the text has no match.
  function snippet(el, frag, groups) {
    var text = frag.text || "", marks = spans(text, groups);
    if (!marks.length) {
      var sum = frag.summary || text.slice(0, SNIPPET);
      appendMarked(el, sum, 0, sum.length, spans(sum, groups));
      if (!frag.summary && text.length > SNIPPET) el.appendChild(document.createTextNode(" …"));
      return;
    }
    var best = 0, bestCount = -1;
    for (var i = 0; i < marks.length && i < 200; i++) {
      var seen = {}, count = 0;
      for (var j = i; j < marks.length && marks[j][1] - marks[i][0] < SNIPPET * 0.7; j++) {
        if (!seen[marks[j][2]]) { seen[marks[j][2]] = true; count++; }
      }
      if (count > bestCount) { best = i; bestCount = count; }
    }
    var from = Math.max(0, marks[best][0] - 60), to = Math.min(text.length, from + SNIPPET);
    if (from > 0) { var sp = text.indexOf(" ", from); if (sp > 0 && sp < marks[best][0]) from = sp + 1; }
    if (to < text.length) { var ep = text.lastIndexOf(" ", to); if (ep > marks[best][1]) to = ep; }
    if (from > 0) el.appendChild(document.createTextNode("… "));
    appendMarked(el, text, from, to, marks);
    if (to < text.length) el.appendChild(document.createTextNode(" …"));
  }

  // ---- Page ----

  var PAGE = 10;

  function start() {
    var form = document.getElementById("search-form");
    if (!form || !window.fetch || !window.DecompressionStream) return;
    var input = document.getElementById("q");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    var more = document.getElementById("search-more");
    var nojs = document.getElementById("search-nojs");
    var selects = ["jurisdiction", "tag", "year"].map(function (k) { return document.getElementById(k); })
      .filter(Boolean);
    var index = new Index(form.getAttribute("data-index"));
    var run = 0, shown = 0, current = null, timer = 0;
    if (nojs) nojs.hidden = true;

    // The page's words, from the theme's language file (data-text on the
    // status); the English ones serve a theme whose page has none.
    var text = {};
    try { text = JSON.parse(status.getAttribute("data-text") || "{}"); } catch (e) { text = {}; }
    var plurals = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang || "en") : null;
    function say(key, args, english) {
      var m = text[key] != null ? text[key] : english;
      if (typeof m === "object") {
        var n = args && typeof args.count === "number" ? args.count : NaN, form = "other";
        if (n === 0 && m.zero != null) form = "zero";
        else if (plurals && n === n) form = plurals.select(n);
        m = m[form] != null ? m[form] : m.other;
      }
      return m.replace(/\{(\w+)\}/g, function (all, name) { return args && name in args ? String(args[name]) : all; });
    }
    var sep = say("list_separator", null, ", ");

    function filters() {
      return selects.filter(function (s) { return s.value; })
        .map(function (s) { return { kind: s.name, value: s.value }; });
    }

    function describe() {
      var parts = selects.filter(function (s) { return s.value; }).map(function (s) {
        return s.options[s.selectedIndex].text;
      });
      return parts.length ? say("search_filters", { list: parts.join(sep) }, " in {list}") : "";
    }

    function syncURL() {
      var p = new URLSearchParams();
      if (input.value.trim()) p.set("q", input.value.trim());
      selects.forEach(function (s) { if (s.value) p.set(s.name, s.value); });
      var qs = p.toString();
      history.replaceState(null, "", location.pathname + (qs ? "?" + qs : ""));
    }

    function render(result, groups, from, focus) {
      var ids = result.ids.slice(from, from + PAGE), mine = run;
      return Promise.all(ids.map(function (id) { return index.fragment(id); })).then(function (frags) {
        if (mine !== run) return;
        var first = null;
        frags.forEach(function (f) {
          var li = document.createElement("li");
          var h = document.createElement("h2");
          var a = document.createElement("a");
          a.href = f.url;
          appendMarked(a, f.title, 0, f.title.length, spans(f.title, groups));
          h.appendChild(a);
          var meta = document.createElement("p");
          meta.className = "meta";
          var time = document.createElement("time");
          time.dateTime = f.date;
          time.textContent = f.date;
          meta.appendChild(time);
          var rest = (f.jurisdictions || []).join(sep);
          if (f.tags && f.tags.length) rest += (rest ? " · " : "") + f.tags.join(sep);
          if (rest) meta.appendChild(document.createTextNode(" · " + rest));
          var p = document.createElement("p");
          p.className = "snippet";
          snippet(p, f, groups);
          li.appendChild(h);
          li.appendChild(meta);
          li.appendChild(p);
          list.appendChild(li);
          if (!first) first = a;
        });
        shown = from + ids.length;
        more.hidden = shown >= result.ids.length;
        list.setAttribute("aria-busy", "false");
        if (focus && first) first.focus();
      });
    }

    function search() {
      var q = input.value, fs = filters(), groups = parseQuery(q), mine = ++run;
      list.setAttribute("aria-busy", "true");
      if (!groups.length && !fs.length) {
        list.textContent = "";
        list.setAttribute("aria-busy", "false");
        more.hidden = true;
        status.textContent = q.trim() ? say("search_typing", null, "Type a word to search.") : "";
        current = null;
        return Promise.resolve();
      }
      // Said only if the answer is slow to come: a screen reader need not
      // hear it on every keystroke.
      var slow = setTimeout(function () { if (mine === run) status.textContent = say("search_busy", null, "Searching…"); }, 400);
      return (index.manifest ? Promise.resolve() : index.load()).then(function () {
        return index.search(groups, fs);
      }).then(function (result) {
        clearTimeout(slow);
        if (mine !== run) return;
        current = { result: result, groups: groups };
        status.setAttribute("data-ms", result.ms.toFixed(2));
        list.textContent = "";
        var n = result.ids.length, what = q.trim() ? say("search_query", { q: q.trim() }, " for “{q}”") : "";
        status.textContent = n
          ? say("search_found", { count: n, query: what, filters: describe() }, { one: "{count} briefing found{query}{filters}.", other: "{count} briefings found{query}{filters}." })
          : say("search_none", { query: what, filters: describe() }, "No briefings found{query}{filters}. Try fewer or shorter words, or another filter.");
        return render(result, groups, 0, false);
      }).catch(function (e) {
        clearTimeout(slow);
        if (mine !== run) return;
        status.textContent = say("search_error", { error: e.message }, "Search is unavailable: {error}");
        list.setAttribute("aria-busy", "false");
      });
    }

    function later() {
      clearTimeout(timer);
      timer = setTimeout(function () { syncURL(); search(); }, 150);
    }

    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    selects.forEach(function (s) {
      var v = params.get(s.name);
      if (v && Array.prototype.some.call(s.options, function (o) { return o.value === v; })) s.value = v;
    });
    input.addEventListener("input", later);
    selects.forEach(function (s) { s.addEventListener("change", later); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      syncURL();
      search();
    });
    more.addEventListener("click", function () {
      if (!current) return;
      list.setAttribute("aria-busy", "true");
      render(current.result, current.groups, shown, true);
    });
    if (input.value || filters().length) search();
  }

  // For tests: the same rules as internal/search.
  window.briefSearch = { normalize: normalize, tokenize: tokenize, stem: stem, parseQuery: parseQuery, Index: Index };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
