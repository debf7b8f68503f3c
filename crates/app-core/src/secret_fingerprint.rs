//! A keyed fingerprint of a secret: enough to tell later whether a text is that secret, without
//! keeping the secret. The clipboard's delayed clear uses it, so a new key's value is gone from
//! memory once the user has stored it, although the clipboard is still cleared on time.
//!
//! The fingerprint is SipHash (std's `RandomState`) under a key drawn at random for each
//! fingerprint: 64 bits that say nothing about a secret of 160+ random bits, and that no one can
//! precompute. A false match needs a 1-in-2^64 collision on the clipboard's text.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;

use secrecy::{ExposeSecret, SecretString};

/// Tells whether a text is a given secret, without holding the secret.
#[derive(Clone)]
pub struct SecretFingerprint {
    key: RandomState,
    digest: u64,
}

impl SecretFingerprint {
    /// The fingerprint of `secret` under a fresh random key.
    pub fn of(secret: &SecretString) -> Self {
        let key = RandomState::new();
        let digest = key.hash_one(secret.expose_secret());
        SecretFingerprint { key, digest }
    }

    /// Whether `text` is the secret this fingerprint was taken of.
    pub fn matches(&self, text: &str) -> bool {
        self.key.hash_one(text) == self.digest
    }
}

impl std::fmt::Debug for SecretFingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretFingerprint([keyed hash])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprint_matches_its_secret_only_and_shows_nothing_of_it() {
        let secret = SecretString::from("sk-svcacct-SENTINEL-1234567890");
        let fingerprint = SecretFingerprint::of(&secret);
        assert!(fingerprint.matches("sk-svcacct-SENTINEL-1234567890"));
        assert!(!fingerprint.matches("sk-svcacct-SENTINEL-1234567891"));
        assert!(!fingerprint.matches(""));
        assert!(!format!("{fingerprint:?}").contains("SENTINEL"));
        let again = SecretFingerprint::of(&secret);
        assert_ne!(
            again.digest, fingerprint.digest,
            "each fingerprint has its own key"
        );
    }
}
