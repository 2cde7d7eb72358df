// The officer console's few behaviours, here rather than inline in the pages: the
// Content-Security-Policy (config/settings.py) runs no inline script.

// A header checkbox with data-select-all="<selector>" ticks or clears every box it names.
document.addEventListener("change", function (event) {
  var box = event.target.closest && event.target.closest("input[data-select-all]");
  if (!box) return;
  document.querySelectorAll(box.dataset.selectAll).forEach(function (other) {
    other.checked = box.checked;
  });
});
