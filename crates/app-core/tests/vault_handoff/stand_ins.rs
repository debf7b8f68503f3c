//! 1Password's `op` and Bitwarden's `bw` cannot be installed here (no Debian package, no
//! account), so these tests run **stand-in executables** under those names: shell scripts that
//! record every call's argv, environment and stdin, and answer like the real tools. What they
//! prove is Keywarden's side: the secret goes only to stdin, in the shape each tool documents.

use std::path::{Path, PathBuf};
use std::process::Command;

use app_core::key_lifecycle::LifecycleError;
use app_core::vault_handoff::{Destination, VaultError, VaultKind, VaultUnlock, TOOL_TIME_LIMIT};
use secrecy::SecretString;

use crate::bench::{destination, tools_with, HeldKey};

const RECORD: &str = r#"dir=$(dirname "$0")
mkdir -p "$dir/calls"
call="$dir/calls/$(ls "$dir/calls" | wc -l)"
mkdir "$call"
printf '%s\0' "$@" >"$call/argv"
env -0 >"$call/env"
cat >"$call/stdin"
"#;

const OP: &str = r#"case "$OP_STAND_IN:$1 $2" in
  signed-out:*) echo '[ERROR] 2026/12/01 You are not currently signed in.' >&2; exit 1 ;;
  *:"item get") echo "[ERROR] 2026/12/01 \"$3\" isn't an item." >&2; exit 1 ;;
  *:"item create") echo '{"id":"kwitem1","title":"t","vault":{"id":"kwvault1","name":"Private"}}' ;;
  *) exit 2 ;;
esac
"#;

const BW: &str = r#"case "$1 $2" in
  "list items") if [ -n "$BW_STAND_IN_EXISTING" ]; then
      printf '[{"id":"old","name":"%s"}]\n' "$BW_STAND_IN_EXISTING"; else echo '[]'; fi ;;
  "create item") echo '{"id":"kwbw1","name":"t"}' ;;
  *) exit 2 ;;
esac
"#;

/// A folder with the stand-in `program`.
fn stand_in(program: &str, answers: &str) -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join(program);
    std::fs::write(&script, format!("#!/bin/sh\n{RECORD}{answers}")).unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

/// What the stand-in recorded for its `n`th call: (argv, environment, stdin).
fn call(dir: &Path, n: usize) -> (Vec<String>, String, Vec<u8>) {
    let at: PathBuf = dir.join("calls").join(n.to_string());
    let argv = std::fs::read(at.join("argv")).unwrap();
    let argv = argv
        .split(|b| *b == 0)
        .filter(|arg| !arg.is_empty())
        .map(|arg| String::from_utf8_lossy(arg).into_owned())
        .collect();
    let env = String::from_utf8_lossy(&std::fs::read(at.join("env")).unwrap()).replace('\0', "\n");
    (argv, env, std::fs::read(at.join("stdin")).unwrap())
}

fn calls(dir: &Path) -> usize {
    std::fs::read_dir(dir.join("calls"))
        .map(|d| d.count())
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread")]
async fn op_stand_in_gets_the_item_as_json_on_stdin_and_the_secret_nowhere_else() {
    let dir = stand_in("op", OP);
    let held = HeldKey::mint().await;
    let target = Destination {
        container: Some("Engineering".into()),
        ..destination(VaultKind::OnePassword, "OpenAI/Vault Test/ci-deploy")
    };

    let stored = held
        .send(
            &tools_with(&[dir.path()], TOOL_TIME_LIMIT),
            &target,
            VaultUnlock::default(),
        )
        .await
        .unwrap();

    assert_eq!(stored.location, "op://kwvault1/kwitem1/credential");
    assert_eq!(calls(dir.path()), 2, "a lookup, then the create");
    let (lookup, _, _) = call(dir.path(), 0);
    assert_eq!(
        lookup,
        [
            "item",
            "get",
            "OpenAI/Vault Test/ci-deploy",
            "--format",
            "json",
            "--vault",
            "Engineering"
        ]
    );
    let (argv, env, stdin) = call(dir.path(), 1);
    assert_eq!(
        argv,
        [
            "item",
            "create",
            "--format",
            "json",
            "--vault",
            "Engineering"
        ]
    );
    let item: serde_json::Value = serde_json::from_slice(&stdin).unwrap();
    assert_eq!(item["title"], "OpenAI/Vault Test/ci-deploy");
    assert_eq!(item["category"], "API_CREDENTIAL");
    assert_eq!(item["fields"][0]["value"], held.minted.as_str());
    assert_eq!(item["fields"][0]["type"], "CONCEALED");
    assert!(!argv.iter().any(|a| a.contains(&held.minted)));
    assert!(
        !env.contains(&held.minted),
        "the secret was in op's environment"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn op_stand_in_signed_out_says_to_sign_in_and_creates_nothing() {
    let dir = stand_in("op", OP);
    let held = HeldKey::mint().await;
    let tools = tools_with(&[dir.path()], TOOL_TIME_LIMIT).with_var("OP_STAND_IN", "signed-out");

    let error = held
        .refused(&tools, VaultKind::OnePassword, "OpenAI/key")
        .await;

    assert!(
        matches!(error, LifecycleError::Vault(VaultError::NotReady { .. })),
        "{error}"
    );
    assert!(error.to_string().contains("op signin"), "{error}");
    assert_eq!(calls(dir.path()), 1, "only the lookup ran");
    assert!(held.still_held());
}

#[tokio::test(flavor = "multi_thread")]
async fn bw_stand_in_gets_the_encoded_item_on_stdin_and_the_session_only_in_its_environment() {
    let dir = stand_in("bw", BW);
    let held = HeldKey::mint().await;
    let unlock = VaultUnlock {
        password: None,
        session: Some(SecretString::from("bw-session-token-1234")),
    };

    let stored = held
        .send(
            &tools_with(&[dir.path()], TOOL_TIME_LIMIT),
            &destination(VaultKind::Bitwarden, "OpenAI/Vault Test/ci-deploy"),
            unlock,
        )
        .await
        .unwrap();

    assert_eq!(stored.location, "item kwbw1");
    let (list, _, _) = call(dir.path(), 0);
    assert_eq!(
        list,
        ["list", "items", "--search", "OpenAI/Vault Test/ci-deploy"]
    );
    let (argv, env, stdin) = call(dir.path(), 1);
    assert_eq!(argv, ["create", "item"], "the item is not an argument");
    let decoded = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "printf %s '{}' | base64 -d",
            String::from_utf8(stdin).unwrap()
        ))
        .output()
        .unwrap();
    let item: serde_json::Value = serde_json::from_slice(&decoded.stdout).unwrap();
    assert_eq!(item["login"]["password"], held.minted.as_str());
    assert_eq!(item["name"], "OpenAI/Vault Test/ci-deploy");
    assert!(env
        .lines()
        .any(|line| line == "BW_SESSION=bw-session-token-1234"));
    assert!(
        !env.contains(&held.minted),
        "the secret was in bw's environment"
    );
    assert!(
        !argv.iter().any(|a| a.contains("bw-session-token")),
        "the session was in argv"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn bw_stand_in_with_an_item_of_that_name_is_refused() {
    let dir = stand_in("bw", BW);
    let held = HeldKey::mint().await;
    let tools =
        tools_with(&[dir.path()], TOOL_TIME_LIMIT).with_var("BW_STAND_IN_EXISTING", "OpenAI/key");

    let error = held
        .refused(&tools, VaultKind::Bitwarden, "OpenAI/key")
        .await;

    assert!(
        matches!(error, LifecycleError::Vault(VaultError::EntryExists { .. })),
        "{error}"
    );
    assert_eq!(calls(dir.path()), 1, "nothing was created");
    assert!(held.still_held());
}
