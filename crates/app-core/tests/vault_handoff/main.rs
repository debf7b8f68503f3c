//! *Send to vault*: a new key handed straight to the user's password manager.
//!
//! Against the real tools Debian packages — `pass` with a throwaway GnuPG home (`pass.rs`),
//! `keepassxc-cli` with a throwaway database (`keepassxc.rs`), the Secret Service of the test
//! gnome-keyring (`secret_service.rs`, run by the keychain suite) — each sent key is read back
//! with the tool itself and compared with the value the fake server minted, while a watch over
//! `/proc` records every child process's command line and environment and proves the secret was
//! in none of them. `op` and `bw` are not installable here: `stand_ins.rs` runs stand-in
//! executables that record argv, environment and stdin. `misbehaving_tools.rs` covers tools
//! that hang, flood or lie; `bad_destinations.rs` the requests a confused window could send.
//! `bench.rs` is the shared set-up.

#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../support/mod.rs"]
mod support;

mod bad_destinations;
mod bench;
mod keepassxc;
mod misbehaving_tools;
mod pass;
mod secret_service;
mod stand_ins;
