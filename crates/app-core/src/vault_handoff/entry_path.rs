//! Where in a vault a key goes: a relative path of `/`-separated names, e.g.
//! `OpenAI/Acme/Billing/ci-deploy`.
//!
//! The path comes from the webview (the user may edit it), so it is checked before any tool sees
//! it: no empty names (so no leading, trailing or doubled `/`), no `.` or `..`, no control
//! characters (a newline would end a line-based prompt early), nothing that a tool could read as
//! an option. Shell metacharacters are allowed: the path is one argv element and no shell ever
//! runs, so `;` or `$(…)` is just part of a name.

use std::fmt;

use super::VaultError;

/// The longest path accepted, in characters.
pub const MAX_ENTRY_PATH_CHARS: usize = 512;
/// The longest name between two `/`, in characters.
const MAX_SEGMENT_CHARS: usize = 200;

/// A checked vault entry path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryPath(String);

impl EntryPath {
    /// Checks a path typed or accepted by the user.
    pub fn parse(text: &str) -> Result<Self, VaultError> {
        let invalid = |why: &str| VaultError::InvalidInput(format!("the entry name {why}"));
        let text = text.trim();
        if text.is_empty() {
            return Err(invalid(
                "is empty; type where the key should go, e.g. OpenAI/ci-deploy",
            ));
        }
        if text.chars().count() > MAX_ENTRY_PATH_CHARS {
            return Err(invalid(&format!(
                "is longer than {MAX_ENTRY_PATH_CHARS} characters"
            )));
        }
        if text.chars().any(char::is_control) {
            return Err(invalid(
                "contains a line break or another control character",
            ));
        }
        if text.chars().any(is_hidden) {
            return Err(invalid(
                "contains an invisible or direction-changing character; retype it",
            ));
        }
        if text.contains('\\') {
            return Err(invalid("contains “\\”; separate folders with “/”"));
        }
        if text.starts_with('-') {
            return Err(invalid(
                "starts with “-”, which a vault tool would read as an option",
            ));
        }
        for segment in text.split('/') {
            if segment.trim().is_empty() {
                return Err(invalid(
                    "has an empty folder name (a leading, trailing or doubled “/”)",
                ));
            }
            if segment != segment.trim() {
                return Err(invalid(
                    "has a folder name that starts or ends with a space",
                ));
            }
            if segment == "." || segment == ".." {
                return Err(invalid("contains “.” or “..”; name each folder"));
            }
            if segment.chars().count() > MAX_SEGMENT_CHARS {
                return Err(invalid(&format!(
                    "has a name longer than {MAX_SEGMENT_CHARS} characters"
                )));
            }
        }
        Ok(Self(text.to_owned()))
    }

    /// The suggested path for a key: `<folder>/<project>/<key name>`, where the folder is the
    /// one the user chose before for this organization or `OpenAI/<organization>`; each name is
    /// made safe (a `/` in a name becomes `-`, control and invisible characters are dropped).
    pub fn suggested(
        folder: Option<&str>,
        organization: &str,
        project: &str,
        key_name: &str,
    ) -> Self {
        let folder = folder
            .and_then(|folder| Self::parse(folder).ok())
            .map(|folder| folder.0)
            .unwrap_or_else(|| format!("OpenAI/{}", safe_segment(organization)));
        let path = format!(
            "{folder}/{}/{}",
            safe_segment(project),
            safe_segment(key_name)
        );
        Self::parse(&path).unwrap_or_else(|_| Self("OpenAI/new-key".to_owned()))
    }

    /// The folder to suggest next time after the user stored a key of `project` here: the
    /// entry's parent, without the project's own folder when it ends with it.
    pub fn folder_for_next_time(&self, project: &str) -> Option<String> {
        let mut folders = self.folders();
        if folders.last() == Some(&safe_segment(project).as_str()) {
            folders.pop();
        }
        (!folders.is_empty()).then(|| folders.join("/"))
    }

    /// The path as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The folders above the entry, outermost first (empty for a bare name).
    pub fn folders(&self) -> Vec<&str> {
        let mut parts: Vec<&str> = self.0.split('/').collect();
        parts.pop();
        parts
    }

    /// The entry's own name (the last part).
    pub fn name(&self) -> &str {
        self.0.rsplit('/').next().unwrap_or(&self.0)
    }
}

impl fmt::Display for EntryPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn safe_segment(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| !c.is_control() && !is_hidden(*c))
        .map(|c| if c == '/' || c == '\\' { '-' } else { c })
        .take(MAX_SEGMENT_CHARS)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('-').trim();
    match cleaned {
        "" => "unnamed".to_owned(),
        "." | ".." => "_".to_owned(),
        other => other.to_owned(),
    }
}

/// Characters that change how text reads without being seen (zero-width, bidirectional
/// controls, byte-order mark).
fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{061c}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> String {
        match EntryPath::parse(text) {
            Err(VaultError::InvalidInput(why)) => why,
            other => panic!("{text:?} was not refused: {other:?}"),
        }
    }

    #[test]
    fn paths_that_escape_or_confuse_a_tool_are_refused_with_the_reason() {
        assert!(refused("../etc/passwd").contains("“..”"));
        assert!(refused("OpenAI/./key").contains("“.”"));
        assert!(refused("/OpenAI/key").contains("empty folder name"));
        assert!(refused("OpenAI//key").contains("empty folder name"));
        assert!(refused("OpenAI/key/").contains("empty folder name"));
        assert!(refused("OpenAI/key\nrm -rf ~").contains("line break"));
        assert!(refused("OpenAI\\key").contains("“/”"));
        assert!(refused("OpenAI/\u{202e}yek").contains("direction"));
        assert!(refused("--force").contains("option"));
        assert!(refused("  ").contains("is empty"));
        assert!(refused("OpenAI/ key").contains("space"));
        assert!(refused(&"a".repeat(MAX_ENTRY_PATH_CHARS + 1)).contains("longer"));
    }

    #[test]
    fn shell_metacharacters_are_just_characters() {
        let path = EntryPath::parse("OpenAI/$(touch x);`id`|&/key's \"name\"").unwrap();
        assert_eq!(path.name(), "key's \"name\"");
        assert_eq!(path.folders(), ["OpenAI", "$(touch x);`id`|&"]);
    }

    #[test]
    fn the_suggestion_names_organization_project_and_key_safely() {
        let path = EntryPath::suggested(None, "Acme / EU", "..", "ci\u{202e}-deploy\n");
        assert_eq!(path.as_str(), "OpenAI/Acme - EU/_/ci-deploy");
        assert_eq!(
            EntryPath::suggested(None, "", "-p", "k").as_str(),
            "OpenAI/unnamed/p/k"
        );
        let chosen = EntryPath::suggested(Some("Work/AI"), "Acme", "Billing", "k");
        assert_eq!(chosen.as_str(), "Work/AI/Billing/k");
        let refused = EntryPath::suggested(Some("../x"), "Acme", "Billing", "k");
        assert_eq!(refused.as_str(), "OpenAI/Acme/Billing/k");
    }

    #[test]
    fn the_folder_remembered_drops_the_project_folder() {
        let path = EntryPath::parse("Work/AI/Billing/k").unwrap();
        assert_eq!(
            path.folder_for_next_time("Billing").as_deref(),
            Some("Work/AI")
        );
        assert_eq!(
            path.folder_for_next_time("Other").as_deref(),
            Some("Work/AI/Billing")
        );
        assert_eq!(
            EntryPath::parse("k").unwrap().folder_for_next_time("p"),
            None
        );
    }
}
