//! The window benchmark behind `make bench-window` (run it through `scripts/bench-window.sh`,
//! which builds everything in release and provides the desktop session). It measures the release
//! app beside a bare Tauri v2 window (`benches/bare-window/`) of the same build profile, and
//! prints every figure with its goal from the scale issue and pass or FAIL.
//!
//! How each figure is taken (details in `docs/bench-window.md`):
//! - start → first content: process spawn (a wrapper notes it, then execs the program) to the
//!   frame after the first meaningful content is painted: the sidebar's first project in the
//!   app (its `KEYWARDEN_PAINT_PROBE` hook), the static page in the bare window;
//! - idle memory: PSS of the program and its WebKit processes, 5 s after first content;
//! - per organization size: restart → first rows of a project, search keystroke → next frame,
//!   a full refresh (wall time, the longest gap between frames) and memory after it, beside the
//!   client-only inventory time for the same fake organization.
#![allow(clippy::print_stdout)]

mod fake_org;
mod launch;
mod measure;
mod report;
mod runs;
mod selectors;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use report::{median, ratio_verdict, show, worst, Figure, Row, Unit};

/// What to run and where the programs are.
pub struct Config {
    /// The release Keywarden binary.
    pub app: PathBuf,
    /// The release bare window binary.
    pub bare: PathBuf,
    /// The release `fake-admin-api` binary.
    pub fake_server: PathBuf,
    /// The release `inventory` example of `openai-admin`.
    pub inventory: PathBuf,
    /// How many times each window is started for the start-up and idle figures.
    pub starts: usize,
    /// How many times the client-only inventory runs per organization.
    pub client_runs: usize,
    /// Organization sizes, in projects of 50 keys each.
    pub projects: Vec<usize>,
    /// How long one step may take before it is reported as not finished.
    pub step_limit: Duration,
    /// A scratch folder for settings and launch records.
    pub work: PathBuf,
}

fn parse_args() -> Result<Config, String> {
    let mut config = Config {
        app: PathBuf::new(),
        bare: PathBuf::new(),
        fake_server: PathBuf::new(),
        inventory: PathBuf::new(),
        starts: 3,
        client_runs: 3,
        projects: vec![100, 2000],
        step_limit: Duration::from_secs(600),
        work: std::env::temp_dir().join(format!("kw-bench-window-{}", std::process::id())),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = || {
            value
                .parse::<u64>()
                .map_err(|_| format!("{flag}: not a number: {value}"))
        };
        match flag.as_str() {
            "--app" => config.app = value.clone().into(),
            "--bare" => config.bare = value.clone().into(),
            "--fake-server" => config.fake_server = value.clone().into(),
            "--inventory" => config.inventory = value.clone().into(),
            "--starts" => config.starts = number()?.max(1) as usize,
            "--client-runs" => config.client_runs = number()?.max(1) as usize,
            "--step-limit-secs" => config.step_limit = Duration::from_secs(number()?),
            "--projects" => {
                config.projects = value
                    .split(',')
                    .map(|n| {
                        n.trim()
                            .parse()
                            .map_err(|_| format!("--projects: not a number: {n}"))
                    })
                    .collect::<Result<_, _>>()?;
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    for (name, path) in [
        ("--app", &config.app),
        ("--bare", &config.bare),
        ("--fake-server", &config.fake_server),
        ("--inventory", &config.inventory),
    ] {
        if !path.is_file() {
            return Err(format!(
                "{name} must name a built program, got `{}`",
                path.display()
            ));
        }
    }
    Ok(config)
}

fn keys_label(projects: usize) -> String {
    let keys = projects * runs::KEYS_PER_PROJECT;
    if keys.is_multiple_of(1000) {
        format!("{}k keys", keys / 1000)
    } else {
        format!("{keys} keys")
    }
}

fn row(figure: &str, columns: [String; 2], goal: &str, verdict: String) -> Row {
    Row {
        figure: figure.into(),
        columns,
        goal: goal.into(),
        verdict,
    }
}

async fn run(config: &Config) -> Result<(), String> {
    std::fs::create_dir_all(&config.work).map_err(|e| e.to_string())?;
    println!("window benchmark: release builds under Xvfb (software rendering)");
    println!("  starting each window {} times …", config.starts);
    let windows = runs::starts(config).await;
    let mut sizes = Vec::new();
    for &projects in &config.projects {
        println!(
            "  {} ({projects} projects × {}) …",
            keys_label(projects),
            runs::KEYS_PER_PROJECT
        );
        sizes.push(runs::organization(config, projects).await);
    }

    let (bare, app) = (&windows.bare, &windows.app);
    let bare_table = median(&bare.keystrokes);
    report::print_table(
        "Start-up and idle (median of the starts)",
        ["bare window", "Keywarden"],
        &[
            row(
                "start → first content",
                [show(&bare.start, Unit::Ms), show(&app.start, Unit::Ms)],
                "≤ 1.15× bare",
                ratio_verdict(&app.start, &bare.start, 1.15),
            ),
            row(
                "start → first contentful paint (FCP)",
                [show(&bare.fcp, Unit::Ms), show(&app.fcp, Unit::Ms)],
                "(for reference)",
                String::new(),
            ),
            row(
                "idle memory (PSS, app + WebKit)",
                [
                    show(&bare.idle_memory, Unit::Bytes),
                    show(&app.idle_memory, Unit::Bytes),
                ],
                "≤ 1.3× bare",
                ratio_verdict(&app.idle_memory, &bare.idle_memory, 1.3),
            ),
            row(
                "paint a 50-row table (keystroke → frame)",
                [show(&bare_table, Unit::Ms), "—".into()],
                "(yardstick for search)",
                String::new(),
            ),
        ],
    );
    if let [small, large] = &sizes[..] {
        let both = |f: fn(&runs::Organization) -> &Figure, unit| {
            [show(f(small), unit), show(f(large), unit)]
        };
        let search_median = |o: &runs::Organization| median(&o.keystrokes);
        let search_worst = |o: &runs::Organization| worst(&o.keystrokes);
        let block_limit = report::limit_verdict(&large.refresh_block, 100.0);
        report::print_table(
            "Organizations from the fake server (one run each)",
            [
                &keys_label(small.projects)[..],
                &keys_label(large.projects)[..],
            ],
            &[
                row(
                    "client-only inventory (median)",
                    both(|o| &o.client_only, Unit::Ms),
                    "(yardstick for refresh)",
                    String::new(),
                ),
                row(
                    "restart → first rows of a project",
                    both(|o| &o.restart, Unit::Ms),
                    "large ≤ 1.2× small",
                    ratio_verdict(&large.restart, &small.restart, 1.2),
                ),
                row(
                    "search keystroke → next frame (median)",
                    [
                        show(&search_median(small), Unit::Ms),
                        show(&search_median(large), Unit::Ms),
                    ],
                    "large ≤ 1.5× bare 50-row table",
                    ratio_verdict(&search_median(large), &bare_table, 1.5),
                ),
                row(
                    "search keystroke → next frame (worst)",
                    [
                        show(&search_worst(small), Unit::Ms),
                        show(&search_worst(large), Unit::Ms),
                    ],
                    "(for reference)",
                    String::new(),
                ),
                row(
                    "full refresh, wall time",
                    both(|o| &o.refresh_wall, Unit::Ms),
                    "≤ 1.25× client-only",
                    format!(
                        "small {}, large {}",
                        ratio_verdict(&small.refresh_wall, &small.client_only, 1.25),
                        ratio_verdict(&large.refresh_wall, &large.client_only, 1.25)
                    ),
                ),
                row(
                    "longest main-thread block in refresh",
                    both(|o| &o.refresh_block, Unit::Ms),
                    "large ≤ 100 ms",
                    block_limit,
                ),
                row(
                    "memory after refresh (PSS)",
                    both(|o| &o.memory_after, Unit::Bytes),
                    "large ≤ 1.5× small",
                    ratio_verdict(&large.memory_after, &small.memory_after, 1.5),
                ),
            ],
        );
    } else {
        println!(
            "\n(the organization table needs exactly two sizes; got {})",
            sizes.len()
        );
    }
    println!(
        "\nSearch typed {:?}, one key at a time. A block is the longest gap between",
        runs::QUERY
    );
    println!(
        "animation frames (WebKitGTK has no Long Tasks API). Steps may take up to {} s.",
        config.step_limit.as_secs()
    );
    let _ = std::fs::remove_dir_all(&config.work);
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let config = match parse_args() {
        Ok(config) => config,
        Err(message) => {
            eprintln!("bench_window: {message}");
            return ExitCode::from(2);
        }
    };
    match run(&config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bench_window: {message}");
            ExitCode::FAILURE
        }
    }
}
