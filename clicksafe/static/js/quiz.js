// Progressive enhancement of quiz questions: send the same form, show the same feedback in place.
// Without JavaScript the form posts and the server shows a feedback page: the result is the same.
"use strict";

(function () {
  const form = document.querySelector("[data-quiz-form]");
  const live = document.getElementById("quiz-feedback");
  const errors = document.getElementById("quiz-errors");
  if (!form || !live || !window.fetch) {
    return;
  }
  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    let response;
    try {
      response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
    } catch (error) {
      form.submit();
      return;
    }
    if (response.status === 422) {
      const data = await response.json();
      errors.innerHTML = data.html;
      errors.firstElementChild.focus();
      button.disabled = false;
      return;
    }
    if (!response.ok) {
      // Let the server show its own page for anything unusual (an expired form, a limit).
      window.location.assign(form.action);
      return;
    }
    const data = await response.json();
    errors.innerHTML = "";
    form.querySelectorAll("input").forEach(function (input) {
      input.disabled = true;
    });
    button.hidden = true;
    live.innerHTML = data.html;
    const next = live.querySelector("a.button");
    if (next) {
      next.focus();
    }
  });
})();
