//! Which rotations have a step under way in this process, so two steps of one rotation (a mint
//! and an abandon, a finish pressed twice) never run at once, and a mint still running is not
//! mistaken for one a previous run left behind.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use super::record::RotationId;
use crate::key_lifecycle::lock;

/// The rotations with a step under way.
#[derive(Debug, Default, Clone)]
pub struct Running(Arc<Mutex<HashSet<RotationId>>>);

/// A step under way on one rotation; the rotation is free again when this is dropped.
#[derive(Debug)]
pub struct Claim {
    running: Running,
    id: RotationId,
}

impl Running {
    /// Claims `id` for one step, or `None` when another step of it is under way.
    pub fn claim(&self, id: RotationId) -> Option<Claim> {
        lock(&self.0).insert(id).then(|| Claim {
            running: self.clone(),
            id,
        })
    }

    /// Whether a step of `id` is under way.
    pub fn is_running(&self, id: &RotationId) -> bool {
        lock(&self.0).contains(id)
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        lock(&self.running.0).remove(&self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rotation_is_claimed_once_until_the_claim_is_dropped() {
        let running = Running::default();
        let id = RotationId::new();
        let claim = running.claim(id).expect("free");
        assert!(running.is_running(&id));
        assert!(running.claim(id).is_none(), "a second step waits its turn");
        drop(claim);
        assert!(!running.is_running(&id));
        assert!(running.claim(id).is_some());
    }
}
