// The plan page's two helpers (a file of its own: the Content-Security-Policy allows no
// inline scripts). Everything works without them, only less smoothly.

// A refused slot action (accept, swap, skip, done) answers 4xx with the slot's row and the
// reason; htmx leaves error responses out by default, so let this one in.
document.addEventListener("htmx:beforeSwap", (event) => {
  const detail = event.detail;
  const status = detail.xhr.status;
  const inPlan = detail.target && detail.target.closest && detail.target.closest(".plan");
  if (inPlan && status >= 400 && status < 500 && detail.requestConfig.verb === "post") {
    detail.shouldSwap = true;
    detail.isError = false;
  }
});

// The calendar link: selected on focus, and a Copy button where the clipboard is available.
document.addEventListener("DOMContentLoaded", () => {
  for (const input of document.querySelectorAll("input.copyable")) {
    input.addEventListener("focus", () => input.select());
  }
  for (const button of document.querySelectorAll("[data-copy]")) {
    const input = document.getElementById(button.dataset.copy);
    if (!input || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener("click", () => {
      input.select();
      navigator.clipboard.writeText(input.value);
    });
  }
});
