//! Why a new key did not reach the user's vault, phrased with what to do next. Every message
//! ends by saying the key is still held, because a failed hand-off never loses it: the reveal
//! stays pending until the user acknowledges it.
//!
//! Tool output kept in a message is cut short and scrubbed of anything key-shaped first
//! ([`tool_detail`]), so a tool echoing its input cannot put the secret into a log or the UI.

use openai_admin::scrub_keys;

/// How much of a tool's own error text is kept for the details.
const MAX_DETAIL_CHARS: usize = 400;

/// A hand-off to a vault that did not store the key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VaultError {
    /// The destination or a credential was refused before anything ran.
    #[error("{0}; nothing was sent, and the key is still here to copy or send again")]
    InvalidInput(String),
    /// The vault's command-line tool is not installed (or not on `PATH`).
    #[error(
        "{tool} was not found on this computer; install it ({install}) or pick another vault \
         (the key is still here to copy or send again)"
    )]
    ToolMissing {
        /// The program looked for, e.g. `pass`.
        tool: &'static str,
        /// How to install it.
        install: &'static str,
    },
    /// The vault is there but not ready: not initialised, locked, or logged out.
    #[error("{what}; {fix} (the key is still here to copy or send again)")]
    NotReady {
        /// What is wrong with the vault.
        what: String,
        /// What the user does about it.
        fix: String,
    },
    /// An entry already exists at the destination; it is never overwritten.
    #[error(
        "{location} already exists, and Keywarden never overwrites a vault entry; choose \
         another entry name (the key is still here to copy or send again)"
    )]
    EntryExists {
        /// Where the entry is.
        location: String,
    },
    /// The vault's password was refused.
    #[error(
        "the password for {vault} was refused; type it again (the key is still here to copy or \
         send again)"
    )]
    WrongPassword {
        /// The vault, e.g. the database file name.
        vault: String,
    },
    /// The file chosen is not a database of this vault.
    #[error(
        "{file} could not be opened as a KeePassXC database; choose the .kdbx file of your \
         database (the key is still here to copy or send again)"
    )]
    NotADatabase {
        /// The file that was chosen.
        file: String,
    },
    /// The tool did not finish in time and was stopped.
    #[error(
        "{tool} did not finish within {seconds} seconds and was stopped; check whether it is \
         waiting for you (an unlock prompt) and try again (the key is still here to copy or \
         send again)"
    )]
    TimedOut {
        /// The tool that hung.
        tool: &'static str,
        /// The time limit.
        seconds: u64,
    },
    /// The tool reported success, but the entry is not there.
    #[error(
        "{tool} reported success, but the entry could not be found afterwards at {location}; \
         check the vault and try again (the key is still here to copy or send again)"
    )]
    NotStored {
        /// The tool.
        tool: &'static str,
        /// Where the entry should be.
        location: String,
    },
    /// The tool failed for another reason.
    #[error(
        "{tool} could not store the key ({detail}); fix what it says and try again (the key is \
         still here to copy or send again)"
    )]
    ToolFailed {
        /// The tool.
        tool: &'static str,
        /// Its own explanation, shortened and scrubbed.
        detail: String,
    },
}

/// A tool's error output made fit for a message: key-shaped tokens removed, control characters
/// and runs of blank space folded to single spaces, cut to a few hundred characters.
pub(crate) fn tool_detail(output: &[u8]) -> String {
    let text = String::from_utf8_lossy(output);
    let folded = text
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let scrubbed = scrub_keys(&folded);
    let mut detail: String = scrubbed.chars().take(MAX_DETAIL_CHARS).collect();
    if scrubbed.chars().count() > MAX_DETAIL_CHARS {
        detail.push('…');
    }
    if detail.is_empty() {
        "it gave no reason".to_owned()
    } else {
        detail
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tool_output_loses_keys_control_characters_and_length() {
        let noisy = b"error:\n\tentry sk-proj-abcdefghijklmnop\x1b[31m exists\r\n";
        assert_eq!(tool_detail(noisy), "error: entry [key removed] [31m exists");
        let long = vec![b'x'; 5_000];
        assert_eq!(tool_detail(&long).chars().count(), MAX_DETAIL_CHARS + 1);
        assert_eq!(tool_detail(b" \n "), "it gave no reason");
    }

    #[test]
    fn every_failure_says_the_key_is_still_held() {
        let failures = [
            VaultError::InvalidInput("the entry name is empty".into()),
            VaultError::ToolMissing {
                tool: "pass",
                install: "sudo apt install pass",
            },
            VaultError::EntryExists {
                location: "pass: OpenAI/x".into(),
            },
            VaultError::TimedOut {
                tool: "pass",
                seconds: 30,
            },
        ];
        for failure in failures {
            assert!(
                failure.to_string().contains("the key is still here"),
                "{failure}"
            );
        }
    }
}
