// The bare window's page. It records when its static content was first painted
// (`window.__PAINT_PROBE__.firstContent`, ms since the time origin), and on every input in the
// search box draws a fresh 50-row table of the same columns as Keywarden's keys table, built
// with textContent, so the benchmark can time keystroke -> painted table exactly as it times a
// search keystroke in Keywarden (same test ids: search-input, keys-table, key-row, keys-total).

const probe = { selector: "[data-testid='first-content']", firstContent: null };
window.__PAINT_PROBE__ = probe;
requestAnimationFrame(() => setTimeout(() => { probe.firstContent = performance.now(); }, 0));

const COLUMNS = ["Name", "Key", "Owner", "Created", "Last used"];
const dates = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

function cell(tag, text) {
  const node = document.createElement(tag);
  node.textContent = text;
  return node;
}

function drawTable(query) {
  const table = document.createElement("table");
  table.setAttribute("data-testid", "keys-table");
  const head = document.createElement("tr");
  for (const column of COLUMNS) head.append(cell("th", column));
  table.append(document.createElement("thead"));
  table.tHead.append(head);
  const body = document.createElement("tbody");
  for (let i = 0; i < 50; i += 1) {
    const row = document.createElement("tr");
    row.setAttribute("data-testid", "key-row");
    row.append(
      cell("td", `${query || "Key"} #${i + 1}`),
      cell("td", `sk-proj-…${String(i).padStart(3, "0")}`),
      cell("td", `owner-${i % 7}@example.com`),
      cell("td", dates.format(new Date(2024, 0, 1 + i))),
      cell("td", i % 4 === 0 ? "Never" : `${i} days ago`),
    );
    body.append(row);
  }
  table.append(body);
  document.getElementById("view").replaceChildren(table);
  document.querySelector("[data-testid='keys-total']").textContent = `50 keys matching “${query}”`;
}

document.getElementById("search").addEventListener("input", (event) => drawTable(event.target.value));

