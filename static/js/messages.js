// Marks the other side's messages read once the page with them is on screen, so the read receipt
// means someone saw them. Without this script the "Marker som læst" button does the same.
(function () {
  "use strict";

  function send(form) {
    fetch(form.getAttribute("action"), {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      if (response.ok) { form.hidden = true; }
    }).catch(function () { /* the button stays: the person can press it */ });
  }

  function whenVisible(form) {
    if (document.visibilityState === "visible") { send(form); return; }
    document.addEventListener("visibilitychange", function seen() {
      if (document.visibilityState === "visible") {
        document.removeEventListener("visibilitychange", seen);
        send(form);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-auto-read]").forEach(whenVisible);
  });
})();
