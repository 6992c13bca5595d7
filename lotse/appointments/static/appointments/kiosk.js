/* Kiosk: a shared device goes back to the German start page when nobody uses it, so the next
   person sees neither the last number, nor the last language, nor a half-typed Kennung.
   After data-idle-seconds without a touch or key (counted from the page load when the page is
   not the untouched start page, else from the first touch) a warning asks "more time?" for
   20 seconds (WCAG 2.2.1); any touch or key restarts the count. "Fertig" goes back at once. */
(function () {
  "use strict";
  var kiosk = document.getElementById("kiosk");
  if (!kiosk) { return; }
  var startUrl = kiosk.getAttribute("data-start-url");
  var idle = parseInt(kiosk.getAttribute("data-idle-seconds"), 10) * 1000;
  var warningTime = 20000;
  var warning = document.getElementById("kiosk-timeout");
  var warnTimer = null;
  var resetTimer = null;

  function reset() { window.location.assign(startUrl); }

  function warn() {
    if (warning) { warning.hidden = false; }
    resetTimer = window.setTimeout(reset, warningTime);
  }

  function restart() {
    window.clearTimeout(warnTimer);
    window.clearTimeout(resetTimer);
    if (warning) { warning.hidden = true; }
    warnTimer = window.setTimeout(warn, Math.max(idle - warningTime, 0));
  }

  ["pointerdown", "keydown", "input"].forEach(function (type) {
    document.addEventListener(type, restart, true);
  });
  var more = document.getElementById("kiosk-more-time");
  if (more) { more.addEventListener("click", restart); }
  if (kiosk.getAttribute("data-reset-now") === "1") { restart(); }
})();
