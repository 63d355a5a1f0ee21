// Progressive enhancement only: the site works without this file.
(function () {
  "use strict";
  // Opened from disk (file://), a link to a folder shows a listing instead of
  // the page: point such links at the folder's index.html.
  if (location.protocol === "file:") {
    document.querySelectorAll("a[href]").forEach(function (a) {
      var h = a.getAttribute("href");
      if (!/^[a-z]+:/i.test(h) && !h.startsWith("#") && (h.endsWith("/") || h === ".")) {
        a.setAttribute("href", h.replace(/\/?$/, "/") + "index.html");
      }
    });
    // The search box's form too.
    document.querySelectorAll("form[action$='/']").forEach(function (f) {
      f.setAttribute("action", f.getAttribute("action") + "index.html");
    });
  }

  // Before/after pairs become a slider: the after photo covers the before
  // one up to a handle moved by mouse, touch or the arrow keys (a native
  // range input, so it is labelled and keyboard-operable for free).
  document.querySelectorAll(".compare").forEach(function (fig) {
    var pair = fig.querySelector(".pair");
    if (!pair || pair.querySelectorAll("img").length !== 2) return;
    var range = document.createElement("input");
    range.type = "range";
    range.min = "0";
    range.max = "100";
    range.value = "50";
    range.className = "compare-range";
    range.setAttribute("aria-label", fig.getAttribute("data-label") || "");
    range.addEventListener("input", function () {
      pair.style.setProperty("--pos", range.value + "%");
    });
    pair.appendChild(range);
    pair.classList.add("sliding");
    // A line under the photos says what to do; the range's label says the
    // same to screen readers, so this one is hidden from them.
    var hint = fig.getAttribute("data-hint");
    if (hint) {
      var p = document.createElement("p");
      p.className = "compare-hint";
      p.setAttribute("aria-hidden", "true");
      p.textContent = hint;
      pair.insertAdjacentElement("afterend", p);
    }
  });
})();
