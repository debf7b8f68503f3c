//! The log of requests the fake received, for tests that check what a client sent. It is bounded
//! so that a long-running fake (the app's demo organization, the binary) cannot be grown without
//! limit by whoever can reach its port: recording can be off (the demo and the binary keep it
//! off), a body is kept only up to [`MAX_RECORDED_BODY`], and past [`MAX_RECORDED_REQUESTS`]
//! requests or [`MAX_RECORDED_BYTES`] the oldest records are dropped.

use std::collections::VecDeque;

use crate::faults::RecordedRequest;

/// The most requests kept; older ones are dropped first.
pub const MAX_RECORDED_REQUESTS: usize = 10_000;
/// The most bytes (paths, queries and bodies as received) kept across all records.
pub const MAX_RECORDED_BYTES: usize = 16 * 1024 * 1024;
/// A larger body is not kept (the record says `body: None`).
pub const MAX_RECORDED_BODY: usize = 256 * 1024;

/// Which request a record is, to mark it answered later (indices shift as old ones are dropped).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RecordId(u64);

/// The bounded log.
#[derive(Debug)]
pub(crate) struct RequestLog {
    on: bool,
    records: VecDeque<(RecordId, usize, RecordedRequest)>,
    next: u64,
    bytes: usize,
}

impl RequestLog {
    /// An empty log that records (`on`) or not.
    pub(crate) fn new(on: bool) -> Self {
        Self {
            on,
            records: VecDeque::new(),
            next: 0,
            bytes: 0,
        }
    }

    /// Whether requests are being recorded.
    pub(crate) fn is_on(&self) -> bool {
        self.on
    }

    /// Starts or stops recording; what was recorded stays.
    pub(crate) fn set_on(&mut self, on: bool) {
        self.on = on;
    }

    /// Keeps `request` (whose body was `body_len` bytes as received) if recording is on,
    /// dropping the oldest records to stay within the bounds.
    pub(crate) fn push(
        &mut self,
        mut request: RecordedRequest,
        body_len: usize,
    ) -> Option<RecordId> {
        if !self.on {
            return None;
        }
        if body_len > MAX_RECORDED_BODY {
            request.body = None;
        }
        let kept_body = if request.body.is_some() { body_len } else { 0 };
        let cost = request.path.len() + request.query.as_ref().map_or(0, String::len) + kept_body;
        while !self.records.is_empty()
            && (self.records.len() >= MAX_RECORDED_REQUESTS
                || self.bytes + cost > MAX_RECORDED_BYTES)
        {
            if let Some((_, dropped, _)) = self.records.pop_front() {
                self.bytes -= dropped;
            }
        }
        let id = RecordId(self.next);
        self.next += 1;
        self.bytes += cost;
        self.records.push_back((id, cost, request));
        Some(id)
    }

    /// The record `id`, if it is still kept.
    pub(crate) fn get_mut(&mut self, id: RecordId) -> Option<&mut RecordedRequest> {
        let first = self.records.front()?.0 .0;
        let index = usize::try_from(id.0.checked_sub(first)?).ok()?;
        self.records.get_mut(index).map(|(_, _, request)| request)
    }

    /// Every kept record, oldest first.
    pub(crate) fn snapshot(&self) -> Vec<RecordedRequest> {
        self.records.iter().map(|(_, _, r)| r.clone()).collect()
    }

    /// How many bytes the kept records account for.
    #[cfg(test)]
    fn bytes(&self) -> usize {
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use super::*;

    fn request(path: &str, body: Option<serde_json::Value>) -> RecordedRequest {
        RecordedRequest {
            method: "POST".into(),
            path: path.into(),
            query: None,
            had_bearer: true,
            body,
            received_at: Instant::now(),
            answered_at: None,
        }
    }

    #[test]
    fn a_log_that_is_off_keeps_nothing() {
        let mut log = RequestLog::new(false);
        assert_eq!(log.push(request("/v1/x", None), 0), None);
        assert!(log.snapshot().is_empty());
    }

    #[test]
    fn past_the_count_the_oldest_records_are_dropped_and_ids_still_find_theirs() {
        let mut log = RequestLog::new(true);
        let first = log.push(request("/v1/first", None), 0).unwrap();
        let mut last = first;
        for n in 0..MAX_RECORDED_REQUESTS {
            last = log.push(request(&format!("/v1/{n}"), None), 0).unwrap();
        }
        let kept = log.snapshot();
        assert_eq!(kept.len(), MAX_RECORDED_REQUESTS);
        assert_eq!(kept[0].path, "/v1/0");
        assert!(log.get_mut(first).is_none(), "the first record was dropped");
        let path = format!("/v1/{}", MAX_RECORDED_REQUESTS - 1);
        assert_eq!(log.get_mut(last).unwrap().path, path);
    }

    #[test]
    fn large_bodies_are_not_kept_and_the_bytes_stay_under_the_budget() {
        let mut log = RequestLog::new(true);
        let body = Some(serde_json::json!({"name": "x"}));
        log.push(request("/v1/large", body.clone()), MAX_RECORDED_BODY + 1);
        assert_eq!(log.snapshot()[0].body, None);
        for _ in 0..(MAX_RECORDED_BYTES / MAX_RECORDED_BODY + 8) {
            log.push(request("/v1/k", body.clone()), MAX_RECORDED_BODY);
            assert!(log.bytes() <= MAX_RECORDED_BYTES);
        }
        assert!(log.snapshot().len() < MAX_RECORDED_BYTES / MAX_RECORDED_BODY + 8);
    }
}
