//! 1Password, through its CLI: `op item create --format json [--vault …]` with the whole item as
//! a JSON template on stdin, the way 1Password asks for sensitive values (an assignment argument
//! would put the secret on the command line).
//!
//! An item with the same title in the vault is refused. The result is named by an `op://`
//! reference built from ids (titles may contain `/`, which such references cannot hold).

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::{EntryPath, KeyFacts, VaultError, VaultTools};

/// How to get `op`.
pub(super) const INSTALL: &str =
    "install the 1Password CLI from 1password.com/downloads/command-line and sign in";

const TOOL: &str = "op";

#[derive(Serialize)]
struct Item<'a> {
    title: &'a str,
    category: &'static str,
    tags: [&'static str; 2],
    fields: [Field<'a>; 2],
}

#[derive(Serialize)]
struct Field<'a> {
    id: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    label: &'static str,
    value: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    purpose: Option<&'static str>,
}

#[derive(Deserialize)]
struct Created {
    id: String,
    vault: CreatedVault,
}

#[derive(Deserialize)]
struct CreatedVault {
    id: String,
}

/// Creates an API Credential item titled `entry`; returns its `op://` reference.
pub(super) async fn store(
    tools: &VaultTools,
    secret: &SecretString,
    vault: Option<&str>,
    entry: &EntryPath,
    facts: &KeyFacts,
) -> Result<String, VaultError> {
    let program = tools.require(TOOL, INSTALL)?;
    let vault = vault.map(str::trim).filter(|vault| !vault.is_empty());
    // `--vault` belongs to the item subcommands, so it follows them.
    let with_vault = |mut command: super::tool_run::ToolCommand| {
        if let Some(vault) = vault {
            command = command.arg("--vault").arg(vault);
        }
        command
    };

    let lookup = tools
        .command(TOOL, &program)
        .arg("item")
        .arg("get")
        .arg(entry.as_str())
        .arg("--format")
        .arg("json");
    let lookup = with_vault(lookup).run().await?;
    if lookup.success {
        return Err(VaultError::EntryExists {
            location: format!("the 1Password item “{entry}”"),
        });
    }
    refuse_signed_out(&lookup)?;

    let note = facts.note();
    let item = Item {
        title: entry.as_str(),
        category: "API_CREDENTIAL",
        tags: ["OpenAI", "Keywarden"],
        fields: [
            Field {
                id: "credential",
                kind: "CONCEALED",
                label: "credential",
                value: secret.expose_secret(),
                purpose: None,
            },
            Field {
                id: "notesPlain",
                kind: "STRING",
                label: "notesPlain",
                value: &note,
                purpose: Some("NOTES"),
            },
        ],
    };
    let mut template = Zeroizing::new(Vec::with_capacity(1024));
    serde_json::to_writer(&mut *template, &item).map_err(|error| VaultError::ToolFailed {
        tool: TOOL,
        detail: format!("the item could not be written: {error}"),
    })?;
    let create = tools
        .command(TOOL, &program)
        .arg("item")
        .arg("create")
        .arg("--format")
        .arg("json")
        .stdin_bytes(&template);
    let created = with_vault(create).run().await?;
    if !created.success {
        refuse_signed_out(&created)?;
        return Err(VaultError::ToolFailed {
            tool: TOOL,
            detail: created.detail(),
        });
    }
    let answer: Created =
        serde_json::from_slice(&created.stdout).map_err(|_| VaultError::NotStored {
            tool: TOOL,
            location: format!("the 1Password item “{entry}”"),
        })?;
    Ok(format!("op://{}/{}/credential", answer.vault.id, answer.id))
}

fn refuse_signed_out(output: &super::tool_run::ToolOutput) -> Result<(), VaultError> {
    if output.says("not currently signed in") || output.says("signin") {
        return Err(VaultError::NotReady {
            what: "the 1Password CLI is not signed in".to_owned(),
            fix: "run “op signin” in a terminal, or turn on the 1Password app's CLI integration"
                .to_owned(),
        });
    }
    Ok(())
}
