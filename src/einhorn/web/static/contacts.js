// The contact list's one helper (a file of its own: the Content-Security-Policy allows no
// inline scripts): a checkbox that selects every contact on the page for the bulk change.
// Without JavaScript it stays hidden and each contact is ticked on its own.
document.addEventListener("change", (event) => {
  const all = event.target.closest && event.target.closest("[data-select-all]");
  if (!all) return;
  for (const box of document.querySelectorAll(`input[name=ids][form="${all.dataset.selectAll}"]`)) {
    box.checked = all.checked;
  }
});

function revealSelectAll() {
  for (const all of document.querySelectorAll("[data-select-all]")) all.hidden = false;
}
document.addEventListener("DOMContentLoaded", revealSelectAll);
document.addEventListener("htmx:afterSettle", revealSelectAll);
