//! Prints the organization's key inventory as JSON: every project (archived included) with its
//! API keys and service accounts. Metadata only; no secret is ever printed.
//!
//! ```text
//! OPENAI_ADMIN_KEY=sk-admin-... cargo run -p openai-admin --example inventory -- \
//!     --base-url https://api.openai.com/v1 [--concurrency 8]
//! ```
//!
//! On failure it prints one line to stderr and exits with status 1.
#![allow(clippy::print_stdout)]

use std::process::ExitCode;

use openai_admin::{
    fetch_inventory, Client, ClientOptions, Error, InventoryOptions, Project, ProjectApiKey,
    ServiceAccount,
};
use secrecy::SecretString;
use serde_json::{json, Value};

struct Args {
    base_url: String,
    concurrency: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        base_url: "https://api.openai.com/v1".into(),
        concurrency: 8,
    };
    let mut iter = std::env::args().skip(1);
    while let Some(flag) = iter.next() {
        let mut value = |name: &str| iter.next().ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            "--base-url" => args.base_url = value("--base-url")?,
            "--concurrency" => {
                let raw = value("--concurrency")?;
                args.concurrency = raw.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
                    format!("--concurrency must be a positive number, got `{raw}`")
                })?;
            }
            other => {
                return Err(format!(
                    "unknown argument `{other}` (use --base-url, --concurrency)"
                ))
            }
        }
    }
    Ok(args)
}

async fn run() -> Result<Value, String> {
    let args = parse_args()?;
    let key = std::env::var("OPENAI_ADMIN_KEY")
        .ok()
        .filter(|key| !key.trim().is_empty())
        .ok_or("the environment variable OPENAI_ADMIN_KEY is not set")?;
    let client = Client::new(
        &args.base_url,
        SecretString::from(key),
        ClientOptions::default(),
    )
    .map_err(|error| error.to_string())?;
    let options = InventoryOptions {
        concurrency: args.concurrency,
        ..InventoryOptions::default()
    };
    let inventory = fetch_inventory(&client, options, |_| {})
        .await
        .map_err(|error| error.to_string())?;
    let projects: Vec<Value> = inventory
        .projects
        .iter()
        .map(|entry| {
            let mut value = project(&entry.project);
            value["keys"] = listing(&entry.keys, key_json);
            value["service_accounts"] = listing(&entry.service_accounts, account_json);
            value
        })
        .collect();
    Ok(json!({ "projects": projects }))
}

fn project(project: &Project) -> Value {
    json!({
        "id": project.id.as_str(),
        "name": project.name,
        "status": project.status.as_ref().map(|s| s.as_str()),
        "created_at": project.created_at.to_rfc3339(),
        "archived_at": project.archived_at.map(|t| t.to_rfc3339()),
    })
}

fn key_json(key: &ProjectApiKey) -> Value {
    let owner = &key.owner;
    json!({
        "id": key.id.as_str(),
        "name": key.name,
        "redacted_value": key.redacted_value,
        "created_at": key.created_at.to_rfc3339(),
        "last_used_at": key.last_used_at.map(|t| t.to_rfc3339()),
        "expires_at": key.expires_at.map(|t| t.to_rfc3339()),
        "owner_project_access": key.owner_project_access.as_ref().map(|a| a.as_str()),
        "owner_type": owner.kind.as_ref().map(|k| k.as_str()),
        "owner_id": owner.user.as_ref().map(|u| u.id.as_str())
            .or(owner.service_account.as_ref().map(|s| s.id.as_str())),
    })
}

fn account_json(account: &ServiceAccount) -> Value {
    json!({
        "id": account.id.as_str(),
        "name": account.name,
        "role": account.role.as_ref().map(|r| r.as_str()),
        "created_at": account.created_at.map(|t| t.to_rfc3339()),
    })
}

fn listing<T>(result: &Result<Vec<T>, Error>, item: fn(&T) -> Value) -> Value {
    match result {
        Ok(items) => Value::Array(items.iter().map(item).collect()),
        Err(error) => json!({ "error": error.to_string() }),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(value) => match serde_json::to_string_pretty(&value) {
            Ok(text) => {
                println!("{text}");
                ExitCode::SUCCESS
            }
            Err(_) => {
                eprintln!("error: the inventory could not be printed");
                ExitCode::FAILURE
            }
        },
        Err(message) => {
            eprintln!("error: {}", message.replace(['\n', '\r'], " "));
            ExitCode::FAILURE
        }
    }
}
