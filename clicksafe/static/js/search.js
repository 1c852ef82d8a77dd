// Suggestions as you type in the header's search box (the ARIA 1.2 combobox pattern).
// Without JavaScript the box is a plain GET form to the results page: the same search.
"use strict";

(function () {
  const input = document.querySelector("input[data-suggest]");
  if (!input || !window.fetch) {
    return;
  }
  const form = input.form;
  const list = document.createElement("ul");
  list.id = "site-search-suggestions";
  list.className = "site-search__suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", input.labels[0].textContent);
  list.hidden = true;
  form.appendChild(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  let active = -1;
  let timer = null;
  let asked = "";

  function options() {
    return Array.from(list.querySelectorAll("[role=option]"));
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    const all = options();
    all.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", all[index].id);
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function show(results) {
    list.replaceChildren();
    results.forEach(function (result, i) {
      const option = document.createElement("li");
      option.id = "site-search-option-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.url = result.url;
      const title = document.createElement("span");
      title.textContent = result.title; // text, never HTML
      const kind = document.createElement("span");
      kind.className = "site-search__kind";
      kind.textContent = result.kind;
      option.append(title, " ", kind);
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();
        window.location.assign(result.url);
      });
      list.appendChild(option);
    });
    list.hidden = results.length === 0;
    input.setAttribute("aria-expanded", results.length ? "true" : "false");
    active = -1;
  }

  async function suggest() {
    const query = input.value.trim();
    if (query.length < 2) {
      close();
      return;
    }
    asked = query;
    const url = input.dataset.suggest + "?format=json&q=" + encodeURIComponent(query);
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok || asked !== query) {
        return;
      }
      show((await response.json()).results);
    } catch (error) {
      close();
    }
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(suggest, 150);
  });
  input.addEventListener("keydown", function (event) {
    const all = options();
    if (event.key === "ArrowDown" && all.length) {
      event.preventDefault();
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      highlight((active + 1) % all.length);
    } else if (event.key === "ArrowUp" && all.length) {
      event.preventDefault();
      highlight(active <= 0 ? all.length - 1 : active - 1);
    } else if (event.key === "Enter" && active >= 0 && !list.hidden) {
      event.preventDefault();
      window.location.assign(all[active].dataset.url);
    } else if (event.key === "Escape" && !list.hidden) {
      // Close the suggestions; only a second Escape reaches the quick exit of teens' pages.
      event.stopPropagation();
      close();
    }
  });
  input.addEventListener("blur", function () {
    window.setTimeout(close, 100);
  });
})();
