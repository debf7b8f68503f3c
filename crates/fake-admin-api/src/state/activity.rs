//! Test controls for key traffic and time, which the real API has no endpoint for.

use super::State;

impl State {
    /// The key `key_id` makes a request now: its `last_used_at` and `active_until` become the
    /// current [`clock`](State::clock). Returns false when there is no such key.
    pub fn use_key(&mut self, key_id: &str) -> bool {
        let now = self.clock();
        let Some(stored) = self.api_keys.iter_mut().find(|k| k.key.id == key_id) else {
            return false;
        };
        stored.key.last_used_at = Some(now);
        stored.active_until = Some(now);
        true
    }

    /// Moves `now` (and with it the clock, usage's end and the timestamps of new objects)
    /// forward by `seconds`; a negative value is ignored, so the clock never runs backwards.
    pub fn advance_clock(&mut self, seconds: i64) {
        self.now = self.now.saturating_add(seconds.max(0));
    }
}

#[cfg(test)]
mod tests {
    use crate::seed::generate;

    #[test]
    fn a_used_key_is_active_until_now_and_an_unknown_key_is_refused() {
        let mut state = generate(7, 2, 3, 1_000_000_000);
        let id = state.api_keys[2].key.id.clone();
        state.advance_clock(60);
        assert!(state.use_key(&id));
        let stored = &state.api_keys[2];
        assert_eq!(stored.key.last_used_at, Some(1_000_000_060));
        assert_eq!(stored.active_until, Some(1_000_000_060));
        assert!(!state.use_key("key_missing"));
        state.advance_clock(-500);
        assert_eq!(state.clock(), 1_000_000_060);
    }
}
