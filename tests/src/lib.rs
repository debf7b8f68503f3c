//! The harness for end-to-end suites: builds the real Keywarden binary, starts it through
//! `tauri-driver` (which drives WebKitWebDriver), and gives tests a WebDriver session on its
//! window. Run the suites under Xvfb and a D-Bus session; `make test` does that.

pub mod app_process;
pub mod driver;
pub mod flows;
pub mod page;
pub mod paths;
pub mod traces;
pub mod x_clipboard;

pub use driver::Window;
