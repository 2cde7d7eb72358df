// Online test countdown: shows the server's deadline as time left. Display only; the server
// enforces the deadline. Counts from the seconds the server gave, so a wrong device clock
// does not matter.
(function () {
  "use strict";
  var el = document.getElementById("exam-countdown");
  if (!el) return;
  var end = Date.now() + 1000 * parseInt(el.getAttribute("data-seconds"), 10);
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var left = Math.max(0, Math.round((end - Date.now()) / 1000));
    var h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
    el.textContent = (h ? h + ":" + pad(m) : m) + ":" + pad(s);
    if (left <= 0) {
      el.textContent = el.getAttribute("data-ended");
      document.querySelectorAll(".exam-form input").forEach(function (i) { i.disabled = true; });
      return;
    }
    window.setTimeout(tick, 1000);
  }
  tick();
  document.body.addEventListener("htmx:responseError", function (evt) {
    var target = evt.detail.target;
    if (target) target.textContent = evt.detail.xhr.responseText;
  });
})();
