// Starts Det Fælles Designsystem's components once per page. Every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  if (!window.DKFDS) {
    return;
  }
  // DKFDS counts characters in Danish only; the page carries the texts in its own language
  // (templates/components/fds/forms.html), so those counters are started here with them.
  var limits = Array.prototype.slice.call(document.querySelectorAll(".form-limit[data-text-remaining]"));
  limits.forEach(function (limit) { limit.classList.remove("form-limit"); });
  window.DKFDS.init();
  limits.forEach(function (limit) {
    limit.classList.add("form-limit");
    var left = limit.getAttribute("data-text-remaining");
    var over = limit.getAttribute("data-text-too-many");
    new window.DKFDS.CharacterLimit(limit, {
      character_remaining: left,
      characters_remaining: left,
      character_too_many: over,
      characters_too_many: over
    }).init();
  });
});
