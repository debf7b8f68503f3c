//! The create requests by id, which make a create idempotent. Ids come from the window, so the
//! table is bounded: an id is at most [`MAX_REQUEST_ID_CHARS`] long, and past
//! [`MAX_CREATE_REQUESTS`] the oldest finished requests are forgotten (a request still running is
//! never forgotten; a retry comes within moments, long before a thousand other creates).

use std::collections::HashMap;

use futures::future::{BoxFuture, Shared};

use super::{CreateResult, LifecycleError};

/// The most create requests remembered.
pub const MAX_CREATE_REQUESTS: usize = 1024;
/// The longest request id accepted (the window sends UUIDs).
pub const MAX_REQUEST_ID_CHARS: usize = 128;

/// One create: what it was asked to do, and its (shared) result.
pub(super) struct CreateRequest {
    pub(super) fingerprint: String,
    pub(super) result: Shared<BoxFuture<'static, CreateResult>>,
    order: u64,
}

/// The bounded table of create requests.
#[derive(Default)]
pub(super) struct CreateRequests {
    by_id: HashMap<String, CreateRequest>,
    next: u64,
}

impl CreateRequests {
    /// How many are remembered.
    pub(super) fn len(&self) -> usize {
        self.by_id.len()
    }

    /// The request behind `id`, if remembered.
    pub(super) fn get(&self, id: &str) -> Option<&CreateRequest> {
        self.by_id.get(id)
    }

    /// Checks a new request id before anything is sent.
    pub(super) fn check_id(id: &str) -> Result<(), LifecycleError> {
        if id.trim().is_empty() {
            return Err(LifecycleError::InvalidInput(
                "a request id is required to create a key".into(),
            ));
        }
        if id.chars().count() > MAX_REQUEST_ID_CHARS {
            return Err(LifecycleError::InvalidInput(format!(
                "a request id is at most {MAX_REQUEST_ID_CHARS} characters; nothing was created"
            )));
        }
        Ok(())
    }

    /// Makes room for one more request (before it starts), forgetting the oldest finished ones
    /// when full; refuses when every remembered request is still running.
    pub(super) fn make_room(&mut self) -> Result<(), LifecycleError> {
        if self.by_id.len() >= MAX_CREATE_REQUESTS {
            let mut finished: Vec<(u64, String)> = self
                .by_id
                .iter()
                .filter(|(_, request)| request.result.peek().is_some())
                .map(|(id, request)| (request.order, id.clone()))
                .collect();
            finished.sort_unstable();
            let excess = self.by_id.len() + 1 - MAX_CREATE_REQUESTS;
            for (_, old) in finished.into_iter().take(excess) {
                self.by_id.remove(&old);
            }
        }
        if self.by_id.len() >= MAX_CREATE_REQUESTS {
            return Err(LifecycleError::InvalidInput(
                "too many keys are being created at once; wait for them to finish and try again"
                    .into(),
            ));
        }
        Ok(())
    }

    /// Remembers a new request (after [`CreateRequests::make_room`]).
    pub(super) fn insert(
        &mut self,
        id: String,
        fingerprint: String,
        result: Shared<BoxFuture<'static, CreateResult>>,
    ) {
        let order = self.next;
        self.next += 1;
        let request = CreateRequest {
            fingerprint,
            result,
            order,
        };
        self.by_id.insert(id, request);
    }
}

#[cfg(test)]
mod tests {
    use futures::FutureExt;

    use super::*;

    fn finished() -> Shared<BoxFuture<'static, CreateResult>> {
        let result = async { Err(LifecycleError::RequestReused) }
            .boxed()
            .shared();
        let _ = futures::executor::block_on(result.clone());
        result
    }

    fn running() -> Shared<BoxFuture<'static, CreateResult>> {
        futures::future::pending().boxed().shared()
    }

    fn add(
        requests: &mut CreateRequests,
        id: String,
        result: Shared<BoxFuture<'static, CreateResult>>,
    ) {
        requests.make_room().unwrap();
        requests.insert(id, "f".into(), result);
    }

    #[test]
    fn past_the_cap_the_oldest_finished_requests_are_forgotten() {
        let mut requests = CreateRequests::default();
        add(&mut requests, "still-running".into(), running());
        for n in 0..MAX_CREATE_REQUESTS + 10 {
            add(&mut requests, format!("req-{n}"), finished());
        }
        assert_eq!(requests.len(), MAX_CREATE_REQUESTS);
        assert!(requests.get("still-running").is_some(), "never forgotten");
        assert!(
            requests.get("req-0").is_none(),
            "the oldest finished is gone"
        );
        let newest = format!("req-{}", MAX_CREATE_REQUESTS + 9);
        assert!(requests.get(&newest).is_some());
    }

    #[test]
    fn when_every_remembered_request_is_running_a_new_one_is_refused() {
        let mut requests = CreateRequests::default();
        for n in 0..MAX_CREATE_REQUESTS {
            add(&mut requests, format!("req-{n}"), running());
        }
        let error = requests.make_room().unwrap_err();
        assert!(
            error.to_string().contains("wait for them to finish"),
            "{error}"
        );
    }

    #[test]
    fn an_empty_or_over_long_request_id_is_refused() {
        assert!(CreateRequests::check_id(" ").is_err());
        assert!(CreateRequests::check_id(&"r".repeat(MAX_REQUEST_ID_CHARS)).is_ok());
        let error = CreateRequests::check_id(&"r".repeat(MAX_REQUEST_ID_CHARS + 1)).unwrap_err();
        assert!(
            error.to_string().contains("at most 128 characters"),
            "{error}"
        );
    }
}
