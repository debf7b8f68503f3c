//! `OPENAI_ADMIN_KEY` is read once and removed from the process environment, so the webview's
//! processes and anything started later do not inherit it. (Its own test binary: it changes the
//! environment, which is sound only while no other thread runs.)

#![allow(clippy::unwrap_used)]

use app_core::admin_key_input::ADMIN_KEY_ENV;
use app_core::EnvironmentKey;

#[test]
fn the_key_is_taken_from_the_environment_and_gone_from_it_afterwards() {
    std::env::set_var(ADMIN_KEY_ENV, "sk-admin-FromTheEnvironment0123456789");
    let held = EnvironmentKey::take_from_environment();
    assert!(held.is_available());
    assert!(std::env::var_os(ADMIN_KEY_ENV).is_none());
    let child = if cfg!(windows) {
        std::process::Command::new("cmd")
            .args(["/C", "set"])
            .output()
    } else {
        std::process::Command::new("env").output()
    }
    .unwrap();
    let inherited = String::from_utf8_lossy(&child.stdout);
    assert!(
        inherited.to_uppercase().contains("PATH="),
        "the child listed its environment: {inherited}"
    );
    assert!(!inherited.contains(ADMIN_KEY_ENV), "a child inherited it");
    assert!(!format!("{held:?}").contains("FromTheEnvironment"));
}
