// Starts Det Fælles Designsystem's components once per page. Every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  if (window.DKFDS) {
    window.DKFDS.init();
  }
  showFieldsWhenTheyApply(document);
});

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
