//! Running a vault's own command-line tool (`pass`, `keepassxc-cli`, `op`, `bw`) the only way a
//! secret may leave Keywarden towards a program: on its **stdin**.
//!
//! The program was found by [`VaultTools`](super::VaultTools) (never through a shell), its
//! arguments are separate argv elements that never contain a secret, and its environment is
//! Keywarden's own minus anything named `OPENAI_*` or `KEYWARDEN_*`, plus Bitwarden's session
//! token when the user gave one (see [`ToolCommand::bw_session`]). Output is kept up to a cap and
//! the rest drained, so a tool that prints megabytes neither fills memory nor blocks; a tool that
//! runs past the time limit is killed with everything it started.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use zeroize::Zeroizing;

use super::error::tool_detail;
use super::VaultError;

/// How much of a tool's stdout or stderr is kept.
const MAX_OUTPUT_BYTES: usize = 64 * 1024;
/// Environment variables never passed on to a vault tool.
const WITHHELD_PREFIXES: [&str; 2] = ["OPENAI_", "KEYWARDEN_"];

/// One run of a vault tool, built up before it starts.
pub(crate) struct ToolCommand {
    tool: &'static str,
    program: PathBuf,
    args: Vec<OsString>,
    stdin: Zeroizing<Vec<u8>>,
    bw_session: Option<SecretString>,
    vars: Vec<(OsString, OsString)>,
    search_path: OsString,
    time_limit: Duration,
}

/// What a finished tool left: its exit status and (capped) output.
pub(crate) struct ToolOutput {
    /// Whether it exited with status 0.
    pub success: bool,
    /// Its stdout, wiped when dropped (a read-back can contain the secret).
    pub stdout: Zeroizing<Vec<u8>>,
    /// Its stderr.
    pub stderr: Vec<u8>,
}

impl ToolOutput {
    /// Stdout and stderr together, for matching a tool's known messages.
    pub fn says(&self, needle: &str) -> bool {
        let needle = needle.to_ascii_lowercase();
        [&self.stdout[..], &self.stderr[..]].iter().any(|output| {
            String::from_utf8_lossy(output)
                .to_ascii_lowercase()
                .contains(&needle)
        })
    }

    /// The tool's explanation, shortened and scrubbed: stderr (or stdout when stderr says
    /// nothing), without the prompts it printed while reading its input ("Enter password…").
    pub fn detail(&self) -> String {
        let stderr = without_prompts(&self.stderr);
        if stderr.iter().any(|b| !b.is_ascii_whitespace()) {
            tool_detail(&stderr)
        } else {
            tool_detail(&without_prompts(&self.stdout))
        }
    }
}

impl ToolCommand {
    /// A run of `program`, named `tool` in messages, with the variables, search path and time
    /// limit of [`VaultTools`](super::VaultTools).
    pub(super) fn new(
        tool: &'static str,
        program: &Path,
        vars: Vec<(OsString, OsString)>,
        search_path: OsString,
        time_limit: Duration,
    ) -> Self {
        Self {
            tool,
            program: program.to_owned(),
            args: Vec::new(),
            stdin: Zeroizing::new(Vec::new()),
            bw_session: None,
            vars,
            search_path,
            time_limit,
        }
    }

    /// Adds one argv element (never a secret).
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    /// Appends a line to what the tool reads on stdin.
    pub fn stdin_line(mut self, line: &SecretString) -> Self {
        self.stdin
            .extend_from_slice(line.expose_secret().as_bytes());
        self.stdin.push(b'\n');
        self
    }

    /// Appends bytes to what the tool reads on stdin.
    pub fn stdin_bytes(mut self, bytes: &[u8]) -> Self {
        self.stdin.extend_from_slice(bytes);
        self
    }

    /// Gives `bw` the session token the user pasted (`bw unlock --raw`): never a key. `bw` reads
    /// its session from `BW_SESSION` or from `--session` on the command line, so the tool's own
    /// environment (readable only by this user, unlike argv) is the better of the two; it is the
    /// one value of any kind a tool gets outside its stdin.
    pub fn bw_session(mut self, token: SecretString) -> Self {
        self.bw_session = Some(token);
        self
    }

    /// Runs the tool to the end, or until the time limit.
    pub async fn run(self) -> Result<ToolOutput, VaultError> {
        let tool = self.tool;
        let failed = |detail: String| VaultError::ToolFailed { tool, detail };
        let mut command = tokio::process::Command::new(&self.program);
        command
            .args(&self.args)
            .env("PATH", &self.search_path)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        for (name, _) in std::env::vars_os() {
            let withheld = name
                .to_str()
                .is_some_and(|name| WITHHELD_PREFIXES.iter().any(|p| name.starts_with(p)));
            if withheld {
                command.env_remove(name);
            }
        }
        command.envs(self.vars.iter().map(|(name, value)| (name, value)));
        if let Some(token) = &self.bw_session {
            command.env("BW_SESSION", token.expose_secret());
        }
        #[cfg(unix)]
        command.process_group(0);
        #[cfg(windows)]
        command.creation_flags(CREATE_NO_WINDOW);
        let mut child = command
            .spawn()
            .map_err(|error| failed(format!("it could not be started: {error}")))?;
        let stdout = child
            .stdout
            .take()
            .map(|out| tokio::spawn(read_capped(out)));
        let stderr = child
            .stderr
            .take()
            .map(|err| tokio::spawn(read_capped(err)));
        if let Some(mut input) = child.stdin.take() {
            let bytes = self.stdin;
            // A tool that exits without reading its input closes the pipe: not an error here,
            // its exit status says what happened.
            let _ = input.write_all(&bytes).await;
            drop(input);
        }
        let status = match tokio::time::timeout(self.time_limit, child.wait()).await {
            Ok(status) => status.map_err(|error| failed(error.to_string()))?,
            Err(_) => {
                stop(&mut child).await;
                return Err(VaultError::TimedOut {
                    tool,
                    seconds: self.time_limit.as_secs(),
                });
            }
        };
        let collect = |task: Option<tokio::task::JoinHandle<Vec<u8>>>| async move {
            match task {
                Some(task) => task.await.unwrap_or_default(),
                None => Vec::new(),
            }
        };
        // A tool can leave a child holding the pipes open; its output is not waited for long.
        let grace = Duration::from_secs(2);
        let stdout = tokio::time::timeout(grace, collect(stdout))
            .await
            .unwrap_or_default();
        let stderr = tokio::time::timeout(grace, collect(stderr))
            .await
            .unwrap_or_default();
        Ok(ToolOutput {
            success: status.success(),
            stdout: Zeroizing::new(stdout),
            stderr,
        })
    }
}

/// The lines of `output` that are not input prompts.
fn without_prompts(output: &[u8]) -> Vec<u8> {
    const PROMPTS: [&[u8]; 3] = [b"Enter password", b"Enter contents of", b"Repeat password"];
    output
        .split(|b| *b == b'\n')
        .filter(|line| {
            let line = line.trim_ascii_start();
            !PROMPTS.iter().any(|prompt| line.starts_with(prompt))
        })
        .collect::<Vec<_>>()
        .join(&b'\n')
}

#[cfg(windows)]
const CREATE_NO_WINDOW: u32 = 0x0800_0000;

/// Kills the tool and, on Unix, every process it started (its process group).
async fn stop(child: &mut tokio::process::Child) {
    #[cfg(unix)]
    if let Some(pid) = child
        .id()
        .and_then(|id| i32::try_from(id).ok())
        .and_then(rustix::process::Pid::from_raw)
    {
        let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::KILL);
    }
    let _ = child.kill().await;
}

/// Reads a stream to its end, keeping the first [`MAX_OUTPUT_BYTES`].
async fn read_capped(mut stream: impl AsyncRead + Unpin) -> Vec<u8> {
    // Room for the whole cap up front, so a read-back is never copied by a reallocation.
    let mut kept = Vec::with_capacity(MAX_OUTPUT_BYTES);
    let mut chunk = Zeroizing::new([0u8; 8192]);
    loop {
        match stream.read(&mut chunk[..]).await {
            Ok(0) | Err(_) => return kept,
            Ok(read) => {
                let room = MAX_OUTPUT_BYTES.saturating_sub(kept.len());
                kept.extend_from_slice(&chunk[..read.min(room)]);
            }
        }
    }
}
