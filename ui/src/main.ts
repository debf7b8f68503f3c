// Entry point: mounts the app and its keyboard shortcuts.
import "./styles.css";
import { App } from "./app";

const sidebar = document.getElementById("sidebar");
const view = document.getElementById("view");
const search = document.getElementById("search");
const refresh = document.getElementById("refresh");
if (sidebar && view && search instanceof HTMLInputElement && refresh instanceof HTMLButtonElement) {
  const app = new App(sidebar, view, search, refresh);
  document.addEventListener("keydown", (event) => {
    const mod = event.ctrlKey || event.metaKey;
    const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
    if (document.querySelector("dialog[open]")) return;
    if (mod && event.key.toLowerCase() === "r") {
      event.preventDefault();
      void app.refreshCurrent();
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
