//! `fake-admin-api` binary: serves a seeded fake organization until killed.
//!
//! Usage: `fake-admin-api [--port N] [--seed N] [--projects N] [--keys-per-project N]
//! [--admin-key KEY] [--latency-ms N] [--expiry-policy-max-days N]`. The first stdout line is
//! `listening on <url>`. `--expiry-policy-max-days` gives the organization a key expiry policy:
//! new keys must expire within N days.

use std::process::ExitCode;
use std::time::Duration;

use fake_admin_api::{FakeOptions, FakeServer};

struct Args {
    options: FakeOptions,
    latency_ms: u64,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args {
        // Nothing can read the binary's requests back: it never records them.
        options: FakeOptions {
            record_requests: false,
            ..FakeOptions::default()
        },
        latency_ms: 0,
    };
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        let number = |v: String| {
            v.parse::<u64>()
                .map_err(|_| format!("{flag}: not a number: {v}"))
        };
        match flag.as_str() {
            "--port" => {
                parsed.options.port = u16::try_from(number(value()?)?)
                    .map_err(|_| format!("{flag}: port out of range"))?;
            }
            "--seed" => parsed.options.seed = number(value()?)?,
            "--projects" => parsed.options.projects = number(value()?)? as usize,
            "--keys-per-project" => parsed.options.keys_per_project = number(value()?)? as usize,
            "--admin-key" => parsed.options.admin_key = Some(value()?),
            "--latency-ms" => parsed.latency_ms = number(value()?)?,
            "--expiry-policy-max-days" => {
                let days = u32::try_from(number(value()?)?)
                    .map_err(|_| format!("{flag}: too many days"))?;
                parsed.options.expiry_policy_max_days = Some(days);
            }
            other => return Err(format!("unknown argument: {other}")),
        }
    }
    Ok(parsed)
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("fake-admin-api: {message}");
            return ExitCode::from(2);
        }
    };
    let server = match FakeServer::start(args.options).await {
        Ok(server) => server,
        Err(error) => {
            eprintln!("fake-admin-api: cannot listen: {error}");
            return ExitCode::FAILURE;
        }
    };
    server.set_latency(Duration::from_millis(args.latency_ms));
    announce(&server);
    let _ = tokio::signal::ctrl_c().await;
    server.shutdown().await;
    ExitCode::SUCCESS
}

#[allow(clippy::print_stdout)]
fn announce(server: &FakeServer) {
    println!("listening on {}", server.url());
    println!("admin key: {}", server.admin_key());
}
