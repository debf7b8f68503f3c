// Entry point: mounts the window and its keyboard shortcuts.
import "./styles.css";
import "./rotation.css";
import "./insight.css";
import { App } from "./app";

const sidebar = document.getElementById("sidebar");
const view = document.getElementById("view");
const search = document.getElementById("search");
const refresh = document.getElementById("refresh");
const exportKeys = document.getElementById("export");
const cacheAge = document.getElementById("cache-age");
const statusLine = document.getElementById("status-line");
if (
  sidebar &&
  view &&
  cacheAge &&
  statusLine &&
  search instanceof HTMLInputElement &&
  refresh instanceof HTMLButtonElement &&
  exportKeys instanceof HTMLButtonElement
) {
  const app = new App({ sidebar, view, search, refresh, exportKeys, cacheAge, statusLine });
  document.addEventListener("keydown", (event) => {
    const mod = event.ctrlKey || event.metaKey;
    const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
    if (document.querySelector("dialog[open]")) return;
    if (mod && event.key.toLowerCase() === "r") {
      event.preventDefault();
      app.refreshCurrent();
    } else if (mod && /^[1-9]$/.test(event.key)) {
      event.preventDefault();
      app.selectOrgByIndex(Number(event.key) - 1);
    } else if (event.key === "/" && !typing) {
      event.preventDefault();
      search.focus();
    }
  });
  void app.start();
}
