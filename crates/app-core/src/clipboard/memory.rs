//! A clipboard in memory, standing in for the system's in tests.

use std::sync::Mutex;

use secrecy::SecretString;

use super::{lock, Clipboard, ClipboardError};

/// An in-memory clipboard for tests; it can also hold "an image" (non-text content).
#[derive(Debug, Default)]
pub struct MemoryClipboard {
    content: Mutex<MemoryContent>,
}

#[derive(Debug, Default)]
enum MemoryContent {
    #[default]
    Empty,
    Text(SecretString),
    Image,
}

impl MemoryClipboard {
    /// An empty clipboard.
    pub fn new() -> Self {
        Self::default()
    }

    /// Replaces the content with something that is not text, as when a user copies an image.
    pub fn put_image(&self) {
        *lock(&self.content) = MemoryContent::Image;
    }
}

impl Clipboard for MemoryClipboard {
    fn read_text(&self) -> Result<Option<SecretString>, ClipboardError> {
        Ok(match &*lock(&self.content) {
            MemoryContent::Text(text) => Some(text.clone()),
            MemoryContent::Empty | MemoryContent::Image => None,
        })
    }

    fn write_secret(&self, secret: &SecretString) -> Result<(), ClipboardError> {
        *lock(&self.content) = MemoryContent::Text(secret.clone());
        Ok(())
    }

    fn write_text(&self, text: &str) -> Result<(), ClipboardError> {
        *lock(&self.content) = MemoryContent::Text(SecretString::from(text));
        Ok(())
    }

    fn clear(&self) -> Result<(), ClipboardError> {
        *lock(&self.content) = MemoryContent::Empty;
        Ok(())
    }
}
