// Progressive enhancement only: every feature here also works as a plain link without JavaScript.
"use strict";

(function () {
  // A print button only makes sense with JavaScript; without it the page says how to print.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();

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
