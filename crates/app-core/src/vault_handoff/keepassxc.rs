//! A KeePassXC database, through `keepassxc-cli`: the database password and then the secret are
//! its stdin lines, never arguments.
//!
//! The steps: look the entry up (a hit is refused, a wrong password or a file that is not a
//! database is said so), add it (creating missing groups one level at a time when the first add
//! finds no group), and read the password back to confirm it is exactly the key.

use std::path::Path;

use secrecy::{ExposeSecret, SecretString};

use super::tool_run::ToolOutput;
use super::{EntryPath, KeyFacts, VaultError, VaultTools};

/// How to install `keepassxc-cli`.
pub(super) const INSTALL: &str = "sudo apt install keepassxc";

const TOOL: &str = "keepassxc-cli";

/// Stores `secret` at `path` in the database; returns `database › path`.
pub(super) async fn store(
    tools: &VaultTools,
    secret: &SecretString,
    database: &Path,
    password: &SecretString,
    path: &EntryPath,
    facts: &KeyFacts,
) -> Result<String, VaultError> {
    let program = tools.require(TOOL, INSTALL)?;
    if password.expose_secret().contains(['\n', '\r']) {
        return Err(VaultError::InvalidInput(
            "the database password contains a line break".to_owned(),
        ));
    }
    if !database.is_file() {
        return Err(VaultError::InvalidInput(format!(
            "{} is not a file; choose your KeePassXC database (.kdbx)",
            database.display()
        )));
    }
    let file = database
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| database.display().to_string());
    let location = format!("{file} › {path}");
    let run = |args: &[&str]| {
        let mut command = tools.command(TOOL, &program);
        for arg in args {
            command = command.arg(arg);
        }
        command
            .arg(database)
            .arg(path.as_str())
            .stdin_line(password)
    };

    let lookup = run(&["show"]).run().await?;
    if lookup.success {
        return Err(VaultError::EntryExists { location });
    }
    refuse_unopened(&lookup, &file)?;

    let note = facts.note();
    let add = || run(&["add", "-p", "--notes", &note]).stdin_line(secret);
    let mut added = add().run().await?;
    if !added.success && added.says("could not create entry") {
        for group in groups(path) {
            let made = tools
                .command(TOOL, &program)
                .arg("mkdir")
                .arg(database)
                .arg(&group)
                .stdin_line(password)
                .run()
                .await?;
            if !made.success && !made.says("already exists") {
                return Err(VaultError::ToolFailed {
                    tool: TOOL,
                    detail: made.detail(),
                });
            }
        }
        added = add().run().await?;
    }
    if !added.success {
        refuse_unopened(&added, &file)?;
        return Err(VaultError::ToolFailed {
            tool: TOOL,
            detail: added.detail(),
        });
    }

    let read_back = run(&["show", "-s", "-a", "Password"]).run().await?;
    let mut stored = &read_back.stdout[..];
    if let Some(line) = stored.strip_suffix(b"\n") {
        stored = line;
    }
    if !read_back.success || stored != secret.expose_secret().as_bytes() {
        return Err(VaultError::NotStored {
            tool: TOOL,
            location,
        });
    }
    Ok(location)
}

/// Turns "wrong password" and "not a database" into their own errors.
fn refuse_unopened(output: &ToolOutput, file: &str) -> Result<(), VaultError> {
    if output.says("invalid credentials") {
        return Err(VaultError::WrongPassword {
            vault: file.to_owned(),
        });
    }
    if output.says("error while reading the database") || output.says("failed to read database") {
        return Err(VaultError::NotADatabase {
            file: file.to_owned(),
        });
    }
    Ok(())
}

/// `A`, `A/B`, `A/B/C` for the entry `A/B/C/name`.
fn groups(path: &EntryPath) -> Vec<String> {
    let folders = path.folders();
    (1..=folders.len())
        .map(|depth| folders[..depth].join("/"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_created_from_the_outermost() {
        let path = EntryPath::parse("OpenAI/Acme/proj/key").unwrap();
        assert_eq!(groups(&path), ["OpenAI", "OpenAI/Acme", "OpenAI/Acme/proj"]);
        assert!(groups(&EntryPath::parse("key").unwrap()).is_empty());
    }
}
