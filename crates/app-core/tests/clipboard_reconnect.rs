//! A display server that refuses Keywarden's first connection (a busy X server does this for a
//! moment) still gets the copy: the clipboard tries again briefly instead of failing the user's
//! click. This binary points `DISPLAY` at its own display, so it runs apart from the other
//! clipboard tests.

#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)]

use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use app_core::clipboard::{Clipboard, SystemClipboard};
use secrecy::ExposeSecret;

const SOCKETS: &str = "/tmp/.X11-unix";

fn socket_of(display: u32) -> PathBuf {
    Path::new(SOCKETS).join(format!("X{display}"))
}

/// A display number nobody uses (no socket, no lock file).
fn free_display(after: u32) -> u32 {
    (after..after + 400)
        .find(|n| !socket_of(*n).exists() && !Path::new(&format!("/tmp/.X{n}-lock")).exists())
        .unwrap()
}

/// An Xvfb without access control, killed when dropped.
struct Xvfb(Child);

impl Xvfb {
    fn start(display: u32) -> Self {
        let child = Command::new("Xvfb")
            .arg(format!(":{display}"))
            .args(["-nolisten", "tcp", "-screen", "0", "640x480x24"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let ready_by = Instant::now() + Duration::from_secs(60);
        while UnixStream::connect(socket_of(display)).is_err() {
            assert!(Instant::now() < ready_by, "Xvfb :{display} did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        Self(child)
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Listens as display `display`: hangs up on the first client, then relays every later one to
/// `backend`. Returns how many clients connected.
fn flaky_display(display: u32, backend: u32) -> Arc<AtomicUsize> {
    let path = socket_of(display);
    std::fs::create_dir_all(SOCKETS).unwrap();
    let listener = UnixListener::bind(&path).unwrap();
    let clients = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&clients);
    std::thread::spawn(move || {
        for client in listener.incoming() {
            let Ok(client) = client else { break };
            if counted.fetch_add(1, Ordering::SeqCst) == 0 {
                drop(client);
                continue;
            }
            let server = UnixStream::connect(socket_of(backend)).unwrap();
            relay(client.try_clone().unwrap(), server.try_clone().unwrap());
            relay(server, client);
        }
    });
    clients
}

fn relay(mut from: UnixStream, mut to: UnixStream) {
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut from, &mut to);
        let _ = to.shutdown(std::net::Shutdown::Write);
    });
}

#[test]
#[ignore = "starts its own Xvfb; run by make test"]
fn a_display_that_hangs_up_on_the_first_connection_still_gets_the_copy() {
    let backend = free_display(180);
    let _xvfb = Xvfb::start(backend);
    let flaky = free_display(backend + 1);
    let clients = flaky_display(flaky, backend);
    std::env::set_var("DISPLAY", format!(":{flaky}"));
    std::env::remove_var("WAYLAND_DISPLAY");
    std::env::remove_var("XAUTHORITY");

    let clipboard = SystemClipboard::new();
    let copied = clipboard.write_text("sk-proj-not-a-secret-reconnect-check");
    let _ = std::fs::remove_file(socket_of(flaky));

    copied.unwrap();
    let read = clipboard.read_text().unwrap().unwrap();
    assert_eq!(read.expose_secret(), "sk-proj-not-a-secret-reconnect-check");
    assert!(
        clients.load(Ordering::SeqCst) >= 2,
        "the first connection was refused, so a copy that worked must have connected again"
    );
}
