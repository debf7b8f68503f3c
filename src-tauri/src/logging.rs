//! Logs: a daily file in the platform log folder (the last seven kept) and stderr, and the
//! read-back the About box shows and exports for a bug report.
//!
//! Log files travel in bug reports, so they must never hold a secret: Keywarden logs errors as
//! their `Display` strings and never headers or bodies, and the HTTP stack's own debug and trace
//! events, which can carry headers, are dropped whatever `KEYWARDEN_LOG` asks for.

mod files;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use tracing::{Level, Subscriber};
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{InitError, RollingFileAppender, Rotation};
use tracing_subscriber::filter::{filter_fn, EnvFilter, FilterFn};
use tracing_subscriber::fmt::{self, MakeWriter};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::{SubscriberInitExt, TryInitError};
use tracing_subscriber::{Layer, Registry};

pub use files::{export_logs, recent_log_text};

/// Log files are named `keywarden.log.YYYY-MM-DD` (UTC dates).
pub const FILE_PREFIX: &str = "keywarden.log";
/// How many daily files are kept; older ones are deleted when a new one starts.
pub const KEPT_FILES: usize = 7;
const FILTER_VAR: &str = "KEYWARDEN_LOG";
const DIR_VAR: &str = "KEYWARDEN_LOG_DIR";
const HTTP_TARGETS: &[&str] = &[
    "hyper",
    "hyper_util",
    "h2",
    "reqwest",
    "rustls",
    "tower_http",
];

/// Keeps the file writer running; hold it until the app exits (dropping it flushes the file).
#[must_use = "logs stop reaching the file once the guard is dropped"]
#[derive(Debug)]
pub struct LogGuard {
    _file: WorkerGuard,
}

/// Why logging could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum LoggingError {
    /// The log folder could not be created.
    #[error("cannot create the log folder {}: {source}", path.display())]
    Folder {
        /// The folder.
        path: PathBuf,
        /// The underlying failure.
        #[source]
        source: io::Error,
    },
    /// Today's log file could not be opened.
    #[error("cannot open the log file: {0}")]
    File(#[from] InitError),
    /// A global subscriber was already installed.
    #[error("logging was already set up: {0}")]
    AlreadySet(#[from] TryInitError),
}

/// Sends events to a daily file in `log_dir` and to stderr, filtered by `KEYWARDEN_LOG` (an
/// `EnvFilter` string for both) or, when unset, `info` to the file and `warn` to stderr.
pub fn init(log_dir: &Path) -> Result<LogGuard, LoggingError> {
    let custom = std::env::var(FILTER_VAR).ok();
    let (subscriber, guard) = subscriber(log_dir, custom.as_deref(), io::stderr)?;
    subscriber.try_init()?;
    if custom.is_some_and(|c| EnvFilter::try_new(c).is_err()) {
        tracing::warn!("{FILTER_VAR} is not a valid filter; using the default levels");
    }
    Ok(guard)
}

/// Where logs go: `KEYWARDEN_LOG_DIR` when set, else `logs` in the platform state folder
/// (`~/.local/state/keywarden/logs` on Linux) or, elsewhere, the local data folder.
pub fn default_log_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DIR_VAR).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    app_core::folders::logs()
}

fn subscriber<W>(
    log_dir: &Path,
    custom: Option<&str>,
    stderr: W,
) -> Result<(impl Subscriber + Send + Sync, LogGuard), LoggingError>
where
    W: for<'w> MakeWriter<'w> + Send + Sync + 'static,
{
    fs::create_dir_all(log_dir).map_err(|source| LoggingError::Folder {
        path: log_dir.to_path_buf(),
        source,
    })?;
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(FILE_PREFIX)
        .max_log_files(KEPT_FILES)
        .build(log_dir)?;
    let (file, guard) = tracing_appender::non_blocking(appender);
    let file_layer = fmt::layer()
        .with_ansi(false)
        .with_writer(file)
        .with_filter(filter(custom, "info"));
    let stderr_layer = fmt::layer()
        .with_writer(stderr)
        .with_filter(filter(custom, "warn"));
    let subscriber = Registry::default()
        .with(http_cap())
        .with(file_layer)
        .with(stderr_layer);
    Ok((subscriber, LogGuard { _file: guard }))
}

fn filter(custom: Option<&str>, default: &str) -> EnvFilter {
    custom
        .and_then(|c| EnvFilter::try_new(c).ok())
        .unwrap_or_else(|| EnvFilter::new(default))
}

/// Drops the HTTP stack's events below `info`, however specific a directive asks for them.
fn http_cap() -> FilterFn<impl Fn(&tracing::Metadata<'_>) -> bool> {
    filter_fn(|meta| {
        let crate_name = meta.target().split("::").next().unwrap_or_default();
        *meta.level() <= Level::INFO || !HTTP_TARGETS.contains(&crate_name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn log_with(custom: Option<&str>, emit: impl FnOnce()) -> (tempfile::TempDir, String) {
        let dir = tempfile::tempdir().unwrap();
        let (subscriber, guard) = subscriber(dir.path(), custom, io::sink).unwrap();
        tracing::subscriber::with_default(subscriber, emit);
        drop(guard);
        let text = recent_log_text(dir.path(), usize::MAX).unwrap();
        (dir, text)
    }

    #[test]
    fn starting_the_file_log_keeps_at_most_seven_dated_files_and_nothing_else_is_touched() {
        let dir = tempfile::tempdir().unwrap();
        for day in 1..=10 {
            fs::write(
                dir.path().join(format!("{FILE_PREFIX}.2020-01-{day:02}")),
                "old\n",
            )
            .unwrap();
        }
        fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let (_subscriber, guard) = subscriber(dir.path(), None, io::sink).unwrap();
        drop(guard);
        let names = file_names(dir.path());
        let logs: Vec<_> = names
            .iter()
            .filter(|n| n.starts_with(FILE_PREFIX))
            .collect();
        assert!(logs.len() <= KEPT_FILES, "{names:?}");
        assert!(names.contains(&"notes.txt".to_owned()), "{names:?}");
    }

    #[test]
    fn info_events_reach_todays_dated_file_and_debug_events_do_not_by_default() {
        let (dir, text) = log_with(None, || {
            tracing::info!("kept-info-line");
            tracing::debug!("dropped-debug-line");
        });
        assert!(text.contains("kept-info-line"), "{text}");
        assert!(!text.contains("dropped-debug-line"), "{text}");
        let names = file_names(dir.path());
        assert_eq!(names.len(), 1, "{names:?}");
        let date = names[0].strip_prefix("keywarden.log.").unwrap();
        assert_eq!(date.len(), "2025-01-31".len(), "{names:?}");
    }

    #[test]
    fn a_trace_filter_still_never_logs_the_http_stacks_debug_events() {
        let (_dir, text) = log_with(Some("trace,hyper::proto=trace"), || {
            tracing::debug!("kept-debug-line");
            tracing::debug!(target: "hyper::proto::h1", "authorization: Bearer sk-x");
            tracing::info!(target: "reqwest::connect", "kept-http-info");
        });
        assert!(text.contains("kept-debug-line"), "{text}");
        assert!(text.contains("kept-http-info"), "{text}");
        assert!(!text.contains("Bearer"), "{text}");
    }

    #[test]
    fn the_log_dir_env_override_wins_over_the_platform_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::env::set_var(DIR_VAR, dir.path());
        let chosen = default_log_dir();
        std::env::remove_var(DIR_VAR);
        assert_eq!(chosen.as_deref(), Some(dir.path()));
        if let Some(platform) = default_log_dir() {
            assert!(platform.ends_with("logs"), "{}", platform.display());
        }
    }
}
