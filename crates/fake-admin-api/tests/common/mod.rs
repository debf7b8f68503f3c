//! Shared setup for the integration tests: a started fake and a small JSON client.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use fake_admin_api::{FakeOptions, FakeServer};
use reqwest::{Method, StatusCode};
use serde_json::Value;

/// Reference time used by tests that pin the clock.
pub const NOW: i64 = 1_750_000_000;

/// A fake with the default seed and a pinned clock, plus a client.
pub async fn start() -> Fake {
    start_with(FakeOptions {
        now: Some(NOW),
        ..FakeOptions::default()
    })
    .await
}

/// A fake with custom options, plus a client.
pub async fn start_with(options: FakeOptions) -> Fake {
    let server = FakeServer::start(options).await.expect("fake starts");
    Fake {
        http: reqwest::Client::new(),
        server,
    }
}

/// A running fake and a client bound to it.
pub struct Fake {
    pub server: FakeServer,
    pub http: reqwest::Client,
}

impl Fake {
    /// Sends a request with the bootstrap admin key; returns status and JSON body.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let key = self.server.admin_key();
        self.call_as(Some(&key), method, path, body).await
    }

    /// Sends a request with the given bearer token (or none).
    pub async fn call_as(
        &self,
        token: Option<&str>,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.server.base_url()));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("request is answered");
        let status = response.status();
        let text = response.text().await.expect("body is readable");
        let json = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (status, json)
    }

    /// GET, asserting 200.
    pub async fn get_ok(&self, path: &str) -> Value {
        let (status, body) = self.call(Method::GET, path, None).await;
        assert_eq!(status, StatusCode::OK, "GET {path}: {body}");
        body
    }

    /// POST, asserting 200.
    pub async fn post_ok(&self, path: &str, body: Value) -> Value {
        let (status, body) = self.call(Method::POST, path, Some(body)).await;
        assert_eq!(status, StatusCode::OK, "POST {path}: {body}");
        body
    }

    /// DELETE, returning status and body.
    pub async fn delete(&self, path: &str) -> (StatusCode, Value) {
        self.call(Method::DELETE, path, None).await
    }

    /// Follows `after` cursors through every page and returns all items.
    pub async fn list_all(&self, path: &str, limit: usize) -> Vec<Value> {
        let separator = if path.contains('?') { '&' } else { '?' };
        let mut items = Vec::new();
        let mut after: Option<String> = None;
        for _ in 0..1_000 {
            let cursor = after
                .as_ref()
                .map(|a| format!("&after={a}"))
                .unwrap_or_default();
            let page = self
                .get_ok(&format!("{path}{separator}limit={limit}{cursor}"))
                .await;
            items.extend(page["data"].as_array().expect("data array").iter().cloned());
            if page["has_more"] != Value::Bool(true) {
                return items;
            }
            after = page["last_id"].as_str().map(str::to_owned);
        }
        panic!("pagination of {path} did not end");
    }

    /// The id of the first (plain, active) seeded project.
    pub fn first_project(&self) -> String {
        self.server.state().projects(false)[0].id.clone()
    }
}

/// Gives the first generated keys these models (in order) and has each make a request now, so
/// each produces its model's kind of usage up to now; returns their ids.
pub fn keys_with_models(server: &FakeServer, models: &[&str]) -> Vec<String> {
    let ids: Vec<String> = server.with_state(|s| {
        let keys = s
            .api_keys
            .iter_mut()
            .filter(|k| k.key.name != "embeddings-indexer");
        keys.zip(models)
            .map(|(key, model)| {
                (*model).clone_into(&mut key.model);
                key.key.id.clone()
            })
            .collect()
    });
    assert_eq!(ids.len(), models.len(), "enough generated keys");
    for id in &ids {
        assert!(server.use_key(id));
    }
    ids
}

/// Every result row of a usage or costs page.
pub fn rows(page: &Value) -> Vec<Value> {
    page["data"]
        .as_array()
        .expect("data array")
        .iter()
        .flat_map(|b| b["results"].as_array().expect("results array").clone())
        .collect()
}

/// Asserts the official error envelope and returns its `error` object.
pub fn assert_envelope(body: &Value) -> &Value {
    let error = &body["error"];
    assert!(error["message"].is_string(), "message in {body}");
    assert!(error["type"].is_string(), "type in {body}");
    assert!(error.get("param").is_some(), "param in {body}");
    assert!(error.get("code").is_some(), "code in {body}");
    error
}
