// Live reload for `brief serve`. Listens on /__brief/events:
//   reload [paths]  refresh this page if its URL path (or "*") is listed, reload it if a file
//                   its scripts fetched is, else swap changed CSS
//   css [paths]     swap matching stylesheets in place, no reload
//   error text      show the build error overlay;  ok  hide it
// When the stream drops (server restarted) it retries and reloads once it is back.
(() => {
  "use strict";
  if (window.__briefLiveReload) return;
  window.__briefLiveReload = true;
  // The site generation this page was served from (see connect).
  let gen = (document.currentScript && document.currentScript.dataset.briefGen) || "";

  // "/x/index.html" and "/x/" name one page; the server sends decoded paths.
  const normalise = (p) => {
    try { p = decodeURIComponent(p); } catch (e) { /* keep it as is */ }
    return p.endsWith("/index.html") ? p.slice(0, -"index.html".length) : p;
  };

  const ownPaths = new Set([normalise(location.pathname)]);
  const nav = performance.getEntriesByType && performance.getEntriesByType("navigation")[0];
  if (nav && nav.responseStatus === 404) ownPaths.add("/404.html"); // this page shows 404.html

  // Scripts, images and fonts may be used by any page, so a change to one reloads it.
  const pageAsset = /\.(m?js|png|jpe?g|gif|webp|avif|svg|ico|woff2?|ttf|otf)$/i;
  const isCSS = (p) => /\.css$/i.test(p);

  const mustReload = (paths) =>
    paths.some((p) => p === "*" || ownPaths.has(normalise(p)) || pageAsset.test(p));

  // A file the page's scripts fetched (the search index, a data file) is
  // kept by them: when it changes, only a real reload brings it anew.
  const fetchedByScripts = (paths) => {
    const fetched = new Set();
    for (const e of performance.getEntriesByType("resource")) {
      if (e.initiatorType !== "fetch" && e.initiatorType !== "xmlhttprequest") continue;
      const url = new URL(e.name);
      if (url.origin === location.origin) fetched.add(normalise(url.pathname));
    }
    fetched.delete(normalise(location.pathname)); // refresh fetches the page itself
    return paths.some((p) => fetched.has(normalise(p)));
  };

  let generation = 0;
  const swapStylesheets = (paths) => {
    const changed = new Set(paths.map(normalise));
    generation++;
    for (const link of document.querySelectorAll('link[rel~="stylesheet" i]')) {
      if (link.__briefReplaced) continue;
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin || !changed.has(normalise(url.pathname))) continue;
      url.searchParams.set("brief-reload", Date.now() + "-" + generation);
      const next = link.cloneNode();
      next.href = url.href;
      // Keep the old sheet until the new one has loaded, so the page never flashes unstyled.
      next.addEventListener("load", () => link.remove(), { once: true });
      next.addEventListener("error", () => link.remove(), { once: true });
      link.__briefReplaced = true;
      link.after(next);
    }
  };

  const overlayId = "__brief-error-overlay";
  const showError = (text) => {
    let host = document.getElementById(overlayId);
    if (!host) {
      host = document.createElement("div");
      host.id = overlayId;
      host.style.cssText = "all:initial;position:fixed;inset:0;z-index:2147483647;";
      // A shadow root keeps the site's own CSS from restyling the overlay.
      const root = host.attachShadow({ mode: "open" });
      const style = document.createElement("style");
      style.textContent =
        ":host{all:initial}" +
        ".box{position:fixed;inset:0;overflow:auto;box-sizing:border-box;padding:2rem;" +
        "background:rgba(20,20,24,.96);color:#f2f2f2;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}" +
        "h1{font:bold 16px/1.5 inherit;color:#ff8a80;margin:0 0 1rem}" +
        "pre{margin:0;white-space:pre-wrap;word-break:break-word;font:inherit}" +
        "button{position:absolute;top:1rem;right:1rem;font:inherit;color:inherit;background:none;border:1px solid #888;cursor:pointer}";
      const box = document.createElement("div");
      box.className = "box";
      box.setAttribute("role", "alert");
      const title = document.createElement("h1");
      title.textContent = "Build failed — showing the last good version of the site";
      const close = document.createElement("button");
      close.textContent = "×";
      close.title = "Hide until the next error";
      close.addEventListener("click", () => host.remove());
      const pre = document.createElement("pre");
      box.append(title, close, pre);
      root.append(style, box);
      document.documentElement.append(host);
    }
    // textContent, never innerHTML: error text quotes user files and must not become markup.
    host.shadowRoot.querySelector("pre").textContent = text;
  };
  const hideError = () => {
    const host = document.getElementById(overlayId);
    if (host) host.remove();
  };

  // refresh shows the new version of this page. When its stylesheets
  // (linked or inline) and scripts are the same, it swaps the body in
  // place: no blank flash, no refetch of CSS, no new event stream, scroll
  // position kept. Anything else (new assets, inline scripts in the body)
  // gets a real reload. Data blocks (JSON-LD) hold the page's text, not
  // code: they change with a title and follow the body, with the head's
  // meta tags and its other links (canonical, languages, feeds): headData.
  const isData = (e) => e.tagName === "SCRIPT" && /json/i.test(e.type);
  const headData = 'meta[name], meta[property], script[type*="json" i], link:not([rel~="stylesheet" i])';
  const assetsOf = (doc) =>
    [...doc.querySelectorAll('link[rel~="stylesheet" i], script, style')].filter((e) => !isData(e)).map((e) => {
      const ref = e.getAttribute("href") || e.getAttribute("src");
      if (!ref) return e.tagName + " " + e.textContent;
      const url = new URL(ref, location.href);
      url.searchParams.delete("brief-reload"); // added by swapStylesheets
      return e.tagName + " " + url.href;
    }).join("\n");
  let refreshing = null;
  const refresh = () => {
    if (refreshing) { refreshing.again = true; return; }
    refreshing = { again: false };
    fetch(location.href, { cache: "no-store" })
      .then((r) => r.text())
      .then((html) => {
        const doc = new DOMParser().parseFromString(html, "text/html");
        // Scripts in a swapped-in body would not run: reload such pages.
        if (assetsOf(doc) !== assetsOf(document) || [...doc.body.querySelectorAll("script")].some((e) => !isData(e))) { location.reload(); return; }
        const y = window.scrollY;
        document.title = doc.title;
        document.head.querySelectorAll(headData).forEach((e) => e.remove());
        doc.head.querySelectorAll(headData).forEach((e) => document.head.append(document.adoptNode(e)));
        document.body.replaceWith(document.adoptNode(doc.body));
        // The root's attributes (lang, dir) follow the page's language.
        const root = document.documentElement;
        for (const a of [...root.attributes]) if (!doc.documentElement.hasAttribute(a.name)) root.removeAttribute(a.name);
        for (const a of doc.documentElement.attributes) root.setAttribute(a.name, a.value);
        const tag = doc.querySelector("script[data-brief-gen]");
        if (tag) gen = tag.dataset.briefGen;
        window.scrollTo(0, y);
        const again = refreshing.again;
        refreshing = null;
        if (again) refresh();
      })
      .catch(() => location.reload());
  };

  let connectedBefore = false;
  let lost = false;
  let retryDelay = 250;
  const connect = () => {
    // since + page let the server tell a late-connecting page that it is already stale.
    const source = new EventSource("/__brief/events?since=" + encodeURIComponent(gen) +
      "&page=" + encodeURIComponent(location.pathname));
    source.addEventListener("open", () => {
      if (lost) { location.reload(); return; }
      connectedBefore = true;
      retryDelay = 250;
    });
    source.addEventListener("reload", (e) => {
      const paths = JSON.parse(e.data);
      if (fetchedByScripts(paths)) { location.reload(); return; }
      if (mustReload(paths)) { refresh(); return; }
      const css = paths.filter(isCSS);
      if (css.length) swapStylesheets(css);
    });
    source.addEventListener("css", (e) => swapStylesheets(JSON.parse(e.data)));
    source.addEventListener("ok", hideError);
    // The server's "error" event shares its name with EventSource's connection error:
    // only the server's carries data (a MessageEvent).
    source.addEventListener("error", (e) => {
      if (e instanceof MessageEvent) { showError(e.data); return; }
      source.close();
      if (connectedBefore) lost = true;
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 3000);
    });
  };
  connect();
})();
