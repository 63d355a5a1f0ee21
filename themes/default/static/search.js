// The search page. The index is a set of small scripts in search/ that
// register themselves through window.wpSearch, loaded with <script> tags
// rather than fetched, so that search works from file:// too. Queries are
// cut into terms exactly as generator/search cuts the text it indexes: the
// two must agree.
(function () {
  "use strict";
  var app = document.getElementById("search-app");
  if (!app) return;
  var base = app.getAttribute("data-index");
  var root = app.getAttribute("data-root");
  var text = function (k) { return app.getAttribute("data-" + k) || ""; };
  var fileProtocol = location.protocol === "file:";
  var form = document.querySelector(".search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");

  var meta = null, shards = {}, docs = {};
  window.wpSearch = {
    meta: function (m) { meta = m; },
    shard: function (i, data) { shards[i] = data; },
    doc: function (id, d) { docs[id] = d; },
    // For the tests: the normal form generator/search's Normalize gives.
    normalize: function (s) { return join(units(s)); }
  };
  var loading = {};
  function load(src) {
    if (!loading[src]) {
      loading[src] = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = src;
        s.async = true;
        s.onload = resolve;
        s.onerror = function () { delete loading[src]; reject(new Error(src)); };
        document.head.appendChild(s);
      });
    }
    return loading[src];
  }

  // --- Normalising, as generator/search/normalize.go does. ---
  var cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
  var letter = /[\p{L}\p{M}]/u;
  var cnDigits = { "〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10 };
  function fold(c) {
    var cp = c.codePointAt(0);
    if (cp >= 0xff01 && cp <= 0xff5e) c = String.fromCodePoint(cp - 0xfee0);
    return c.toLowerCase();
  }
  function isDigit(c) { return c >= "0" && c <= "9" && c.length === 1; }
  function cnNumber(ds) {
    var ten = -1;
    for (var i = 0; i < ds.length; i++) {
      if (ds[i] === 10) { if (ten >= 0) return null; ten = i; }
    }
    if (ten < 0) return ds.join("");
    if (ten > 1 || ds.length - ten > 2) return null;
    var v = 10;
    if (ten === 1) { if (ds[0] === 0) return null; v = ds[0] * 10; }
    if (ten + 1 < ds.length) { if (ds[ten + 1] === 0) return null; v += ds[ten + 1]; }
    return String(v);
  }
  // units cuts s into {t: text, k: "h"|"n"|"w", j: joined, s, e: offsets}.
  function units(s) {
    var cs = [], pos = [], out = [], joined = false;
    for (var off = 0; off < s.length;) {
      var c = String.fromCodePoint(s.codePointAt(off));
      cs.push(c); pos.push(off); off += c.length;
    }
    pos.push(s.length);
    for (var i = 0; i < cs.length;) {
      var r = fold(cs[i]), j;
      if (isDigit(r)) {
        var num = "";
        for (j = i; j < cs.length && isDigit(fold(cs[j])); j++) num += fold(cs[j]);
        out.push({ t: num, k: "n", j: joined, s: pos[i], e: pos[j] });
        joined = true; i = j;
      } else if (r in cnDigits) {
        var ds = [];
        for (j = i; j < cs.length && cs[j] in cnDigits; j++) ds.push(cnDigits[cs[j]]);
        var n = cnNumber(ds);
        if (n !== null) {
          out.push({ t: n, k: "n", j: joined, s: pos[i], e: pos[j] });
        } else {
          for (var x = i; x < j; x++) { out.push({ t: cs[x], k: "h", j: joined, s: pos[x], e: pos[x + 1] }); joined = true; }
        }
        joined = true; i = j;
      } else if (cjk.test(r)) {
        out.push({ t: r, k: "h", j: joined, s: pos[i], e: pos[i + 1] });
        joined = true; i++;
      } else if (letter.test(r)) {
        var w = "";
        for (j = i; j < cs.length; j++) {
          var f = fold(cs[j]);
          if (cjk.test(f) || !letter.test(f)) break;
          w += f;
        }
        out.push({ t: w, k: "w", j: false, s: pos[i], e: pos[j] });
        joined = false; i = j;
      } else {
        joined = false; i++;
      }
    }
    return out;
  }
  function join(us) {
    var b = "";
    us.forEach(function (u, i) {
      if (i > 0 && (!u.j || u.k === "w")) b += " ";
      b += u.t;
    });
    return b;
  }
  var stop = { a: 1, an: 1, the: 1, of: 1, "in": 1, on: 1, "for": 1, to: 1, and: 1, or: 1, at: 1, "with": 1, by: 1, is: 1 };
  // runs are the query's runs of units, for highlighting; terms what it
  // looks up.
  function parse(q) {
    var us = units(q), terms = [], runs = [], seen = {}, words = 0;
    us.forEach(function (u) { if (u.k === "w" && !stop[u.t]) words++; });
    function add(t, prefix) {
      var k = (prefix ? "*" : "") + t;
      if (!seen[k]) { seen[k] = true; terms.push({ t: t, p: prefix }); }
    }
    for (var i = 0; i < us.length; i++) {
      var u = us[i];
      if (u.k === "w") {
        if (stop[u.t] && words > 0) continue;
        var w = u.t;
        if (w.length >= 4 && w.endsWith("s")) w = w.slice(0, -1);
        add(w, true);
        runs.push([{ t: w, k: "w" }]);
        continue;
      }
      var j = i + 1;
      while (j < us.length && us[j].j && us[j].k !== "w") j++;
      if (j - i === 1) add(u.t, u.k === "h");
      for (var k = i; k + 1 < j; k++) add(us[k].t + us[k + 1].t, false);
      runs.push(us.slice(i, j));
      i = j - 1;
    }
    return { terms: terms, runs: runs, name: join(us) };
  }
  function variants(q) {
    var us = units(q), alt = [], changed = false;
    for (var i = 0; i < us.length; i++) {
      var u = us[i], nx = us[i + 1];
      if (u.k === "w" && (u.t === "building" || u.t === "bldg" || u.t === "block") && nx && nx.k === "n") {
        alt.push({ t: nx.t, k: "n", j: false }, { t: "号", k: "h", j: true }, { t: "楼", k: "h", j: true });
        i++; changed = true;
      } else if (u.k === "n" && nx && nx.j && (nx.t === "号" || nx.t === "栋" || nx.t === "幢")) {
        alt.push({ t: "building", k: "w", j: false }, { t: u.t, k: "n", j: false });
        i++;
        if (us[i + 1] && us[i + 1].j && us[i + 1].t === "楼") i++;
        changed = true;
      } else {
        alt.push(u);
      }
    }
    if (!changed) return [q];
    // bldg 3 and block 3 are "building 3" on an English site.
    var short = false, en = us.map(function (u) {
      if (u.k === "w" && (u.t === "bldg" || u.t === "block")) { short = true; return { t: "building", k: "w", j: false }; }
      return u;
    });
    return short ? [q, join(alt), join(en)] : [q, join(alt)];
  }
  function shardKey(t) {
    t = t.replace(/^[\^=]+/, "");
    var cps = Array.from(t);
    if (!cps.length) return "";
    if (isDigit(cps[0])) return t.match(/^[0-9]+/)[0];
    if (cjk.test(cps[0])) return cps[0];
    return cps.slice(0, 2).join("");
  }
  var utf8 = new TextEncoder();
  function shardOf(t) {
    var h = 0x811c9dc5;
    utf8.encode(shardKey(t)).forEach(function (b) { h = Math.imul(h ^ b, 16777619) >>> 0; });
    return h % meta.shards.length;
  }
  function shardURL(i) { return base + "s/" + i + ".js?v=" + meta.shards[i]; }

  // --- Ranking, as Index.match does. ---
  function postings(str) {
    var out = [], id = 0;
    str.split(",").forEach(function (x) {
      var v = parseInt(x, 36);
      id += Math.floor(v / 4);
      out.push([id, v & 3]);
    });
    return out;
  }
  function match(p) {
    // A number is never left out: 13号楼 must not list every building.
    var n = meta.docs, matched = {}, score = {}, numbers = {}, numTerms = 0;
    p.terms.forEach(function (t) {
      var shard = shards[shardOf(t.t)] || {}, best = {}, df = 0;
      var visit = function (str) {
        postings(str).forEach(function (pf) {
          df++;
          if (!(pf[0] in best) || pf[1] > best[pf[0]]) best[pf[0]] = pf[1];
        });
      };
      if (t.p) {
        Object.keys(shard).forEach(function (k) { if (k.startsWith(t.t)) visit(shard[k]); });
      } else if (Object.prototype.hasOwnProperty.call(shard, t.t)) {
        visit(shard[t.t]);
      }
      var idf = Math.log(1 + n / Math.max(df, 1)), num = /[0-9]/.test(t.t);
      if (num) numTerms++;
      Object.keys(best).forEach(function (id) {
        matched[id] = (matched[id] || 0) + 1;
        if (num) numbers[id] = (numbers[id] || 0) + 1;
        var f = best[id], w = 1 + (f & 1 ? 2 : 0) + (f & 2 ? 1 : 0);
        score[id] = (score[id] || 0) + idf * w;
      });
    });
    var len = p.terms.length, partial = {};
    // Partial matches: for three terms or more only (Index.match).
    Object.keys(matched).forEach(function (id) {
      if (matched[id] === len) score[id] += 1e4;
      else if (len >= 3 && 2 * matched[id] >= len && (numbers[id] || 0) === numTerms) partial[id] = true;
      else delete score[id];
    });
    // When every part of the query is a name or a name's start, the
    // pages so named come first, each part by its share (Index.match).
    var parts = p.name.split(" ").filter(Boolean), sizes = parts.map(function (x) { return units(x).length; });
    var total = sizes.reduce(function (a, b) { return a + b; }, 0);
    var names = parts.every(function (part) {
      return Object.prototype.hasOwnProperty.call(shards[shardOf("^" + part)] || {}, "^" + part);
    });
    if (names) parts.forEach(function (part, i) {
      [["^", 1e5], ["=", 1e6]].forEach(function (b) {
        var key = b[0] + part, shard = shards[shardOf(key)] || {};
        if (!Object.prototype.hasOwnProperty.call(shard, key)) return;
        postings(shard[key]).forEach(function (pf) { if (matched[pf[0]] === len) score[pf[0]] += b[1] * sizes[i] / total; });
      });
    });
    return { score: score, partial: partial };
  }

  // --- Showing the results. ---
  function esc(s) {
    return s.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }
  // marks finds the spans of text that a query's runs (by variant) match:
  // a whole run, or failing that any two of its units side by side.
  function marks(str, runs) {
    var us = units(str), spans = [];
    function same(q, d) { return q.k === "w" ? d.k === "w" && d.t.startsWith(q.t) : q.t === d.t; }
    function find(run) {
      var found = false;
      for (var i = 0; i + run.length <= us.length; i++) {
        var ok = true;
        for (var k = 0; k < run.length && ok; k++) {
          ok = same(run[k], us[i + k]) && (k === 0 || us[i + k].j);
        }
        if (ok) { spans.push([us[i].s, us[i + run.length - 1].e]); found = true; }
      }
      return found;
    }
    // Of the query and its other form (12号楼 for "building 12"), the
    // one that marks longer phrases of the text.
    var best = [], bestLen = 0;
    runs.forEach(function (variant) {
      spans = [];
      variant.forEach(function (run) {
        if (!find(run) && run.length > 2) {
          for (var k = 0; k + 1 < run.length; k++) find(run.slice(k, k + 2));
        }
      });
      var len = spans.reduce(function (n, s) { return n + (s[1] - s[0]) * (s[1] - s[0]); }, 0);
      if (len > bestLen) { best = spans; bestLen = len; }
    });
    spans = best;
    spans.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var out = [];
    spans.forEach(function (s) {
      var last = out[out.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else out.push(s.slice());
    });
    return out;
  }
  function highlight(str, spans, from, to) {
    var b = "", at = from;
    spans.forEach(function (s) {
      if (s[1] <= from || s[0] >= to) return;
      var a = Math.max(s[0], from), z = Math.min(s[1], to);
      b += esc(str.slice(at, a)) + "<mark>" + esc(str.slice(a, z)) + "</mark>";
      at = z;
    });
    return b + esc(str.slice(at, to));
  }
  function snippet(str, runs) {
    var spans = marks(str, runs), width = 110;
    var from = 0;
    if (spans.length) from = Math.max(0, spans[0][0] - 30);
    // Start at a line's start when it is near.
    var nl = str.lastIndexOf("\n", from);
    if (nl >= 0 && from - nl < 30) from = nl + 1;
    var to = Math.min(str.length, from + width);
    return (from > 0 ? "…" : "") + highlight(str, spans, from, to).replace(/\n/g, " ") + (to < str.length ? "…" : "");
  }
  function href(url) {
    var h = root + url;
    if (h === "") h = "./";
    if (fileProtocol) h = h.replace(/\/?$/, "/") + "index.html";
    return h;
  }

  var ranked = [], shown = 0, runs = [], token = 0, firstPartial = -1, baseTitle = document.title;
  function showMore() {
    var page = ranked.slice(shown, shown + 10), my = token;
    var start = shown;
    shown += page.length;
    more.hidden = true;
    return Promise.all(page.map(function (r) {
      return load(base + "d/" + r.id + ".js?v=" + meta.v);
    })).then(function () {
      if (my !== token) return;
      page.forEach(function (r, i) {
        var d = docs[r.id];
        if (!d) return;
        if (start + i === firstPartial) {
          var note = document.createElement("li");
          note.className = "search-partial";
          note.textContent = text("partial");
          list.appendChild(note);
        }
        var li = document.createElement("li");
        var where = [d.k, d.g, d.c].filter(Boolean).map(esc).join(" · ");
        li.innerHTML = '<a href="' + esc(href(d.u)) + '">' + highlight(d.t, marks(d.t, runs), 0, d.t.length) + "</a>" +
          (where ? '<p class="meta">' + where + "</p>" : "") +
          '<p class="snippet">' + snippet(d.x, runs) + "</p>";
        list.appendChild(li);
      });
      more.hidden = shown >= ranked.length;
    });
  }
  function fail() {
    status.textContent = text("failed");
  }
  function search(q) {
    var my = ++token;
    list.innerHTML = "";
    more.hidden = true;
    ranked = []; shown = 0; firstPartial = -1;
    document.title = (q.trim() ? q + " · " : "") + baseTitle;
    if (!q.trim()) { status.textContent = ""; return Promise.resolve(); }
    status.textContent = text("loading");
    var parsed = variants(q).map(parse).filter(function (p) { return p.terms.length; });
    runs = parsed.map(function (p) { return p.runs; });
    return load(base + "meta.js?t=" + Date.now()).then(function () {
      var need = {};
      parsed.forEach(function (p) {
        p.terms.forEach(function (t) { need[shardOf(t.t)] = true; });
        p.name.split(" ").forEach(function (part) { if (part) need[shardOf("^" + part)] = true; });
      });
      return Promise.all(Object.keys(need).map(function (i) { return load(shardURL(i)); }));
    }).then(function () {
      if (my !== token) return;
      var score = {}, partial = {};
      parsed.forEach(function (p) {
        var m = match(p);
        Object.keys(m.score).forEach(function (id) {
          if (!(id in score) || m.score[id] > score[id]) {
            score[id] = m.score[id];
            if (m.partial[id]) partial[id] = true; else delete partial[id];
          }
        });
      });
      ranked = Object.keys(score).map(function (id) { return { id: +id, s: score[id], p: !!partial[id] }; });
      ranked.sort(function (a, b) { return b.s - a.s || a.id - b.id; });
      for (var i = 0; i < ranked.length; i++) if (ranked[i].p) { firstPartial = i; break; }
      // The count is told once the first results are shown, so that a
      // screen reader announces them together.
      return showMore().then(function () {
        if (my === token) status.textContent = ranked.length ? text("results").replace("%d", ranked.length) : text("none").replace("%s", q);
      });
    }).catch(function () { if (my === token) fail(); });
  }

  function current() { return new URLSearchParams(location.search).get("q") || ""; }
  input.value = current();
  search(input.value);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var q = input.value;
    // The query goes into the address, so that a search can be shared.
    var u = new URL(location.href);
    u.searchParams.set("q", q);
    try { history.pushState(null, "", u.href); } catch (err) { /* file:// in some browsers */ }
    search(q);
  });
  window.addEventListener("popstate", function () { input.value = current(); search(input.value); });
  more.addEventListener("click", function () {
    var next = list.children.length;
    showMore().then(function () {
      var a = list.children[next] && list.children[next].querySelector("a");
      if (a) a.focus();
    });
  });
  // Arrow keys move between the results, from the box and back.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(list.querySelectorAll("li > a"));
    var i = links.indexOf(document.activeElement);
    if (document.activeElement === input && e.key === "ArrowDown" && links.length) {
      links[0].focus(); e.preventDefault();
    } else if (i >= 0) {
      e.preventDefault();
      if (e.key === "ArrowDown" && i + 1 < links.length) links[i + 1].focus();
      else if (e.key === "ArrowUp") (i > 0 ? links[i - 1] : input).focus();
    }
  });
})();
