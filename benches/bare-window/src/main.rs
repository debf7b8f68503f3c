//! The bare window: a Tauri v2 window of Keywarden's size showing a static page, with no
//! commands and no state. The window benchmark compares Keywarden's start-up, memory and
//! drawing with it. Its page (`page/`) reports its own paint times in `window.__PAINT_PROBE__`
//! and draws a 50-row table on each keystroke in its search box.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(error) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("bare-window could not start: {error}");
        std::process::exit(1);
    }
}
