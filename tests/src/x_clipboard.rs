//! The X clipboard as another program sees it, through `xclip`.

use std::io::Write;
use std::process::{Command, Stdio};

/// Puts text on the CLIPBOARD selection; xclip keeps serving it in the background.
pub fn put(text: &str) -> std::io::Result<()> {
    let mut child = Command::new("xclip")
        .args(["-selection", "clipboard", "-i"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(text.as_bytes())?;
    }
    child.wait()?;
    Ok(())
}

/// The CLIPBOARD selection's text, or `None` when nothing offers text.
pub fn read() -> Option<String> {
    let output = Command::new("xclip")
        .args(["-selection", "clipboard", "-o"])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// How the CLIPBOARD selection lost its owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerLoss {
    /// The owner emptied it on purpose (set the owner to none): nothing is left to keep.
    Released,
    /// The owner's window or connection went away while it still held the selection, as when a
    /// process dies. Desktops that keep clipboard text after its owner exits (GNOME's Mutter on
    /// Wayland, clipboard keepers on X11, the macOS pasteboard) keep whatever it held.
    Abandoned,
}

/// Watches who owns the CLIPBOARD selection through the XFixes extension, the way clipboard
/// keepers do: each change arrives as an event, in order, so no poll can miss one.
pub struct OwnerWatch {
    connection: x11rb::rust_connection::RustConnection,
}

impl OwnerWatch {
    /// Starts watching; every owner change from now on is reported.
    pub fn start() -> Result<Self, crate::driver::HarnessError> {
        use x11rb::connection::Connection;
        use x11rb::protocol::xfixes::{ConnectionExt as _, SelectionEventMask};
        use x11rb::protocol::xproto::ConnectionExt as _;

        let (connection, screen) = x11rb::connect(None)?;
        connection.xfixes_query_version(5, 0)?.reply()?;
        let root = connection.setup().roots[screen].root;
        let clipboard = connection.intern_atom(false, b"CLIPBOARD")?.reply()?.atom;
        let mask = SelectionEventMask::SET_SELECTION_OWNER
            | SelectionEventMask::SELECTION_WINDOW_DESTROY
            | SelectionEventMask::SELECTION_CLIENT_CLOSE;
        connection
            .xfixes_select_selection_input(root, clipboard, mask)?
            .check()?;
        Ok(Self { connection })
    }

    /// Waits (up to `limit`) for the next time the CLIPBOARD is left without an owner and says
    /// how; owners taking it over from one another are skipped.
    pub fn next_loss(
        &self,
        limit: std::time::Duration,
    ) -> Result<OwnerLoss, crate::driver::HarnessError> {
        use x11rb::connection::Connection;
        use x11rb::protocol::xfixes::SelectionEvent;
        use x11rb::protocol::Event;

        let deadline = std::time::Instant::now() + limit;
        loop {
            while let Some(event) = self.connection.poll_for_event()? {
                let Event::XfixesSelectionNotify(notify) = event else {
                    continue;
                };
                if notify.subtype == SelectionEvent::SET_SELECTION_OWNER {
                    if notify.owner == x11rb::NONE {
                        return Ok(OwnerLoss::Released);
                    }
                } else {
                    return Ok(OwnerLoss::Abandoned);
                }
            }
            if std::time::Instant::now() > deadline {
                return Err(format!("the clipboard kept an owner for {limit:?}").into());
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}
