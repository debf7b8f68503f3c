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
