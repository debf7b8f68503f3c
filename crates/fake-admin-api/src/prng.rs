//! A tiny deterministic PRNG (splitmix64).
//!
//! Seeded data must be identical for the same seed across toolchains and dependency upgrades, so
//! the fake owns its generator instead of relying on `rand`, whose streams may change.

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const URL_SAFE: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// splitmix64 generator; cheap, well mixed and fully reproducible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prng {
    state: u64,
}

impl Prng {
    /// A generator whose stream depends only on `seed`.
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.state)
    }

    /// A number in `0..n` (`0` when `n == 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        let span = hi.saturating_sub(lo).max(0) as u64 + 1;
        lo + self.below(span) as i64
    }

    /// `len` characters from `[A-Za-z0-9]`.
    pub fn alnum(&mut self, len: usize) -> String {
        self.chars(ALNUM, len)
    }

    /// `len` characters from the URL-safe base64 alphabet.
    pub fn url_safe(&mut self, len: usize) -> String {
        self.chars(URL_SAFE, len)
    }

    fn chars(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len)
            .map(|_| char::from(alphabet[self.below(alphabet.len() as u64) as usize]))
            .collect()
    }
}

/// The splitmix64 finaliser; also used to derive stable numbers from hashes.
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A stable 64-bit hash of `text` (FNV-1a), independent of `std`'s randomised hashers.
pub fn hash_str(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |acc, b| {
        (acc ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stream_is_pinned_for_a_given_seed() {
        let mut a = Prng::new(7);
        let first = a.next_u64();
        assert_eq!(first, mix(7u64.wrapping_add(0x9E37_79B9_7F4A_7C15)));
        assert_eq!(Prng::new(7).next_u64(), first);
        assert_ne!(Prng::new(8).next_u64(), first);
    }

    #[test]
    fn generated_ids_use_only_the_requested_alphabet() {
        let mut rng = Prng::new(1);
        assert!(rng.alnum(64).chars().all(|c| c.is_ascii_alphanumeric()));
        assert!(rng
            .url_safe(64)
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    }
}
