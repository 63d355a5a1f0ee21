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
  }
})();
