//! Exporting the keys inventory: the view the user looks at or the whole organization, CSV with
//! a header row and formula-proof cells, or JSON, written by Rust to a 0600 file; a folder that
//! cannot be written or a full disk gives a clear error and leaves nothing behind. The last two
//! mount a tiny or read-only tmpfs (Linux), which needs root: `make test` (as root) runs them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::Path;

use app_core::inventory_store::{KeyQuery, KeySort, KeySortColumn};
use app_core::key_export::{ExportFormat, FIELDS};
use app_core::{Error, Org};
use openai_admin::ProjectId;

async fn refreshed_demo() -> (support::Harness, Org, u64) {
    let h = support::harness().await;
    let demo = support::demo_org(&h.keywarden);
    let status = demo.refresh_inventory(|_| {}).await.expect("refreshed");
    (h, demo, status.key_count)
}

/// A key whose name a spreadsheet would run, created in the demo's first project.
async fn formula_key(demo: &Org, h: &support::Harness) -> String {
    let server = h.keywarden.demo().unwrap().server();
    let project = server.state().projects(false)[0].id.clone();
    demo.create_key(
        &ProjectId::from(project.as_str()),
        "=HYPERLINK(\"x\")",
        &Default::default(),
        "req-x",
    )
    .await
    .unwrap();
    project
}

#[tokio::test]
async fn a_project_view_exports_as_csv_with_a_header_and_formula_proof_cells() {
    let (h, demo, _) = refreshed_demo().await;
    let project = formula_key(&demo, &h).await;
    let view = KeyQuery {
        project_id: Some(project.clone()),
        sort: KeySort {
            column: KeySortColumn::Name,
            descending: false,
        },
        ..KeyQuery::default()
    };
    let shown = demo.query_keys(view.clone()).await.unwrap();
    let file = h.dir.path().join("export/keys.csv");

    let exported = demo
        .export_keys(Some(view), ExportFormat::Csv, &file)
        .await
        .unwrap();

    let text = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], FIELDS.join(","));
    assert_eq!(exported.keys, shown.total);
    assert_eq!(
        lines.len() as u64,
        shown.total + 1,
        "a header and one line per key"
    );
    let others: Vec<_> = lines[1..]
        .iter()
        .filter(|l| !l.starts_with(&project))
        .collect();
    assert!(others.is_empty(), "only the project's keys: {others:?}");
    assert!(text.contains(",\"'=HYPERLINK(\"\"x\"\")\","), "{text}");
    assert!(
        !text.contains(",=HYPERLINK"),
        "a formula cell was left as is"
    );
    assert!(
        !text.contains("sk-") || !text.contains("sk-svcacct-"),
        "no secret"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[tokio::test]
async fn the_whole_organization_exports_as_json_without_any_secret() {
    let (h, demo, total) = refreshed_demo().await;
    formula_key(&demo, &h).await;
    let file = h.dir.path().join("all.json");

    let exported = demo
        .export_keys(None, ExportFormat::Json, &file)
        .await
        .unwrap();

    let document: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let keys = document["keys"].as_array().unwrap();
    assert_eq!(keys.len() as u64, exported.keys);
    assert_eq!(exported.keys, total + 1, "every key, the new one too");
    assert_eq!(document["organization"], demo.record().label.as_str());
    assert_eq!(document["fields"].as_array().unwrap().len(), FIELDS.len());
    assert!(
        keys.iter().any(|k| k["name"] == "=HYPERLINK(\"x\")"),
        "JSON keeps values as they are"
    );
    let text = String::from_utf8(std::fs::read(&file).unwrap()).unwrap();
    let server = h.keywarden.demo().unwrap().server();
    for secret in server.state().minted_values() {
        assert!(!text.contains(&secret), "a secret was exported");
    }
}

#[tokio::test]
async fn a_relative_path_is_refused() {
    let (_h, demo, _) = refreshed_demo().await;
    let error = demo
        .export_keys(None, ExportFormat::Csv, Path::new("keys.csv"))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidInput(_)), "{error}");
    assert!(!Path::new("keys.csv").exists());
}

/// A tmpfs of `options` mounted on a new folder for the test; unmounted on drop.
#[cfg(target_os = "linux")]
struct Mounted(tempfile::TempDir);

#[cfg(target_os = "linux")]
impl Mounted {
    fn new(options: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(dir.path())
            .status()
            .unwrap();
        assert!(
            status.success(),
            "mounting a tmpfs needs root (make test runs as root)"
        );
        Self(dir)
    }
}

#[cfg(target_os = "linux")]
impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.0.path())
            .status();
    }
}

#[cfg(target_os = "linux")]
#[tokio::test]
#[ignore = "mounts a tmpfs, which needs root; run by `make test`"]
async fn a_full_disk_says_so_and_leaves_nothing_behind() {
    let (_h, demo, _) = refreshed_demo().await;
    let tiny = Mounted::new("size=8k");
    let file = tiny.0.path().join("keys.json");

    let error = demo
        .export_keys(None, ExportFormat::Json, &file)
        .await
        .unwrap_err();

    assert!(matches!(error, Error::ExportFailed { .. }), "{error}");
    assert!(error.to_string().contains("the disk is full"), "{error}");
    assert_eq!(
        std::fs::read_dir(tiny.0.path()).unwrap().count(),
        0,
        "nothing left behind"
    );
}

#[cfg(target_os = "linux")]
#[tokio::test]
#[ignore = "mounts a tmpfs, which needs root; run by `make test`"]
async fn a_read_only_folder_says_so_and_keeps_the_file_there() {
    let (_h, demo, _) = refreshed_demo().await;
    let read_only = Mounted::new("ro,size=64k");
    let file = read_only.0.path().join("keys.csv");

    let error = demo
        .export_keys(None, ExportFormat::Csv, &file)
        .await
        .unwrap_err();

    assert!(
        error
            .to_string()
            .contains("cannot be written to; choose another folder"),
        "{error}"
    );
    assert!(!file.exists());
}
