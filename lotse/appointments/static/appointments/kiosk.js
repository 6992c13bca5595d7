/* Kiosk: after showing a ticket number, go back to the start page after a minute, so the next
   person does not see it. The "Fertig" button does the same at once. */
(function () {
  "use strict";
  var done = document.getElementById("kiosk-fertig");
  if (!done) { return; }
  window.setTimeout(function () { window.location.assign(done.href); }, 60000);
})();
