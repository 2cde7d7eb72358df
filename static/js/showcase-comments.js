// Comments under a showcase post: htmx swaps the answers it refuses too (400: a field
// message, 403, 429: "too often"), so the member reads the reason where they typed.
(function () {
  if (window.gjShowcaseComments) {
    return;
  }
  window.gjShowcaseComments = true;
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    var target = event.detail.target;
    if ((status === 400 || status === 403 || status === 429) && target &&
        target.closest && target.closest(".sc-comments, .sc-report")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
