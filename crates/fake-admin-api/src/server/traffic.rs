//! Test controls for key traffic and time: what the fake's synthetic usage is generated from.

use super::FakeServer;

impl FakeServer {
    /// The project key `key_id` makes a request now: its `last_used_at` and `active_until`
    /// become the server's current time, so its usage reaches today's bucket. Returns false when
    /// there is no such key.
    pub fn use_key(&self, key_id: &str) -> bool {
        self.with_state(|s| s.use_key(key_id))
    }

    /// Moves the server's clock forward by `seconds` (a negative value is ignored): usage
    /// reports end later and new objects are stamped later. With a wall clock (no pinned
    /// `now`), the clock is the later of the wall clock and the advanced time.
    pub fn advance_clock(&self, seconds: i64) {
        self.with_state(|s| s.advance_clock(seconds));
    }
}
