// Saves a questionnaire step in the background a few seconds after the person stops typing and
// when they leave a field, and shows "Gemt kl. 14:32". Without this script every step still saves
// with its buttons; the server decides everything (validation, conflicts) and answers in JSON.
(function () {
  "use strict";
  var DELAY_MS = 3000;

  function start(form) {
    var status = form.querySelector(".autosave-status");
    var version = form.querySelector("input[name='version']");
    var timer = null;
    var inFlight = false;
    var pending = false;
    var lastSent = null;

    function snapshot() {
      var data = new FormData(form);
      data.set("action", "autosave");
      return data;
    }

    function serialise(data) {
      var parts = [];
      data.forEach(function (value, key) { if (key !== "csrf_token") { parts.push(key + "=" + value); } });
      return parts.join("&");
    }

    function say(text) { if (status) { status.textContent = text; } }

    function save() {
      timer = null;
      if (inFlight) { pending = true; return; }
      var data = snapshot();
      var key = serialise(data);
      if (key === lastSent) { return; }
      inFlight = true;
      say(form.dataset.savingText);
      // form.action would be the buttons named "action"; the form posts to its own page.
      fetch(form.getAttribute("action") || window.location.pathname, {
        method: "POST", body: data, credentials: "same-origin",
        headers: { "Accept": "application/json", "X-Requested-With": "fetch" }
      }).then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      }).then(function (result) {
        if (result.ok && result.body.status === "saved") {
          lastSent = key;
          if (version) { version.value = result.body.version; }
          say(result.body.message);
        } else if (result.body && result.body.message) {
          say(result.body.message);
        } else {
          say("");  // invalid input: the buttons show the errors next to the fields
        }
      }).catch(function () {
        say(form.dataset.failedText);
      }).then(function () {
        inFlight = false;
        if (pending) { pending = false; schedule(0); }
      });
    }

    function schedule(delay) {
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(save, delay);
    }

    form.addEventListener("input", function () { schedule(DELAY_MS); });
    form.addEventListener("change", function () { schedule(DELAY_MS); });
    form.addEventListener("focusout", function () { schedule(0); });
    // A button pressed while a background save is on its way waits for it, so the page is sent
    // with the version that save returned and is not mistaken for a stale copy.
    form.addEventListener("submit", function (event) {
      if (timer) { clearTimeout(timer); timer = null; }
      if (inFlight) {
        event.preventDefault();
        var submitter = event.submitter;
        var wait = setInterval(function () {
          if (!inFlight) { clearInterval(wait); pending = false; form.requestSubmit(submitter); }
        }, 50);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form[data-autosave='true']");
    for (var i = 0; i < forms.length; i++) { start(forms[i]); }
  });
})();
