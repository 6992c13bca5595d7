/* Call display: fetch the call list every 3 seconds and replace it only when it changed, so
   the aria-live region announces new calls and nothing else. Without JavaScript the page
   reloads itself every 10 seconds (noscript meta refresh). */
(function () {
  "use strict";
  var region = document.getElementById("aufrufe");
  if (!region || !window.fetch) { return; }
  var url = region.getAttribute("data-feed-url");
  var last = region.innerHTML.trim();
  function poll() {
    fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (response.status === 404) { throw new Error("revoked"); }
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html !== null && html.trim() !== last) {
          last = html.trim();
          region.innerHTML = last;
        }
        window.setTimeout(poll, 3000);
      })
      .catch(function (error) {
        if (error && error.message === "revoked") { window.location.reload(); return; }
        window.setTimeout(poll, 10000);
      });
  }
  window.setTimeout(poll, 3000);
})();
