//! The keys inventory as a file for a spreadsheet or a script: CSV or JSON, metadata only (the
//! API never gives Keywarden a key's value after its creation, and a held new key is never
//! exported).
//!
//! CSV follows RFC 4180 (a header row naming the fields, quotes doubled, CRLF line ends). A cell
//! that a spreadsheet would run as a formula — starting with `=`, `+`, `-`, `@`, a tab or a
//! carriage return — is neutralised with a leading `'`, so a key or project name chosen by
//! someone else cannot become `=HYPERLINK(…)` in the reader's spreadsheet. JSON keeps values as
//! they are (typed: dates as RFC 3339, spend as a number, `null` when unknown).

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use crate::inventory_store::{KeyOwnerKind, KeyRow};

/// A file format for the inventory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Comma-separated values with a header row.
    Csv,
    /// A JSON document: the organization, when, and the keys.
    Json,
}

impl ExportFormat {
    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }
}

/// The fields of each key, in column order.
pub const FIELDS: [&str; 15] = [
    "project_id",
    "project_name",
    "project_archived",
    "key_id",
    "name",
    "redacted_value",
    "owner_kind",
    "owner_id",
    "owner_name",
    "owner_email",
    "created_at",
    "last_used_at",
    "expires_at",
    "spend_usd",
    "permissions",
];

#[derive(Serialize)]
struct Document<'a> {
    organization: &'a str,
    exported_at: String,
    fields: [&'static str; 15],
    keys: Vec<Record<'a>>,
}

#[derive(Serialize)]
struct Record<'a> {
    project_id: &'a str,
    project_name: &'a str,
    project_archived: bool,
    key_id: &'a str,
    name: &'a str,
    redacted_value: &'a str,
    owner_kind: &'static str,
    owner_id: Option<&'a str>,
    owner_name: &'a str,
    owner_email: Option<&'a str>,
    created_at: String,
    last_used_at: Option<String>,
    expires_at: Option<String>,
    spend_usd: Option<f64>,
    permissions: Option<String>,
}

impl<'a> Record<'a> {
    fn of(row: &'a KeyRow) -> Self {
        Record {
            project_id: &row.project_id,
            project_name: &row.project_name,
            project_archived: row.project_archived,
            key_id: &row.id,
            name: &row.name,
            redacted_value: &row.redacted_value,
            owner_kind: match row.owner_kind {
                KeyOwnerKind::User => "user",
                KeyOwnerKind::ServiceAccount => "service_account",
                KeyOwnerKind::Unknown => "unknown",
            },
            owner_id: row.owner_id.as_deref(),
            owner_name: &row.owner_name,
            owner_email: row.owner_email.as_deref(),
            created_at: date(row.created_at),
            last_used_at: row.last_used_at.map(date),
            expires_at: row.expires_at.map(date),
            spend_usd: row.spend_usd,
            permissions: row.permissions.as_ref().map(|p| {
                if p.scopes.is_empty() {
                    "all".to_owned()
                } else {
                    p.scopes.join(" ")
                }
            }),
        }
    }

    fn cells(&self) -> [String; 15] {
        let text = |value: Option<&str>| value.unwrap_or("").to_owned();
        [
            self.project_id.to_owned(),
            self.project_name.to_owned(),
            self.project_archived.to_string(),
            self.key_id.to_owned(),
            self.name.to_owned(),
            self.redacted_value.to_owned(),
            self.owner_kind.to_owned(),
            text(self.owner_id),
            self.owner_name.to_owned(),
            text(self.owner_email),
            self.created_at.clone(),
            text(self.last_used_at.as_deref()),
            text(self.expires_at.as_deref()),
            self.spend_usd
                .map(|usd| format!("{usd:.2}"))
                .unwrap_or_default(),
            text(self.permissions.as_deref()),
        ]
    }
}

fn date(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The rows as a file of `format`, for the organization labelled `organization`.
pub fn render(format: ExportFormat, organization: &str, rows: &[KeyRow]) -> Vec<u8> {
    let records = rows.iter().map(Record::of);
    match format {
        ExportFormat::Csv => {
            let mut out = String::with_capacity(200 * (rows.len() + 1));
            csv_line(&mut out, FIELDS.iter().map(|f| (*f).to_owned()));
            for record in records {
                csv_line(&mut out, record.cells().into_iter());
            }
            out.into_bytes()
        }
        ExportFormat::Json => {
            let document = Document {
                organization,
                exported_at: date(Utc::now()),
                fields: FIELDS,
                keys: records.collect(),
            };
            serde_json::to_vec_pretty(&document).unwrap_or_default()
        }
    }
}

fn csv_line(out: &mut String, cells: impl Iterator<Item = String>) {
    for (at, cell) in cells.enumerate() {
        if at > 0 {
            out.push(',');
        }
        out.push_str(&csv_cell(&cell));
    }
    out.push_str("\r\n");
}

/// One CSV cell: neutralised against formulas, then quoted when it holds `,`, `"` or a line
/// break.
pub fn csv_cell(value: &str) -> String {
    let formula = value.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let value = if formula {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_are_neutralised() {
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-2+3"), "'-2+3");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\tcmd"), "'\tcmd");
        assert_eq!(csv_cell("ci-deploy"), "ci-deploy");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_cell(""), "");
    }
}
