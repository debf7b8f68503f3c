//! Checks on what the user hands Keywarden before anything is sent or stored: the admin key
//! read from the clipboard or the environment, an organization's label, and its base URL.
//!
//! Every check fails with a message that says what to do, and no message ever contains the key.

use secrecy::{ExposeSecret, SecretString};

use crate::Error;

/// The Admin API base URL of OpenAI itself.
pub const OPENAI_BASE_URL: &str = "https://api.openai.com/v1";
/// The longest label accepted, in characters.
pub const MAX_LABEL_CHARS: usize = 100;
/// More text than this is certainly not a key.
const MAX_KEY_BYTES: usize = 512;

/// Where to read a new admin key from. The key itself never crosses IPC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    /// The system clipboard (cleared afterwards if it still holds the key).
    Clipboard,
    /// The `OPENAI_ADMIN_KEY` environment variable, as read at start-up (OpenAI's API only).
    Environment,
}

/// The environment variable the scripted setup path reads.
pub const ADMIN_KEY_ENV: &str = "OPENAI_ADMIN_KEY";

/// Trims the raw text and checks that it has the shape of an admin key.
pub fn parse_admin_key(raw: &SecretString) -> Result<SecretString, Error> {
    let text = raw.expose_secret();
    if text.len() > MAX_KEY_BYTES {
        return Err(Error::InvalidInput(format!(
            "that is {} of text, not an admin key; copy just the key (it starts with sk-admin-)",
            human_size(text.len())
        )));
    }
    let key = text.trim();
    if key.is_empty() {
        return Err(Error::InvalidInput(
            "there is no key to read; copy the admin key from OpenAI (Organization settings → \
             Admin keys) and try again"
                .into(),
        ));
    }
    if key.chars().any(char::is_whitespace) {
        return Err(Error::InvalidInput(
            "the key has a space or line break inside it; copy it again in one piece".into(),
        ));
    }
    let project_like = ["sk-proj-", "sk-svcacct-", "sk-None-"];
    if project_like.iter().any(|prefix| key.starts_with(prefix))
        || (key.starts_with("sk-") && !key.starts_with("sk-admin-"))
    {
        return Err(Error::InvalidInput(
            "this is a project key; Keywarden needs an Admin key — create one under \
             Organization settings → Admin keys"
                .into(),
        ));
    }
    if !key.starts_with("sk-admin-") {
        return Err(Error::InvalidInput(
            "this does not look like an OpenAI admin key (those start with sk-admin-)".into(),
        ));
    }
    let body = &key["sk-admin-".len()..];
    if body.len() < 8
        || !body
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(Error::InvalidInput(
            "this starts like an admin key but the rest is not one; copy the whole key again"
                .into(),
        ));
    }
    Ok(SecretString::from(key.to_owned()))
}

/// A hint that identifies a key without revealing it: `sk-admin…wxyz`.
pub fn key_hint(key: &SecretString) -> String {
    let text = key.expose_secret();
    let chars: Vec<char> = text.chars().collect();
    if chars.len() < 16 {
        return "sk-admin…".into();
    }
    let head: String = chars[..8].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}

/// Trims a label and checks it: not empty, not too long, no control characters, not a
/// duplicate of `existing` (case-insensitive). Markup is allowed: it is always shown literally.
pub fn parse_label<'a>(
    raw: &str,
    existing: impl IntoIterator<Item = &'a str>,
) -> Result<String, Error> {
    let label = raw.trim();
    if label.is_empty() {
        return Err(Error::InvalidInput("give the organization a name".into()));
    }
    if label.chars().count() > MAX_LABEL_CHARS {
        return Err(Error::InvalidInput(format!(
            "the name is too long; use at most {MAX_LABEL_CHARS} characters"
        )));
    }
    if label
        .chars()
        .any(|c| c.is_control() || is_invisible_format(c))
    {
        return Err(Error::InvalidInput(
            "the name contains control characters or invisible direction marks; type it again"
                .into(),
        ));
    }
    let folded = label.to_lowercase();
    if existing
        .into_iter()
        .any(|other| other.trim().to_lowercase() == folded)
    {
        return Err(Error::InvalidInput(format!(
            "an organization named “{label}” already exists; choose another name"
        )));
    }
    Ok(label.to_owned())
}

/// Checks a name for a new key: trimmed, not empty, at most 256 characters, no control
/// characters. Markup is allowed and kept literally.
pub fn parse_key_name(raw: &str) -> Result<String, Error> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(Error::InvalidInput("give the key a name".into()));
    }
    if name.chars().count() > 256 {
        return Err(Error::InvalidInput(
            "the name is too long; use at most 256 characters".into(),
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::InvalidInput(
            "the name contains control characters".into(),
        ));
    }
    Ok(name.to_owned())
}

/// The base URL to use: OpenAI's when blank. Its safety (https, or http on loopback; no
/// user-info, query or fragment) is checked by the API client before any request.
pub fn parse_base_url(raw: Option<&str>) -> String {
    match raw.map(str::trim) {
        None | Some("") => OPENAI_BASE_URL.to_owned(),
        Some(url) => url.trim_end_matches('/').to_owned(),
    }
}

/// Direction overrides and zero-width characters, which can make one name look like another.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

fn human_size(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else if bytes >= 1024 {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<String, String> {
        parse_admin_key(&SecretString::from(text.to_owned()))
            .map(|k| k.expose_secret().to_owned())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn an_admin_key_with_surrounding_whitespace_is_trimmed() {
        assert_eq!(
            parse("  sk-admin-abcDEF123_-xyz\n").unwrap(),
            "sk-admin-abcDEF123_-xyz"
        );
    }

    #[test]
    fn bad_keys_get_a_clear_message_that_never_repeats_the_key() {
        let cases = [
            ("", "no key"),
            ("   \n", "no key"),
            ("sk-admin-abc def12345", "space or line break"),
            ("sk-proj-abcdefghijklmnop", "project key"),
            ("sk-svcacct-abcdefghijkl", "project key"),
            ("sk-abcdefghijklmnopqrstu", "project key"),
            ("hello world", "space"),
            ("ghp_abcdefghijklmnop", "does not look like"),
            ("sk-admin-<script>1234", "rest is not one"),
            ("sk-admin-abc", "rest is not one"),
        ];
        for (input, expected) in cases {
            let message = parse(input).unwrap_err();
            assert!(message.contains(expected), "{input:?}: {message}");
            if input.len() > 8 {
                assert!(
                    !message.contains(input.trim()),
                    "{input:?} leaked: {message}"
                );
            }
        }
    }

    #[test]
    fn a_megabyte_of_text_is_refused_by_its_size() {
        let message = parse(&"a".repeat(1024 * 1024)).unwrap_err();
        assert!(message.contains("1.0 MB"), "{message}");
    }

    #[test]
    fn the_hint_shows_only_the_ends_of_the_key() {
        let hint = key_hint(&SecretString::from("sk-admin-SECRETSECRETwxyz"));
        assert_eq!(hint, "sk-admin…wxyz");
    }

    #[test]
    fn labels_are_trimmed_and_checked() {
        assert_eq!(parse_label("  Acme  ", []).unwrap(), "Acme");
        assert!(parse_label("", []).is_err());
        assert!(parse_label("   ", []).is_err());
        assert!(parse_label(&"x".repeat(10_000), []).is_err());
        assert!(parse_label("bad\u{7}bell", []).is_err());
        assert!(parse_label("evil\u{202E}gnp.exe", []).is_err());
        assert!(parse_label("مختبر البيانات", []).is_ok());
        assert!(parse_label("acme", ["Acme"])
            .unwrap_err()
            .to_string()
            .contains("already"));
        assert_eq!(parse_label("<b>Acme</b>", []).unwrap(), "<b>Acme</b>");
    }

    #[test]
    fn a_blank_base_url_means_openai() {
        assert_eq!(parse_base_url(None), OPENAI_BASE_URL);
        assert_eq!(parse_base_url(Some("  ")), OPENAI_BASE_URL);
        assert_eq!(
            parse_base_url(Some("http://127.0.0.1:8080/v1/")),
            "http://127.0.0.1:8080/v1"
        );
    }
}
