//! Quitting on a termination signal as safely as on *Quit*: SIGTERM (a logout, `kill`, a
//! service manager), SIGINT (Ctrl+C in a terminal) and SIGHUP (the terminal closed) wipe every
//! held secret, clear a copied key if the clipboard still holds it, and exit.
//!
//! Without this, the signal's default action ends the process on the spot: a key copied a moment
//! ago stays wherever the desktop keeps clipboard text after its owner has gone (the macOS
//! pasteboard, clipboard keepers on Linux desktops). The signals are received by tokio on the
//! runtime Tauri already runs, so no work happens inside a signal handler. On Windows the same
//! happens on the console's Ctrl+C, close, logoff and shutdown events.

use std::time::Duration;

use tauri::{AppHandle, Manager};

use crate::AppState;

/// How long the event loop has to finish the exit after a signal before the process ends
/// itself; a second signal ends it at once. The secrets are wiped before either.
const EXIT_GRACE: Duration = Duration::from_secs(10);

/// Starts listening for the termination signals; call once, from `setup`.
pub fn listen(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let mut signals = match Signals::new() {
            Ok(signals) => signals,
            Err(error) => {
                tracing::warn!(%error, "cannot listen for termination signals");
                return;
            }
        };
        let name = signals.next().await;
        tracing::info!(signal = name, "quitting on a signal");
        wipe_and_exit(&app);
        let _ = tokio::time::timeout(EXIT_GRACE, signals.next()).await;
        tracing::warn!("the exit did not finish; ending the process");
        std::process::exit(1);
    });
}

/// The three signals, received on the async runtime.
#[cfg(unix)]
struct Signals {
    terminate: tokio::signal::unix::Signal,
    interrupt: tokio::signal::unix::Signal,
    hangup: tokio::signal::unix::Signal,
}

#[cfg(unix)]
impl Signals {
    fn new() -> std::io::Result<Self> {
        use tokio::signal::unix::{signal, SignalKind};
        Ok(Self {
            terminate: signal(SignalKind::terminate())?,
            interrupt: signal(SignalKind::interrupt())?,
            hangup: signal(SignalKind::hangup())?,
        })
    }

    /// The name of the next signal to arrive.
    async fn next(&mut self) -> &'static str {
        tokio::select! {
            _ = self.terminate.recv() => "SIGTERM",
            _ = self.interrupt.recv() => "SIGINT",
            _ = self.hangup.recv() => "SIGHUP",
        }
    }
}

/// Windows' console events: Ctrl+C or Ctrl+Break, the console closed, logoff, shutdown (a
/// program started from a console gets them; compiled here, not run).
#[cfg(windows)]
struct Signals {
    interrupt: tokio::signal::windows::CtrlC,
    close: tokio::signal::windows::CtrlClose,
    logoff: tokio::signal::windows::CtrlLogoff,
    shutdown: tokio::signal::windows::CtrlShutdown,
}

#[cfg(windows)]
impl Signals {
    fn new() -> std::io::Result<Self> {
        use tokio::signal::windows::{ctrl_c, ctrl_close, ctrl_logoff, ctrl_shutdown};
        Ok(Self {
            interrupt: ctrl_c()?,
            close: ctrl_close()?,
            logoff: ctrl_logoff()?,
            shutdown: ctrl_shutdown()?,
        })
    }

    /// The name of the next event to arrive.
    async fn next(&mut self) -> &'static str {
        tokio::select! {
            _ = self.interrupt.recv() => "Ctrl+C",
            _ = self.close.recv() => "console closed",
            _ = self.logoff.recv() => "logoff",
            _ = self.shutdown.recv() => "shutdown",
        }
    }
}

/// What *Quit* does: wipe the held secrets, clear a copied one if still on the clipboard, exit.
fn wipe_and_exit(app: &AppHandle) {
    if let Some(keywarden) = app.try_state::<AppState>().and_then(|state| state.loaded()) {
        keywarden.wipe_secrets();
    }
    app.exit(0);
}
