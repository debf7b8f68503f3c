//! The release workflow a maintainer pushes (`.github/workflows/release.yml`): read as YAML, it
//! builds every installer the README promises on the three systems, with the official Tauri
//! action, into a draft release, and takes its signing keys from secrets, never from the file.
//! Only the Linux packages are built and run here (the `packages` suite of `make test`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_yaml::Value;

fn workflow() -> Value {
    let path = keywarden_e2e::paths::workspace_root().join(".github/workflows/release.yml");
    let text = std::fs::read_to_string(&path).expect("the release workflow exists");
    serde_yaml::from_str(&text).expect("the release workflow is valid YAML")
}

/// The matrix entries of the build job.
fn matrix(workflow: &Value) -> Vec<Value> {
    workflow["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .expect("the build job has a matrix of platforms")
        .clone()
}

fn entry<'a>(matrix: &'a [Value], platform: &str) -> &'a Value {
    matrix
        .iter()
        .find(|entry| entry["platform"].as_str() == Some(platform))
        .unwrap_or_else(|| panic!("the matrix builds on {platform}"))
}

/// The bundle formats a matrix entry asks for (`--bundles a,b`).
fn bundles(entry: &Value) -> Vec<String> {
    let args = entry["args"].as_str().expect("the entry passes build args");
    let list = args
        .split_whitespace()
        .skip_while(|arg| *arg != "--bundles")
        .nth(1)
        .expect("the entry names its bundles");
    list.split(',').map(str::to_owned).collect()
}

#[test]
fn a_pushed_version_tag_starts_the_release() {
    let workflow = workflow();
    let tags = workflow["on"]["push"]["tags"].as_sequence().unwrap();
    assert_eq!(tags, &[Value::from("v*")]);
}

#[test]
fn the_matrix_builds_linux_macos_and_windows_installers() {
    let matrix = matrix(&workflow());
    assert_eq!(matrix.len(), 3, "one entry per system: {matrix:?}");
    assert_eq!(
        bundles(entry(&matrix, "ubuntu-22.04")),
        ["deb", "rpm", "appimage"]
    );
    assert_eq!(bundles(entry(&matrix, "macos-latest")), ["dmg"]);
    assert_eq!(bundles(entry(&matrix, "windows-latest")), ["msi", "nsis"]);
}

#[test]
fn the_macos_build_is_universal_with_both_rust_targets() {
    let matrix = matrix(&workflow());
    let macos = entry(&matrix, "macos-latest");
    assert!(macos["args"]
        .as_str()
        .unwrap()
        .contains("--target universal-apple-darwin"));
    let targets: Vec<&str> = macos["rust-targets"].as_str().unwrap().split(',').collect();
    assert_eq!(targets, ["aarch64-apple-darwin", "x86_64-apple-darwin"]);
}

#[test]
fn the_tauri_action_builds_a_draft_release_with_signing_secrets_from_the_repository() {
    let workflow = workflow();
    let steps = workflow["jobs"]["build"]["steps"].as_sequence().unwrap();
    let action = steps
        .iter()
        .find(|step| {
            step["uses"]
                .as_str()
                .is_some_and(|uses| uses.starts_with("tauri-apps/tauri-action@"))
        })
        .expect("a step uses the official Tauri action");
    assert_eq!(action["with"]["releaseDraft"], Value::Bool(true));
    let env = action["env"].as_mapping().unwrap();
    for secret in [
        "APPLE_CERTIFICATE",
        "APPLE_CERTIFICATE_PASSWORD",
        "APPLE_SIGNING_IDENTITY",
        "APPLE_ID",
        "APPLE_PASSWORD",
        "APPLE_TEAM_ID",
        "TAURI_SIGNING_PRIVATE_KEY",
    ] {
        let value = env
            .get(secret)
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("{secret} is passed to the action"));
        assert_eq!(value, format!("${{{{ secrets.{secret} }}}}"));
    }
}

#[test]
fn linux_gets_webkitgtk_and_the_ui_is_built_before_the_bundles() {
    let workflow = workflow();
    let steps = workflow["jobs"]["build"]["steps"].as_sequence().unwrap();
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    let linux_deps = runs
        .iter()
        .find(|run| run.contains("apt-get install"))
        .expect("a step installs the Linux build dependencies");
    assert!(linux_deps.contains("libwebkit2gtk-4.1-dev"));
    let position = |needle: &str| {
        steps
            .iter()
            .position(|s| serde_yaml::to_string(s).unwrap().contains(needle))
            .unwrap_or_else(|| panic!("a step does {needle}"))
    };
    assert!(position("actions/setup-node") < position("npm run build:ui"));
    assert!(position("npm run build:ui") < position("tauri-apps/tauri-action"));
}
