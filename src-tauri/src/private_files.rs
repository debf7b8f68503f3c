//! Every file and folder Keywarden creates is its user's alone: the process's file-creation mask
//! is set to 077 before anything is written, so settings, the activity and reveal journals, the
//! inventory caches, the logs (whose daily files the log appender creates itself) and an exported
//! log come out 0600 in 0700 folders, whoever opens them and however. On Windows, files inherit the
//! user profile's ACLs.

/// Makes files and folders created from now on private to the user (umask 077 on unix).
pub fn restrict_new_files() {
    #[cfg(unix)]
    {
        use rustix::fs::Mode;
        let _previous = rustix::process::umask(Mode::from_raw_mode(0o077));
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    #[test]
    fn files_and_folders_made_afterwards_are_private() {
        restrict_new_files();
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("logs");
        std::fs::create_dir(&folder).unwrap();
        let file = folder.join("keywarden.log");
        std::fs::write(&file, "line\n").unwrap();
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&folder), 0o700);
        assert_eq!(mode(&file), 0o600);
    }
}
