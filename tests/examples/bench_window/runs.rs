//! The benchmark's runs: starting each window several times (start-up, idle memory, and the
//! bare window's 50-row table), and one organization end to end (add it, restart, search,
//! refresh). A step that does not finish ends that window's run; the figures it did not reach
//! say so.

use std::path::Path;
use std::time::Duration;

use keywarden_e2e::x_clipboard;

use crate::launch::{self, Launched};
use crate::measure::{self, bounded, Missed};
use crate::report::{median, Figure};
use crate::{fake_org, selectors, Config};

/// Keys in each project of the fake organizations.
pub const KEYS_PER_PROJECT: usize = 50;
/// The search typed one key at a time: seeded key names end in ` #<number>`, so every prefix
/// matches fewer keys than the one before (all, then ~1/9, ~1/90, …) at either size.
pub const QUERY: &str = "#312";
/// How long a window is left alone before its memory is read.
const SETTLE: Duration = Duration::from_secs(5);
/// Keys typed into the bare window, each drawing a fresh 50-row table.
const BARE_KEYS: &str = "abcde";
/// Escape, as WebDriver spells it.
const ESCAPE: &str = "\u{e00c}";

/// Start-up figures of one kind of window, medians over the starts.
pub struct WindowFigures {
    /// Spawn → first content painted, ms.
    pub start: Figure,
    /// Spawn → first contentful paint, ms.
    pub fcp: Figure,
    /// PSS after settling, bytes.
    pub idle_memory: Figure,
    /// Keystroke → 50-row table painted, ms (bare window only).
    pub keystrokes: Vec<Figure>,
}

/// Both windows' start-up figures.
pub struct Starts {
    /// The bare Tauri window.
    pub bare: WindowFigures,
    /// Keywarden.
    pub app: WindowFigures,
}

/// One organization's figures.
pub struct Organization {
    /// Its size in projects.
    pub projects: usize,
    /// Client-only inventory, ms (median of the runs).
    pub client_only: Figure,
    /// Restart → first rows of a project, ms.
    pub restart: Figure,
    /// Each search keystroke → next frame, ms.
    pub keystrokes: Vec<Figure>,
    /// Full refresh wall time, ms.
    pub refresh_wall: Figure,
    /// Longest gap between frames during the refresh, ms.
    pub refresh_block: Figure,
    /// PSS after the refresh settled, bytes.
    pub memory_after: Figure,
}

fn fresh_settings(config: &Config, name: &str) -> Result<(), String> {
    let dir = config.work.join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    std::env::set_var("KEYWARDEN_CONFIG_DIR", &dir);
    Ok(())
}

fn memory(pid: u32) -> Figure {
    launch::tree_pss(pid)
        .map(|(bytes, _)| bytes as f64)
        .map_err(|e| format!("failed: {e}"))
}

/// Starts each window `config.starts` times, alternating, and takes the medians.
pub async fn starts(config: &Config) -> Starts {
    let (mut bare, mut app) = (Vec::new(), Vec::new());
    for run in 0..config.starts {
        bare.push(one_start(config, &config.bare, true).await);
        if let Err(why) = fresh_settings(config, &format!("start-{run}")) {
            app.push(OneStart::missed(&why));
            continue;
        }
        std::env::set_var("KEYWARDEN_PAINT_PROBE", selectors::ANY_PROJECT);
        app.push(one_start(config, &config.app, false).await);
    }
    Starts {
        bare: combine(bare),
        app: combine(app),
    }
}

struct OneStart {
    start: Figure,
    fcp: Figure,
    memory: Figure,
    keystrokes: Vec<Figure>,
}

impl OneStart {
    fn missed(why: &str) -> Self {
        let miss = || Err(why.to_owned());
        OneStart {
            start: miss(),
            fcp: miss(),
            memory: miss(),
            keystrokes: vec![miss()],
        }
    }
}

fn combine(runs: Vec<OneStart>) -> WindowFigures {
    let pick = |f: fn(&OneStart) -> &Figure| {
        median(&runs.iter().map(|r| f(r).clone()).collect::<Vec<_>>())
    };
    WindowFigures {
        start: pick(|r| &r.start),
        fcp: pick(|r| &r.fcp),
        idle_memory: pick(|r| &r.memory),
        keystrokes: runs.iter().flat_map(|r| r.keystrokes.clone()).collect(),
    }
}

async fn one_start(config: &Config, program: &Path, bare: bool) -> OneStart {
    let launched = match launch::launch(program, &config.work, config.step_limit).await {
        Ok(launched) => launched,
        Err(error) => return OneStart::missed(&format!("failed: {error}")),
    };
    let first = measure::first_content(&launched.window, launched.spawned_at_ms).await;
    let (start, fcp) = match first {
        Ok((start, fcp)) => (Ok(start), fcp.ok_or_else(|| "not reported".to_owned())),
        Err(missed) => (Err(missed.to_string()), Err(missed.to_string())),
    };
    tokio::time::sleep(SETTLE).await;
    let memory = memory(launched.pid);
    let mut keystrokes = Vec::new();
    if bare {
        match bounded(&launched.window, launched.window.focus(selectors::SEARCH)).await {
            Ok(()) => {
                for key in BARE_KEYS.chars() {
                    let typed = measure::keystroke(&launched.window, key).await;
                    keystrokes.push(typed.map_err(|m| m.to_string()));
                }
            }
            Err(missed) => keystrokes.push(Err(missed.to_string())),
        }
    }
    launch::close(launched).await;
    OneStart {
        start,
        fcp,
        memory,
        keystrokes,
    }
}

/// Adds the organization in a fresh window and waits for its first refresh to end.
async fn add_organization(config: &Config, org: &fake_org::FakeOrg) -> Result<(), Missed> {
    std::env::remove_var("KEYWARDEN_PAINT_PROBE");
    let launched = launch::launch(&config.app, &config.work, config.step_limit).await?;
    let added = add_in(&launched, org).await;
    launch::close(launched).await;
    added
}

async fn add_in(launched: &Launched, org: &fake_org::FakeOrg) -> Result<(), Missed> {
    let window = &launched.window;
    bounded(window, window.wait_for(selectors::ANY_PROJECT)).await?;
    x_clipboard::put(&format!("{}\n", org.admin_key)).map_err(|e| Missed::Failed(e.to_string()))?;
    bounded(window, window.click(selectors::ADD_ORGANIZATION)).await?;
    bounded(window, window.type_into(selectors::ORG_LABEL, "Benchmark")).await?;
    bounded(window, window.click(selectors::ADVANCED)).await?;
    bounded(
        window,
        window.type_into(selectors::ORG_BASE_URL, &org.base_url),
    )
    .await?;
    bounded(window, window.click(selectors::PASTE_ADMIN_KEY)).await?;
    bounded(window, window.wait_gone(selectors::ADD_ORG_DIALOG)).await?;
    bounded(window, window.wait_for(selectors::FAKE_ORG_PROJECT)).await?;
    bounded(window, window.wait_gone(selectors::REFRESH_PROGRESS)).await
}

/// One organization of `projects` × 50 keys: client-only inventory, then the app end to end.
pub async fn organization(config: &Config, projects: usize) -> Organization {
    let not_reached = || Err("not measured: an earlier step did not finish".to_owned());
    let mut result = Organization {
        projects,
        client_only: not_reached(),
        restart: not_reached(),
        keystrokes: vec![not_reached()],
        refresh_wall: not_reached(),
        refresh_block: not_reached(),
        memory_after: not_reached(),
    };
    let org = match fake_org::start(&config.fake_server, projects, KEYS_PER_PROJECT) {
        Ok(org) => org,
        Err(error) => {
            result.client_only = Err(format!("failed: {error}"));
            return result;
        }
    };
    let client: Vec<Figure> = (0..config.client_runs)
        .map(|_| {
            fake_org::client_only_inventory(&config.inventory, &org)
                .map_err(|e| format!("failed: {e}"))
        })
        .collect();
    result.client_only = median(&client);
    if let Err(why) = fresh_settings(config, &format!("org-{projects}")) {
        result.restart = Err(why);
        return result;
    }
    if let Err(missed) = add_organization(config, &org).await {
        result.restart = Err(format!("adding the organization {missed}"));
        return result;
    }
    std::env::set_var("KEYWARDEN_PAINT_PROBE", selectors::FAKE_ORG_PROJECT);
    let launched = match launch::launch(&config.app, &config.work, config.step_limit).await {
        Ok(launched) => launched,
        Err(error) => {
            result.restart = Err(format!("failed: {error}"));
            return result;
        }
    };
    measure_in(&launched, &mut result).await;
    launch::close(launched).await;
    result
}

/// Restart → first rows, search, refresh and memory in a restarted window; stops at the first
/// step that does not finish (the window may be stuck) and leaves the rest "not measured".
async fn measure_in(launched: &Launched, result: &mut Organization) {
    let window = &launched.window;
    result.restart = measure::restart_to_first_rows(window, launched.spawned_at_ms)
        .await
        .map_err(|m| m.to_string());
    if result.restart.is_err() {
        return;
    }
    if let Err(missed) = bounded(window, window.focus(selectors::SEARCH)).await {
        result.keystrokes = vec![Err(missed.to_string())];
        return;
    }
    result.keystrokes.clear();
    for key in QUERY.chars() {
        let typed = measure::keystroke(window, key).await;
        let stuck = matches!(typed, Err(Missed::Timeout(_)));
        result.keystrokes.push(typed.map_err(|m| m.to_string()));
        if stuck {
            return;
        }
    }
    let back = async {
        bounded(window, window.press_keys(ESCAPE)).await?;
        bounded(window, window.click(selectors::FAKE_ORG_HEADER)).await
    };
    if let Err(missed) = back.await {
        result.refresh_wall = Err(missed.to_string());
        return;
    }
    match measure::refresh(window).await {
        Ok(refresh) => {
            result.refresh_wall = Ok(refresh.wall_ms);
            result.refresh_block = Ok(refresh
                .longest_task_ms
                .unwrap_or(0.0)
                .max(refresh.longest_frame_gap_ms));
        }
        Err(missed) => {
            result.refresh_wall = Err(missed.to_string());
            result.refresh_block = Err(missed.to_string());
            return;
        }
    }
    tokio::time::sleep(SETTLE).await;
    result.memory_after = memory(launched.pid);
}
