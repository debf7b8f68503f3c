// Entry point: mounts the app and its keyboard shortcuts.
import "./styles.css";

import { App } from "./app";

const sidebar = document.getElementById("sidebar");
const content = document.getElementById("content");
if (sidebar && content) {
  const app = new App(sidebar, content);
  document.addEventListener("keydown", (event) => {
    const mod = event.ctrlKey || event.metaKey;
    if (mod && event.key.toLowerCase() === "r") {
      event.preventDefault();
      void app.refresh();
    }
  });
  void app.start();
}
