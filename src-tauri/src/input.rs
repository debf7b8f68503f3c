//! What the webview sends, decoded and bounded before any command runs.
//!
//! Every command argument that comes from the page is an [`Input<T>`]. Tauri decodes plain
//! arguments itself and answers a decoding failure (a wrong type, a missing field, an unknown
//! enum value) with a bare string; `Input` implements Tauri's `CommandArg` instead, so the same
//! `serde` decoding runs but a failure — or a value over its bounds (an over-long id, name or
//! search text, too many scopes) — comes back as `{code: "invalidInput", message}` like every
//! other error, before the command's body runs. [`Bounded`] says what "too large" is per type;
//! app-core still applies its own, finer rules (e.g. a key name's length) afterwards.

use serde::{Deserialize, Deserializer};
use tauri::ipc::{CommandArg, CommandItem, InvokeError};
use tauri::Runtime;

use crate::error::{CommandError, ErrorCode};

/// The most characters any single string from the webview may have (ids, names, search text,
/// dates, typed confirmations); app-core's own limits are lower where it has them.
pub const MAX_TEXT_CHARS: usize = 1024;
/// The most items any list from the webview may have (e.g. a key's scopes).
pub const MAX_LIST_ITEMS: usize = 256;
/// How much of a decoding error's detail is kept in the message.
const MAX_DETAIL_CHARS: usize = 200;

/// A command argument from the webview: decoded, then checked against its bounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input<T>(pub T);

/// What is too large for a value from the webview.
pub trait Bounded {
    /// `Ok` when within bounds, else what is wrong (the argument is named by the caller).
    fn check(&self) -> Result<(), String>;
}

impl<'de, T: Deserialize<'de> + Bounded> Input<T> {
    /// Decodes argument `key` from `from` and checks it; every failure is `invalidInput`.
    pub fn decode<D: Deserializer<'de>>(key: &str, from: D) -> Result<Self, CommandError>
    where
        D::Error: std::fmt::Display,
    {
        let value = T::deserialize(from).map_err(|error| unreadable(key, &error))?;
        value.check().map_err(|problem| {
            CommandError::new(
                ErrorCode::InvalidInput,
                format!("{} {problem}; nothing was changed", field(key)),
            )
        })?;
        Ok(Input(value))
    }
}

impl<'de, T: Deserialize<'de> + Bounded, R: Runtime> CommandArg<'de, R> for Input<T> {
    fn from_command(command: CommandItem<'de, R>) -> Result<Self, InvokeError> {
        let key = command.key;
        Input::decode(key, command).map_err(InvokeError::from)
    }
}

fn unreadable(key: &str, error: &impl std::fmt::Display) -> CommandError {
    let detail: String = error.to_string().chars().take(MAX_DETAIL_CHARS).collect();
    CommandError::new(
        ErrorCode::InvalidInput,
        format!(
            "Keywarden could not read {} sent by the window ({detail}); nothing was changed. \
             Reload the window (Ctrl+R) and try again",
            field(key)
        ),
    )
}

/// The argument as a person would name it.
fn field(key: &str) -> String {
    match key {
        "label" | "name" => "the name".into(),
        "text" => "the text".into(),
        "query" => "the search".into(),
        "policy" | "change" => "the key policy".into(),
        other => format!("“{other}”"),
    }
}

/// A string within [`MAX_TEXT_CHARS`].
pub fn check_text(text: &str) -> Result<(), String> {
    let chars = text.chars().count();
    if chars > MAX_TEXT_CHARS {
        return Err(format!(
            "is too long ({chars} characters; at most {MAX_TEXT_CHARS}): shorten it and try again"
        ));
    }
    Ok(())
}

/// A list within [`MAX_LIST_ITEMS`] whose strings are each within [`MAX_TEXT_CHARS`].
pub fn check_texts(items: &[String]) -> Result<(), String> {
    if items.len() > MAX_LIST_ITEMS {
        return Err(format!(
            "has too many entries ({}; at most {MAX_LIST_ITEMS}): remove some and try again",
            items.len()
        ));
    }
    items.iter().try_for_each(|item| check_text(item))
}

impl Bounded for String {
    fn check(&self) -> Result<(), String> {
        check_text(self)
    }
}

impl<T: Bounded> Bounded for Option<T> {
    fn check(&self) -> Result<(), String> {
        self.as_ref().map_or(Ok(()), Bounded::check)
    }
}

/// Values with nothing to bound (their type is their bound).
macro_rules! unbounded {
    ($($t:ty),*) => { $(impl Bounded for $t { fn check(&self) -> Result<(), String> { Ok(()) } })* };
}
unbounded!(bool, u32, i64);
