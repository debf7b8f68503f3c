//! Fault injection: rules that make the next matching requests misbehave, and the request log.
//!
//! Tests use these to prove that clients survive rate limits, server errors, odd error shapes,
//! broken bodies, dropped connections, hangs, runaway pagination and newer API versions.

mod mangle;
mod respond;

use std::sync::Mutex;
use std::time::Instant;

pub(crate) use respond::{respond, ConnectionDropped};

/// How a `Retry-After` header is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RetryAfter {
    /// `Retry-After: <n>` (delta seconds).
    Seconds(u64),
    /// `Retry-After: <IMF-fixdate>`, two seconds in the future.
    HttpDate,
}

/// What a faulty response looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// That status with the official error envelope (e.g. 429, 500, 502, 503).
    Status {
        /// HTTP status code.
        status: u16,
        /// Optional `Retry-After` header.
        retry_after: Option<RetryAfter>,
    },
    /// That status with `{"error": "<string>"}`, the non-object error form seen in the field.
    StringError {
        /// HTTP status code.
        status: u16,
    },
    /// 403 with an object envelope naming the missing `api.management.read` scope.
    MissingScope,
    /// 403 naming the missing `api.management.write` scope (a read-only admin key).
    MissingWriteScope,
    /// 403 with an object envelope saying audit logging is not enabled for the organization
    /// (what `/organization/audit_logs` answers until an owner turns logging on).
    AuditLogsDisabled,
    /// 200 with a truncated, invalid JSON body.
    MalformedJson,
    /// Headers and part of the body, then the connection closes.
    DropMidBody,
    /// 200 whose `Content-Length` announces 64 MiB, more than a client should read (an answer
    /// that outgrew the client's cap); the body never comes.
    Oversized,
    /// No response until the client gives up (the server stops waiting after 120 s).
    Hang,
    /// Lists always claim `has_more: true`; with `repeat_cursor` the same `last_id` each time,
    /// otherwise a new one each time.
    EndlessPagination {
        /// Whether `last_id` stays the same from page to page.
        repeat_cursor: bool,
    },
    /// The request is carried out (state changes), then the connection closes with no response.
    LoseCreateResponse,
    /// Objects gain unknown fields and unknown enum values (still valid JSON).
    UnknownFields,
}

/// A fault applied to the next `times` requests matching the optional path and method filters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultRule {
    /// The fault.
    pub fault: Fault,
    /// How many more requests it applies to.
    pub times: usize,
    /// Applies only when the path contains this substring.
    pub path: Option<String>,
    /// Applies only to this HTTP method (case-insensitive).
    pub method: Option<String>,
}

impl FaultRule {
    /// A rule applying `fault` once to any request.
    pub fn new(fault: Fault) -> Self {
        Self {
            fault,
            times: 1,
            path: None,
            method: None,
        }
    }

    /// Applies to the next `n` matching requests.
    pub fn times(mut self, n: usize) -> Self {
        self.times = n;
        self
    }

    /// Applies to every matching request from now on.
    pub fn always(self) -> Self {
        self.times(usize::MAX)
    }

    /// Restricts the rule to paths containing `substring`.
    pub fn on_path(mut self, substring: impl Into<String>) -> Self {
        self.path = Some(substring.into());
        self
    }

    /// Restricts the rule to one HTTP method, e.g. `"POST"`.
    pub fn on_method(mut self, method: impl Into<String>) -> Self {
        self.method = Some(method.into());
        self
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        self.times > 0
            && self.path.as_deref().is_none_or(|p| path.contains(p))
            && self
                .method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
    }
}

/// One request as the fake received it.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedRequest {
    /// e.g. `GET`.
    pub method: String,
    /// e.g. `/v1/organization/projects`.
    pub path: String,
    /// The raw query string, if any.
    pub query: Option<String>,
    /// Whether an `Authorization: Bearer …` header was present (its value is never kept).
    pub had_bearer: bool,
    /// The JSON body, when there was one that parsed.
    pub body: Option<serde_json::Value>,
    /// When the fake received the whole request (before any latency).
    pub received_at: Instant,
    /// When the fake finished handling it: the response head was ready or the connection was
    /// dropped. `None` while it is still being handled.
    pub answered_at: Option<Instant>,
}

/// Pending fault rules, consumed in insertion order.
#[derive(Debug, Default)]
pub(crate) struct FaultBook {
    rules: Mutex<Vec<FaultRule>>,
}

impl FaultBook {
    pub(crate) fn push(&self, rule: FaultRule) {
        self.rules
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(rule);
    }

    /// Drops every rule that is still waiting.
    pub(crate) fn clear(&self) {
        self.rules.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    /// The fault for this request, if a rule matches; uses up one of the rule's `times`.
    pub(crate) fn take(&self, method: &str, path: &str) -> Option<Fault> {
        let mut rules = self.rules.lock().unwrap_or_else(|e| e.into_inner());
        let index = rules.iter().position(|r| r.matches(method, path))?;
        let rule = &mut rules[index];
        rule.times -= 1;
        let fault = rule.fault.clone();
        if rule.times == 0 {
            rules.remove(index);
        }
        Some(fault)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_is_used_up_after_its_count_and_respects_filters() {
        let book = FaultBook::default();
        book.push(
            FaultRule::new(Fault::Hang)
                .times(2)
                .on_path("/projects")
                .on_method("get"),
        );
        assert_eq!(book.take("POST", "/v1/organization/projects"), None);
        assert_eq!(book.take("GET", "/v1/organization/users"), None);
        assert_eq!(
            book.take("GET", "/v1/organization/projects"),
            Some(Fault::Hang)
        );
        assert_eq!(
            book.take("GET", "/v1/organization/projects"),
            Some(Fault::Hang)
        );
        assert_eq!(book.take("GET", "/v1/organization/projects"), None);
    }
}
