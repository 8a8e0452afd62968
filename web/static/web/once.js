// Progressive enhancement only: the server already refuses to act twice on one form
// (web/once.py). This just stops a second click from sending a second request.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.dataset.sent) { event.preventDefault(); return; }
  form.dataset.sent = "1";
  window.setTimeout(function () {
    form.querySelectorAll("button[data-once]").forEach(function (b) { b.disabled = true; });
  }, 0);
});

// Coming back with the browser's back button shows the page from its cache: enable it again.
window.addEventListener("pageshow", function () {
  document.querySelectorAll("form[data-sent]").forEach(function (form) {
    delete form.dataset.sent;
    form.querySelectorAll("button[data-once]").forEach(function (b) { b.disabled = false; });
  });
});
