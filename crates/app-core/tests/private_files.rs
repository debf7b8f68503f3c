//! Keywarden's own files are private and written safely: the settings file is 0600 in a 0700
//! folder it creates, its temporary file has an unpredictable name opened with create_new, so a
//! file or symlink someone placed in the folder is never written through.
#![cfg(unix)]
#![allow(clippy::unwrap_used)]

use std::os::unix::fs::PermissionsExt;

use app_core::config::write_atomically;

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn the_settings_file_is_0600_in_a_0700_folder_it_creates() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("keywarden");
    let path = folder.join("config.json");
    write_atomically(&path, b"{}").unwrap();
    assert_eq!(mode(&folder), 0o700);
    assert_eq!(mode(&path), 0o600);
    let names: Vec<_> = std::fs::read_dir(&folder).unwrap().flatten().collect();
    assert_eq!(names.len(), 1, "no temporary file is left");
}

#[test]
fn a_symlink_planted_where_the_old_temporary_name_was_is_never_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.json");
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "untouched").unwrap();
    let planted = path.with_extension(format!("tmp-{}", std::process::id()));
    std::os::unix::fs::symlink(&victim, &planted).unwrap();
    write_atomically(&path, b"{\"schemaVersion\":1}").unwrap();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "untouched");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "{\"schemaVersion\":1}"
    );
    assert!(
        std::fs::symlink_metadata(&planted).is_ok(),
        "left where it was"
    );
}
