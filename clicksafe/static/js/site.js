// Progressive enhancement only: every feature here also works as a plain link without JavaScript.
"use strict";

(function () {
  const exit = document.querySelector("[data-quick-exit]");
  if (!exit) {
    return;
  }
  // Replace this page in the history, so the Back button does not lead back here.
  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    window.location.replace(exit.href);
  }
  exit.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      leave(event);
    }
  });
})();
