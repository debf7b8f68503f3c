//! Reading the log files back: the tail the About box shows, and the export attached to a bug
//! report. Only files named `keywarden.log.<date>` in the log folder are ever read.

use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::FILE_PREFIX;

/// The last `max_bytes` (at most) of the newest log files, oldest line first, starting on a
/// whole line unless a single line is longer than `max_bytes`. Empty when there are no logs.
pub fn recent_log_text(log_dir: &Path, max_bytes: usize) -> io::Result<String> {
    let mut chunks = Vec::new();
    let mut remaining = max_bytes;
    let mut mid_line = false;
    for path in log_files(log_dir)?.iter().rev() {
        if remaining == 0 {
            break;
        }
        let (chunk, starts_mid_line) = tail_bytes(path, remaining)?;
        remaining -= chunk.len();
        mid_line = starts_mid_line;
        chunks.push(chunk);
    }
    let bytes: Vec<u8> = chunks.into_iter().rev().flatten().collect();
    Ok(text_within(&bytes, max_bytes, mid_line))
}

/// Writes every log file, oldest first and each under a `==> name <==` line, to `dest`;
/// returns how many files were written. `dest` must not be one of the log files.
pub fn export_logs(log_dir: &Path, dest: &Path) -> io::Result<usize> {
    let files = log_files(log_dir)?;
    if let Ok(target) = dest.canonicalize() {
        if files
            .iter()
            .any(|f| f.canonicalize().is_ok_and(|f| f == target))
        {
            let message = "the export cannot overwrite a log file";
            return Err(io::Error::new(io::ErrorKind::InvalidInput, message));
        }
    }
    let mut out = io::BufWriter::new(File::create(dest)?);
    for path in &files {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        writeln!(out, "==> {name} <==")?;
        io::copy(&mut File::open(path)?, &mut out)?;
    }
    out.flush()?;
    Ok(files.len())
}

/// The log files in `log_dir`, oldest first (their dates sort as text); none if it is missing.
pub(super) fn log_files(log_dir: &Path) -> io::Result<Vec<PathBuf>> {
    let entries = match fs::read_dir(log_dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(error),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let dated = name
            .to_str()
            .and_then(|n| n.strip_prefix(FILE_PREFIX))
            .is_some_and(|rest| rest.starts_with('.'));
        if dated && entry.file_type()?.is_file() {
            files.push(entry.path());
        }
    }
    files.sort();
    Ok(files)
}

/// The last `max` bytes of the file, and whether they start in the middle of a line.
fn tail_bytes(path: &Path, max: usize) -> io::Result<(Vec<u8>, bool)> {
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    let take = len.min(u64::try_from(max).unwrap_or(u64::MAX));
    let before = u64::from(take < len);
    file.seek(SeekFrom::Start(len - take - before))?;
    let mut bytes = Vec::new();
    file.take(take + before).read_to_end(&mut bytes)?;
    if before == 0 {
        return Ok((bytes, false));
    }
    let mid_line = bytes.first() != Some(&b'\n');
    bytes.remove(0);
    Ok((bytes, mid_line))
}

/// `bytes` as text of at most `max` bytes; a head that starts `mid_line` is dropped up to its
/// first line break when a later line exists.
fn text_within(bytes: &[u8], max: usize, mid_line: bool) -> String {
    let mut start = 0;
    if mid_line {
        if let Some(newline) = bytes.iter().position(|&b| b == b'\n') {
            if newline + 1 < bytes.len() {
                start = newline + 1;
            }
        }
    }
    while bytes.get(start).is_some_and(|b| b & 0xC0 == 0x80) {
        start += 1;
    }
    let text = String::from_utf8_lossy(&bytes[start..]);
    let mut from = text.len().saturating_sub(max);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text[from..].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_days() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("keywarden.log.2025-01-01"), "a1\na2\n").unwrap();
        fs::write(dir.path().join("keywarden.log.2025-01-02"), "b1\nb2\nb3\n").unwrap();
        fs::write(dir.path().join("other.log"), "zz\n").unwrap();
        dir
    }

    #[test]
    fn recent_log_text_returns_whole_lines_from_the_tail_of_the_newest_files() {
        let dir = two_days();
        let recent = |max| recent_log_text(dir.path(), max).unwrap();
        assert_eq!(recent(1_000), "a1\na2\nb1\nb2\nb3\n");
        assert_eq!(recent(9), "b1\nb2\nb3\n");
        assert_eq!(recent(8), "b2\nb3\n");
        assert_eq!(recent(12), "a2\nb1\nb2\nb3\n");
        assert_eq!(recent(11), "b1\nb2\nb3\n");
    }

    #[test]
    fn recent_log_text_never_returns_more_than_max_bytes() {
        let dir = two_days();
        let all = recent_log_text(dir.path(), usize::MAX).unwrap();
        for max in 0..=all.len() + 1 {
            let text = recent_log_text(dir.path(), max).unwrap();
            assert!(text.len() <= max, "{max}: {text:?}");
            assert!(all.ends_with(&text), "{max}: {text:?}");
        }
        fs::write(dir.path().join("keywarden.log.2025-01-03"), "ééééé").unwrap();
        for max in 0..12 {
            let text = recent_log_text(dir.path(), max).unwrap();
            assert!(
                text.len() <= max && text.chars().all(|c| c == 'é'),
                "{text:?}"
            );
        }
    }

    #[test]
    fn recent_log_text_is_empty_before_any_log_was_written() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            recent_log_text(&dir.path().join("missing"), 10).unwrap(),
            ""
        );
        assert_eq!(recent_log_text(dir.path(), 10).unwrap(), "");
    }

    #[test]
    fn export_concatenates_every_log_file_oldest_first_and_never_overwrites_one() {
        let dir = two_days();
        let dest = dir.path().join("export.txt");
        assert_eq!(export_logs(dir.path(), &dest).unwrap(), 2);
        let expected = "==> keywarden.log.2025-01-01 <==\na1\na2\n\
                        ==> keywarden.log.2025-01-02 <==\nb1\nb2\nb3\n";
        assert_eq!(fs::read_to_string(&dest).unwrap(), expected);
        let first = dir.path().join("keywarden.log.2025-01-01");
        let error = export_logs(dir.path(), &first).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert_eq!(fs::read_to_string(&first).unwrap(), "a1\na2\n");
    }
}
