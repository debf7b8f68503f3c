//! The webview is locked down: it may call only Keywarden's own commands, from window `main`,
//! under a strict CSP, with no plugin, devtools or global Tauri object. This reads the shipped
//! configuration, capabilities, manifest and handler list as text and fails on any broader grant;
//! the negative samples prove the checks reject what they are meant to.

#![allow(clippy::unwrap_used)]

#[path = "lockdown/checks.rs"]
mod checks;

use std::fs;
use std::path::{Path, PathBuf};

use checks::{
    capability_problems, command_names, config_problems, csp_problems, handler_names,
    manifest_problems, OPENER_URL,
};
use serde_json::{json, Value};

/// This checkout's `src-tauri/`, as cargo says when it runs the test (a binary built from another
/// checkout of the tree must still read this one's files).
fn shell_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
}

fn read(relative: &str) -> String {
    let path = shell_dir().join(relative);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json_file(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn commands() -> Vec<String> {
    let names = command_names(&read("src/commands/names.rs"));
    assert!(!names.is_empty(), "COMMANDS was not found in names.rs");
    names
}

fn capability_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(shell_dir().join("capabilities"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    files
}

fn shipped_config() -> Value {
    json_file(&shell_dir().join("tauri.conf.json"))
}

#[test]
fn every_capability_grants_only_allow_command_permissions_to_the_main_window() {
    let commands = commands();
    let files = capability_files();
    assert!(!files.is_empty(), "no capability files");
    for path in files {
        let is_json = path.extension().is_some_and(|e| e == "json");
        assert!(
            is_json,
            "{}: capabilities must be JSON so this test reads them",
            path.display()
        );
        let problems = capability_problems(&json_file(&path), &commands);
        assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
    }
}

#[test]
fn the_handler_list_and_the_command_list_name_the_same_commands() {
    let mut commands = commands();
    let mut handlers = handler_names(&read("src/lib.rs"));
    commands.sort();
    handlers.sort();
    assert_eq!(handlers, commands, "generate_handler! and COMMANDS differ");
}

#[test]
fn the_shipped_config_has_a_strict_csp_and_no_global_tauri_object() {
    let problems = config_problems(&shipped_config(), &commands());
    assert!(problems.is_empty(), "tauri.conf.json: {problems:#?}");
}

#[test]
fn the_tauri_dependency_has_no_devtools_and_links_no_plugin_the_page_could_call() {
    let manifest: toml::Value = read("Cargo.toml").parse().unwrap();
    let problems = manifest_problems(&manifest);
    assert!(problems.is_empty(), "Cargo.toml: {problems:#?}");
}

#[test]
fn a_config_whose_csp_allows_unsafe_inline_is_rejected() {
    let mut config = shipped_config();
    let csp = config["app"]["security"]["csp"]
        .as_str()
        .unwrap()
        .to_owned();
    let loose = csp.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'");
    assert_ne!(loose, csp);
    config["app"]["security"]["csp"] = json!(loose);
    let problems = config_problems(&config, &commands());
    assert!(
        problems.iter().any(|p| p.contains("'unsafe-inline'")),
        "{problems:#?}"
    );
}

const STRICT_CSP: [&str; 5] = [
    "default-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "connect-src ipc: http://ipc.localhost",
];

/// The strict CSP with directive `index` replaced by `directive` (or removed when empty).
fn csp_with(index: usize, directive: &str) -> Value {
    let mut directives = STRICT_CSP.to_vec();
    directives[index] = directive;
    json!(directives.join("; "))
}

#[test]
fn loose_csps_in_either_form_are_rejected() {
    assert_eq!(
        csp_problems(&json!(STRICT_CSP.join("; "))),
        Vec::<String>::new()
    );
    for csp in [
        json!(null),
        json!(""),
        csp_with(0, "default-src *"),
        csp_with(0, "default-src 'self' https:"),
        csp_with(1, "script-src 'self' 'unsafe-eval'"),
        csp_with(1, "script-src 'self' http:"),
        csp_with(1, "script-src 'self'; script-src 'unsafe-inline'"),
        csp_with(2, "img-src 'self'"),
        csp_with(3, ""),
        csp_with(4, "connect-src ipc: https://api.openai.com"),
        csp_with(
            4,
            "connect-src ipc: http://ipc.localhost ws://localhost:1420",
        ),
        csp_with(4, "style-src 'self' 'unsafe-inline'; connect-src ipc:"),
        json!({"default-src": "'self'", "script-src": ["'self'", "'unsafe-eval'"],
               "object-src": "'none'", "frame-src": "'none'", "connect-src": "ipc:"}),
    ] {
        assert!(!csp_problems(&csp).is_empty(), "accepted {csp}");
    }
    let strict = json!({"default-src": "'self'", "script-src": "'self'", "object-src": "'none'",
        "frame-ancestors": "'none'", "connect-src": ["ipc:", "http://ipc.localhost"]});
    assert_eq!(csp_problems(&strict), Vec::<String>::new());
}

#[test]
fn a_config_with_global_tauri_or_csp_modification_switched_off_is_rejected() {
    let loosen: [fn(&mut Value); 4] = [
        |c| c["app"]["withGlobalTauri"] = json!(true),
        |c| c["app"]["security"]["dangerousDisableAssetCspModification"] = json!(true),
        |c| c["app"]["security"]["assetProtocol"] = json!({"enable": true, "scope": ["**"]}),
        |c| c["app"]["security"]["devCsp"] = json!("default-src *"),
    ];
    for (index, edit) in loosen.iter().enumerate() {
        let mut config = shipped_config();
        edit(&mut config);
        assert!(
            !config_problems(&config, &commands()).is_empty(),
            "edit {index} accepted"
        );
    }
}

fn sample_capability() -> Value {
    json!({"identifier": "sample", "windows": ["main"], "permissions": ["allow-query-keys"]})
}

#[test]
fn a_capability_with_fs_default_or_any_plugin_or_core_permission_is_rejected() {
    let commands = commands();
    let base =
        json!({"identifier": "sample", "windows": ["main"], "permissions": ["allow-query-keys"]});
    assert_eq!(capability_problems(&base, &commands), Vec::<String>::new());
    for permission in [
        json!("fs:default"),
        json!("core:default"),
        json!("core:event:default"),
        json!("shell:allow-open"),
        json!("http:default"),
        json!("clipboard-manager:allow-read-text"),
        json!("opener:default"),
        json!("allow-not-a-command"),
        json!("deny-query-keys"),
        json!({"identifier": "opener:allow-open-url", "allow": [{"url": "https://*"}]}),
        json!({"identifier": "fs:allow-read", "allow": [{"path": "$HOME/**"}]}),
    ] {
        let mut capability = base.clone();
        capability["permissions"]
            .as_array_mut()
            .unwrap()
            .push(permission.clone());
        let problems = capability_problems(&capability, &commands);
        assert!(!problems.is_empty(), "accepted {permission}");
    }
    let opener = json!({"identifier": "opener:allow-open-url", "allow": [{"url": OPENER_URL}]});
    let mut future = base.clone();
    future["permissions"].as_array_mut().unwrap().push(opener);
    assert_eq!(
        capability_problems(&future, &commands),
        Vec::<String>::new()
    );
}

#[test]
fn a_capability_for_other_windows_or_remote_urls_is_rejected() {
    let commands = commands();
    for extra in [
        json!({"windows": ["*"]}),
        json!({"windows": ["main", "about"]}),
        json!({"webviews": ["*"]}),
        json!({"remote": {"urls": ["https://*.openai.com"]}}),
        json!({"local": false}),
    ] {
        let mut capability = sample_capability();
        for (key, value) in extra.as_object().unwrap() {
            capability[key] = value.clone();
        }
        assert!(
            !capability_problems(&capability, &commands).is_empty(),
            "accepted {extra}"
        );
    }
}

#[test]
fn a_manifest_with_devtools_or_a_plugin_is_rejected() {
    for manifest in [
        "[dependencies]\ntauri = { version = \"2\", features = [\"devtools\"] }",
        "[dependencies.tauri]\nversion = \"2\"\nfeatures = [\"tray-icon\", \"devtools\"]",
        "[target.'cfg(unix)'.dependencies]\ntauri = { version = \"2\", features = [\"devtools\"] }",
        "[features]\ndebug = [\"tauri/devtools\"]",
        "[dependencies]\ntauri-plugin-fs = \"2\"",
        "[dependencies]\ntauri-plugin-shell = \"2\"",
    ] {
        let manifest: toml::Value = manifest.parse().unwrap();
        assert!(
            !manifest_problems(&manifest).is_empty(),
            "accepted {manifest}"
        );
    }
}

#[test]
fn the_handler_list_parser_reads_paths_and_ignores_comments() {
    let lib = "x.invoke_handler(tauri::generate_handler![\n  a::b::one,\n  // a::two,\n  three\n])";
    assert_eq!(handler_names(lib), ["one", "three"]);
    let names = "pub const COMMANDS: &[&str] = &[\n    \"one\",\n    \"two\",\n];";
    assert_eq!(command_names(names), ["one", "two"]);
}
