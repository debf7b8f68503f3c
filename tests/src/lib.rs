//! The harness for end-to-end suites: builds the real Keywarden binary, starts it through
//! `tauri-driver` (which drives WebKitWebDriver), and gives tests a WebDriver session on its
//! window. Every wait, read and click is one page-side step, so a re-render can never leave a
//! test holding a stale element. Run the suites under Xvfb and a D-Bus session; `make test` does
//! that. The `data-testid` attributes the suites rely on are listed in `tests/README.md`.

pub mod app_process;
pub mod driver;
mod driver_start;
pub mod flows;
pub mod input;
pub mod page;
pub mod page_script;
pub mod paths;
pub mod traces;
pub mod x_clipboard;

pub use driver::Window;
pub use page::TextMatch;
