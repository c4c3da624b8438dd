// Starts Det Fælles Designsystem's components once per page. Every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  showFieldsWhenTheyApply(document);
  if (!window.DKFDS) {
    return;
  }
  // DKFDS counts characters in Danish only; the page carries the texts in its own language
  // (templates/components/fds/forms.html), so those counters are started here with them.
  var limits = Array.prototype.slice.call(document.querySelectorAll(".form-limit[data-text-remaining]"));
  limits.forEach(function (limit) { limit.classList.remove("form-limit"); });
  window.DKFDS.init();
  nameTheMoreMenu(document);
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

// DKFDS folds header menu items that do not fit into a button it names "Mere" in Danish; the
// header carries the word in the page's language.
function nameTheMoreMenu(root) {
  var menu = root.querySelector(".navigation-menu[data-text-more]");
  var label = menu && menu.querySelector(".more-button span");
  if (label) {
    label.textContent = menu.getAttribute("data-text-more");
  }
}

// A field that applies only for one answer of another field (data-shown-when="entry_type=other",
// from RequiredWhen(..., only=True)) is hidden until that answer is chosen. Without this script it
// stays on the page and its label says when it applies; the server ignores it otherwise.
function showFieldsWhenTheyApply(root) {
  root.querySelectorAll("[data-shown-when]").forEach(function (group) {
    var rule = group.getAttribute("data-shown-when").split("=");
    var form = group.closest("form");
    if (!form || rule.length !== 2) {
      return;
    }
    var controls = form.querySelectorAll("[name='" + rule[0] + "']");
    function update() {
      var chosen = Array.prototype.some.call(controls, function (control) {
        var picked = control.type === "radio" || control.type === "checkbox" ? control.checked : true;
        return picked && control.value === rule[1];
      });
      group.hidden = !chosen;
    }
    controls.forEach(function (control) {
      control.addEventListener("change", update);
    });
    update();
  });
}
