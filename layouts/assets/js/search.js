// Client-side search over /search/index.json: every word typed must match
// the title, summary, tags or jurisdictions. No libraries, no network beyond
// the index itself.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!input || !list) return;
  var index = null;

  function norm(s) { return (s || "").toLowerCase(); }

  function load() {
    if (index) return Promise.resolve(index);
    return fetch(input.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (data) {
      index = data.map(function (d) {
        d.hay = norm([d.title, d.summary, (d.tags || []).join(" "), (d.jurisdictions || []).join(" ")].join(" "));
        return d;
      });
      return index;
    });
  }

  function show(query) {
    var words = norm(query).split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!words.length) { status.textContent = ""; return; }
    load().then(function (docs) {
      var hits = docs.filter(function (d) { return words.every(function (w) { return d.hay.indexOf(w) >= 0; }); });
      status.textContent = hits.length + (hits.length === 1 ? " briefing" : " briefings") + " found";
      hits.slice(0, 50).forEach(function (d) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = d.url; a.textContent = d.title;
        var meta = document.createElement("div");
        meta.className = "meta";
        meta.textContent = d.date + (d.jurisdictions && d.jurisdictions.length ? " · " + d.jurisdictions.join(", ") : "");
        var p = document.createElement("p");
        p.textContent = d.summary || "";
        li.appendChild(a); li.appendChild(meta); li.appendChild(p);
        list.appendChild(li);
      });
    }).catch(function () { status.textContent = "The search index could not be loaded."; });
  }

  var q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; show(q); }
  input.addEventListener("input", function () { show(input.value); });
  input.form.addEventListener("submit", function (e) {
    e.preventDefault();
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    show(input.value);
  });
})();
