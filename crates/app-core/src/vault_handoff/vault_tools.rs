//! Where a vault's command-line tool is found, and what every run of one shares: the search
//! path (`PATH`, or a list the caller gives), variables such as `PASSWORD_STORE_DIR` or
//! `GNUPGHOME` (never a secret), and the time limit. The program is found by Keywarden, never
//! through a shell.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::tool_run::ToolCommand;
use super::VaultError;

/// How long a vault tool may take before it is stopped.
pub const TOOL_TIME_LIMIT: Duration = Duration::from_secs(30);

/// Where vault tools are looked for, and how long they may run.
#[derive(Debug, Clone)]
pub struct VaultTools {
    search_path: OsString,
    time_limit: Duration,
    vars: Vec<(OsString, OsString)>,
}

impl VaultTools {
    /// Tools on this process's `PATH`, with the standard time limit.
    pub fn from_environment() -> Self {
        Self::new(
            std::env::var_os("PATH").unwrap_or_default(),
            TOOL_TIME_LIMIT,
        )
    }

    /// Tools on `search_path` (a `PATH`-style list), stopped after `time_limit`.
    pub fn new(search_path: impl Into<OsString>, time_limit: Duration) -> Self {
        Self {
            search_path: search_path.into(),
            time_limit,
            vars: Vec::new(),
        }
    }

    /// Sets an environment variable for every tool, e.g. `PASSWORD_STORE_DIR` or `GNUPGHOME`
    /// (never a secret).
    pub fn with_var(mut self, name: impl Into<OsString>, value: impl Into<OsString>) -> Self {
        self.vars.push((name.into(), value.into()));
        self
    }

    /// An environment variable as the tools see it: set here, or inherited.
    pub fn var(&self, name: &str) -> Option<OsString> {
        self.vars
            .iter()
            .rev()
            .find(|(set, _)| set == name)
            .map(|(_, value)| value.clone())
            .or_else(|| std::env::var_os(name))
            .filter(|value| !value.is_empty())
    }

    /// The program `name` on the search path, if it is there and executable.
    pub fn find(&self, name: &str) -> Option<PathBuf> {
        std::env::split_paths(&self.search_path)
            .filter(|folder| folder.is_absolute())
            .flat_map(|folder| candidates(&folder, name))
            .find(|candidate| is_executable(candidate))
    }

    /// The program `tool`, or the error that says how to install it.
    pub(crate) fn require(
        &self,
        tool: &'static str,
        install: &'static str,
    ) -> Result<PathBuf, VaultError> {
        self.find(tool)
            .ok_or(VaultError::ToolMissing { tool, install })
    }

    /// A run of `program` (found by [`VaultTools::find`]) named `tool` in messages.
    pub(crate) fn command(&self, tool: &'static str, program: &Path) -> ToolCommand {
        ToolCommand::new(
            tool,
            program,
            self.vars.clone(),
            self.search_path.clone(),
            self.time_limit,
        )
    }
}

fn candidates(folder: &Path, name: &str) -> Vec<PathBuf> {
    if cfg!(windows) {
        vec![folder.join(format!("{name}.exe"))]
    } else {
        vec![folder.join(name)]
    }
}

fn is_executable(path: &Path) -> bool {
    let Ok(metadata) = std::fs::metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        metadata.is_file() && metadata.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        metadata.is_file()
    }
}
