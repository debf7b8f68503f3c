//! The E2E and benchmark hooks are not in a normal build: compiled without the `e2e-hooks`
//! feature (as `make run`, `make bundle` and releases are), setting `KEYWARDEN_RECORD_IPC` and
//! `KEYWARDEN_PAINT_PROBE` installs no initialization script in the window, and nothing that
//! builds the app for people turns the feature on. Compiled with it (the E2E build), the same
//! variables do install the recorder and the probe, so the seam is the one the window uses.

#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use keywarden_lib::window::hooks::{
    initialization_scripts, initialization_scripts_from_env, PAINT_PROBE_ENV, RECORD_IPC_ENV,
};

fn set(name: &str) -> Option<String> {
    match name {
        RECORD_IPC_ENV => Some("1".into()),
        PAINT_PROBE_ENV => Some("[data-testid=project-item]".into()),
        _ => None,
    }
}

#[cfg(not(feature = "e2e-hooks"))]
#[test]
fn a_build_without_the_e2e_hooks_feature_ignores_the_hook_variables() {
    std::env::set_var(RECORD_IPC_ENV, "1");
    std::env::set_var(PAINT_PROBE_ENV, "body");
    assert_eq!(initialization_scripts_from_env(), Vec::<String>::new());
    assert_eq!(initialization_scripts(set), Vec::<String>::new());
}

#[cfg(feature = "e2e-hooks")]
#[test]
fn a_build_with_the_e2e_hooks_feature_installs_the_recorder_and_the_probe() {
    std::env::set_var(RECORD_IPC_ENV, "1");
    std::env::set_var(PAINT_PROBE_ENV, "body");
    let scripts = initialization_scripts_from_env();
    assert_eq!(scripts.len(), 2, "{scripts:#?}");
    assert!(scripts[0].contains("window.__KEYWARDEN_IPC__ = []"));
    assert!(scripts[1].contains("window.__PAINT_PROBE__"));
    assert_eq!(initialization_scripts(|_| None), Vec::<String>::new());
    assert_eq!(initialization_scripts(set).len(), 2);
}

/// This checkout's file at `relative` (from the workspace root).
fn read(relative: &str) -> String {
    let shell = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    let path = shell.join("..").join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn only_the_e2e_build_and_the_benchmark_turn_the_hooks_on() {
    let manifest: toml::Value = read("src-tauri/Cargo.toml").parse().unwrap();
    let default = manifest["features"].get("default");
    let default_has_hooks = default
        .and_then(toml::Value::as_array)
        .is_some_and(|d| d.iter().any(|f| f.as_str() == Some("e2e-hooks")));
    assert!(!default_has_hooks, "e2e-hooks is a default feature");
    let makefile = read("Makefile");
    for target in ["run:", "bundle:"] {
        let recipe = makefile
            .split_once(&format!("\n{target}"))
            .map(|(_, rest)| rest.split("\n\n").next().unwrap_or_default())
            .unwrap_or_else(|| panic!("Makefile has no {target}"));
        assert!(!recipe.contains("e2e-hooks"), "make {target}{recipe}");
    }
    let tauri_config = read("src-tauri/tauri.conf.json");
    assert!(!tauri_config.contains("e2e-hooks"), "tauri.conf.json");
    assert!(read("scripts/test-all.sh").contains("--features e2e-hooks"));
    assert!(read("scripts/bench-window.sh").contains("e2e-hooks"));
}
