//! The figures measured in the page (see `measure.js`), each turned into milliseconds. Every
//! step is bounded: the page gives up at the window's wait limit, and the whole WebDriver call
//! at that limit plus a margin (a page whose main thread never comes back cannot hang the run).

use std::time::Duration;

use keywarden_e2e::driver::HarnessError;
use keywarden_e2e::Window;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};

use crate::selectors;

const MEASURE: &str = include_str!("measure.js");

/// Why a figure is missing: the step ran out of time, or something else failed.
#[derive(Debug)]
pub enum Missed {
    /// The step did not finish within this many seconds.
    Timeout(u64),
    /// The step failed for another reason.
    Failed(String),
}

impl std::fmt::Display for Missed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Missed::Timeout(seconds) => write!(f, "did not finish in {seconds} s"),
            Missed::Failed(why) => write!(f, "failed: {why}"),
        }
    }
}

impl From<HarnessError> for Missed {
    fn from(error: HarnessError) -> Self {
        Missed::Failed(error.to_string())
    }
}

/// Runs one step of `measure.js` on `window`, bounded by the window's wait limit.
async fn step<T: DeserializeOwned>(window: &Window, name: &str, args: Value) -> Result<T, Missed> {
    let limit = window.wait_limit();
    let limit_ms = u64::try_from(limit.as_millis()).unwrap_or(u64::MAX);
    let call = window.run_async(MEASURE, vec![json!(name), args, json!(limit_ms)]);
    let outcome = tokio::time::timeout(limit + Duration::from_secs(30), call)
        .await
        .map_err(|_| Missed::Timeout(limit.as_secs()))??;
    if let Some(value) = outcome.get("ok") {
        return serde_json::from_value(value.clone()).map_err(|e| Missed::Failed(e.to_string()));
    }
    if outcome.get("timeout").is_some() {
        return Err(Missed::Timeout(limit.as_secs()));
    }
    let error = outcome.get("error").and_then(Value::as_str);
    Err(Missed::Failed(
        error.unwrap_or("the page step failed").to_owned(),
    ))
}

/// Runs `work` within the window's wait limit (plus a margin), for steps outside `measure.js`.
pub async fn bounded<T, F>(window: &Window, work: F) -> Result<T, Missed>
where
    F: std::future::Future<Output = Result<T, HarnessError>>,
{
    let limit = window.wait_limit();
    tokio::time::timeout(limit + Duration::from_secs(30), work)
        .await
        .map_err(|_| Missed::Timeout(limit.as_secs()))?
        .map_err(Missed::from)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FirstContent {
    time_origin: f64,
    first_content: f64,
    fcp: Option<f64>,
}

/// When the page's first content (the paint probe's selector) and its first contentful paint
/// were painted, in ms after `spawned_at_ms` (the process spawn, Unix epoch ms).
pub async fn first_content(
    window: &Window,
    spawned_at_ms: f64,
) -> Result<(f64, Option<f64>), Missed> {
    let seen: FirstContent = step(window, "firstContent", json!({})).await?;
    let since_spawn = seen.time_origin - spawned_at_ms;
    Ok((
        since_spawn + seen.first_content,
        seen.fcp.map(|fcp| since_spawn + fcp),
    ))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OpenedProject {
    time_origin: f64,
    probe: Option<f64>,
    click_at: f64,
    painted_at: f64,
}

/// Restart → first rows: the paint probe's time of the first project after the spawn, plus the
/// time from clicking that project to its first key rows painted (a person clicking the moment
/// the project shows; the harness's own reaction time is left out).
pub async fn restart_to_first_rows(window: &Window, spawned_at_ms: f64) -> Result<f64, Missed> {
    let args = json!({ "projectCss": selectors::FAKE_ORG_PROJECT, "rowCss": selectors::KEY_ROW });
    let opened: OpenedProject = step(window, "openProject", args).await?;
    let shown = opened.probe.unwrap_or(opened.click_at);
    Ok(opened.time_origin - spawned_at_ms + shown + (opened.painted_at - opened.click_at))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Keystroke {
    keydown_at: f64,
    painted_at: f64,
}

/// Types `key` into the focused search box and returns keydown → the first frame painted after
/// the keys region (total, row count, first rows) changed.
pub async fn keystroke(window: &Window, key: char) -> Result<f64, Missed> {
    let region = json!({ "rowCss": selectors::KEY_ROW, "totalCss": selectors::KEYS_TOTAL });
    let _before: String = step(window, "armKeystroke", region.clone()).await?;
    bounded(window, window.press_keys(&key.to_string())).await?;
    let seen: Keystroke = step(window, "keystrokeResult", region).await?;
    Ok(seen.painted_at - seen.keydown_at)
}

/// A full refresh: wall time and the longest gap between frames while it ran.
#[derive(Debug, Clone, Copy)]
pub struct Refresh {
    /// Click → the first frame painted after the progress indicator went away, ms.
    pub wall_ms: f64,
    /// The longest gap between two animation frames during the refresh, ms.
    pub longest_frame_gap_ms: f64,
    /// The longest Long Task, ms, where the webview reports them.
    pub longest_task_ms: Option<f64>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RefreshTimes {
    click_at: f64,
    painted_at: f64,
    longest_gap: f64,
    longest_task: Option<f64>,
}

/// Clicks the refresh button and measures the refresh until its progress indicator is gone.
pub async fn refresh(window: &Window) -> Result<Refresh, Missed> {
    let args =
        json!({ "buttonCss": selectors::REFRESH, "progressCss": selectors::REFRESH_PROGRESS });
    let _clicked: bool = step(window, "armRefresh", args.clone()).await?;
    let times: RefreshTimes = step(window, "refreshResult", args).await?;
    Ok(Refresh {
        wall_ms: times.painted_at - times.click_at,
        longest_frame_gap_ms: times.longest_gap,
        longest_task_ms: times.longest_task,
    })
}
