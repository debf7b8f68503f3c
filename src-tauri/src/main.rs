//! Keywarden's executable: everything happens in the library.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    keywarden_lib::run();
}
