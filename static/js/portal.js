// Starts Det Fælles Designsystem's components once per page. Every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  if (window.DKFDS) {
    window.DKFDS.init();
  }
});
