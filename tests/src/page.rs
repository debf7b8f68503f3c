//! Waits and reads on the page, each one page-side step: a single async script polls in the page
//! until its condition holds and returns the values in the same turn (see `page_step.js`). No
//! element handle is kept, so a re-render between two steps can never make one stale.

use std::time::Duration;

use serde::de::DeserializeOwned;
use serde_json::{json, Value};

use crate::driver::{resend, HarnessError};
use crate::Window;

const PAGE_STEP: &str = include_str!("page_step.js");

/// What a text must be for [`Window::wait_for_text`]: every condition set must hold.
#[derive(Debug, Clone, Default)]
pub struct TextMatch {
    exactly: Option<String>,
    non_empty: bool,
    containing: Vec<String>,
    other_than: Vec<String>,
}

impl TextMatch {
    /// Any text that is not blank.
    pub fn non_empty() -> Self {
        Self {
            non_empty: true,
            ..Self::default()
        }
    }

    /// Exactly `text`.
    pub fn exactly(text: &str) -> Self {
        Self {
            exactly: Some(text.to_owned()),
            ..Self::default()
        }
    }

    /// A text that contains `part`.
    pub fn containing(part: &str) -> Self {
        Self::default().and_containing(part)
    }

    /// Also contains `part`.
    pub fn and_containing(mut self, part: &str) -> Self {
        self.containing.push(part.to_owned());
        self
    }

    /// Also differs from `text`.
    pub fn other_than(mut self, text: &str) -> Self {
        self.other_than.push(text.to_owned());
        self
    }

    fn to_json(&self) -> Value {
        json!({
            "exactly": self.exactly,
            "nonEmpty": self.non_empty,
            "containing": self.containing,
            "otherThan": self.other_than,
        })
    }
}

impl Window {
    /// Runs one named step of `page_step.js` with the window's wait limit.
    pub(crate) async fn page_step<T: DeserializeOwned>(
        &self,
        step: &str,
        args: Value,
        what: &str,
    ) -> Result<T, HarnessError> {
        self.page_step_within(step, args, what, self.wait).await
    }

    /// Runs one named step of `page_step.js`, waiting at most `limit` in the page.
    pub(crate) async fn page_step_within<T: DeserializeOwned>(
        &self,
        step: &str,
        args: Value,
        what: &str,
        limit: Duration,
    ) -> Result<T, HarnessError> {
        let limit_ms = u64::try_from(limit.as_millis()).unwrap_or(u64::MAX);
        let outcome = self
            .run_async(PAGE_STEP, vec![json!(step), args, json!(limit_ms)])
            .await
            .map_err(|e| format!("{what}: the page did not answer: {e}"))?;
        if let Some(value) = outcome.get("ok") {
            return Ok(serde_json::from_value(value.clone())?);
        }
        if let Some(why) = outcome.get("timeout").and_then(Value::as_str) {
            return Err(format!("{what} did not happen within {limit:?}: {why}").into());
        }
        let error = outcome.get("error").and_then(Value::as_str);
        Err(format!("{what}: {}", error.unwrap_or("the page step failed")).into())
    }

    /// Waits until an element matches `css`.
    pub async fn wait_for(&self, css: &str) -> Result<(), HarnessError> {
        let what = format!("`{css}` to appear");
        self.page_step::<bool>("present", json!({ "css": css }), &what)
            .await
            .map(drop)
    }

    /// Waits until no element matches `css`.
    pub async fn wait_gone(&self, css: &str) -> Result<(), HarnessError> {
        let what = format!("`{css}` to go away");
        self.page_step::<bool>("gone", json!({ "css": css }), &what)
            .await
            .map(drop)
    }

    /// Waits until exactly `count` elements match `css`.
    pub async fn wait_for_count(&self, css: &str, count: usize) -> Result<(), HarnessError> {
        let what = format!("{count} of `{css}`");
        let args = json!({ "css": css, "count": count });
        self.page_step::<bool>("count", args, &what).await.map(drop)
    }

    /// How many elements match `css` right now (no wait).
    pub async fn count(&self, css: &str) -> Result<usize, HarnessError> {
        let what = format!("counting `{css}`");
        self.page_step("countNow", json!({ "css": css }), &what)
            .await
    }

    /// Waits until `css` matches, then returns the text of every match, read in the same step.
    pub async fn texts(&self, css: &str) -> Result<Vec<String>, HarnessError> {
        let what = format!("`{css}` to show text");
        self.page_step("texts", json!({ "css": css }), &what).await
    }

    /// Waits until `css` matches, then returns one attribute of every match (empty when absent).
    pub async fn attributes(&self, css: &str, name: &str) -> Result<Vec<String>, HarnessError> {
        let what = format!("`{css}` to carry `{name}`");
        let args = json!({ "css": css, "name": name });
        self.page_step("attributes", args, &what).await
    }

    /// Waits until `rows` matches, then returns, for every row, the text of the first match of
    /// each selector in `cells` inside it (empty when a row has none): a table read in one step.
    pub async fn cells(
        &self,
        rows: &str,
        cells: &[&str],
    ) -> Result<Vec<Vec<String>>, HarnessError> {
        let what = format!("rows `{rows}`");
        let args = json!({ "css": rows, "cells": cells });
        self.page_step("cells", args, &what).await
    }

    /// Waits until `css` matches, then returns the text of the first match.
    pub async fn text_of(&self, css: &str) -> Result<String, HarnessError> {
        let texts = self.texts(css).await?;
        Ok(texts.into_iter().next().unwrap_or_default())
    }

    /// Waits until some element matching `css` has a text that fits `want`, and returns it.
    pub async fn wait_for_text(&self, css: &str, want: &TextMatch) -> Result<String, HarnessError> {
        let what = format!("a text of `{css}` that fits {want:?}");
        let args = json!({ "css": css, "want": want.to_json() });
        self.page_step("textMatching", args, &what).await
    }

    /// The page source as the webview has it now.
    pub async fn source(&self) -> Result<String, HarnessError> {
        Ok(resend(|| self.client().source()).await?)
    }
}
