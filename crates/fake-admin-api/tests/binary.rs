#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[tokio::test]
async fn the_binary_prints_its_url_first_then_the_admin_key() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fake-admin-api"))
        .args([
            "--port",
            "0",
            "--seed",
            "7",
            "--projects",
            "2",
            "--keys-per-project",
            "1",
        ])
        .args(["--admin-key", "sk-admin-from-cli", "--latency-ms", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let second = lines.next().unwrap().unwrap();
    let url = first.strip_prefix("listening on ").unwrap().to_owned();
    assert!(url.starts_with("http://127.0.0.1:"), "{first}");
    assert_eq!(second, "admin key: sk-admin-from-cli");
    let response = reqwest::Client::new()
        .get(format!("{url}/v1/organization/projects"))
        .bearer_auth("sk-admin-from-cli")
        .send()
        .await;
    child.kill().unwrap();
    child.wait().unwrap();
    let body: serde_json::Value = response.unwrap().json().await.unwrap();
    assert_eq!(body["data"].as_array().unwrap().len(), 2);
}

#[test]
fn the_binary_generates_an_admin_key_when_none_is_given() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fake-admin-api"))
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let second = lines.next().unwrap().unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(first.starts_with("listening on http://127.0.0.1:"));
    assert!(second.starts_with("admin key: sk-admin-"), "{second}");
}

#[tokio::test]
async fn the_expiry_policy_flag_gives_the_organization_a_policy() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fake-admin-api"))
        .args(["--port", "0", "--admin-key", "sk-admin-policy"])
        .args(["--expiry-policy-max-days", "30"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let url = first.strip_prefix("listening on ").unwrap().to_owned();
    let http = reqwest::Client::new();
    let projects: serde_json::Value = http
        .get(format!("{url}/v1/organization/projects"))
        .bearer_auth("sk-admin-policy")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let pid = projects["data"][0]["id"].as_str().unwrap().to_owned();
    let response = http
        .post(format!(
            "{url}/v1/organization/projects/{pid}/service_accounts"
        ))
        .bearer_auth("sk-admin-policy")
        .json(&serde_json::json!({"name": "No expiry"}))
        .send()
        .await;
    child.kill().unwrap();
    child.wait().unwrap();
    let response = response.unwrap();
    assert_eq!(response.status(), reqwest::StatusCode::BAD_REQUEST);
    let body: serde_json::Value = response.json().await.unwrap();
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .starts_with("This organization requires API keys to expire within 30 days."));
}

#[test]
fn bad_arguments_exit_with_status_2_and_one_line_on_stderr() {
    for args in [
        &["--port", "x"][..],
        &["--bogus"][..],
        &["--seed"][..],
        &["--expiry-policy-max-days", "-1"][..],
        &["--expiry-policy-max-days", "99999999999"][..],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_fake-admin-api"))
            .args(args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(output.stdout.is_empty());
    }
}
