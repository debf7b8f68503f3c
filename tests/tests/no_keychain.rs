//! With no Secret Service on the session bus, the app still opens, the demo organization works,
//! and adding an organization explains what to install — the key is stored nowhere else.
//! Needs `make test`'s desktop session (Xvfb, tauri-driver).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use fake_admin_api::{FakeOptions, FakeServer};
use keywarden_e2e::flows::submit_add_organization;
use keywarden_e2e::traces::Sweep;
use keywarden_e2e::{TextMatch, Window};

/// A session bus that activates nothing, so no Secret Service can appear on it.
struct BareBus(Child);

impl Drop for BareBus {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn bare_bus(dir: &std::path::Path) -> (BareBus, String) {
    let config = dir.join("bare-bus.conf");
    std::fs::write(
        &config,
        r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>"#,
    )
    .unwrap();
    let mut child = Command::new("dbus-daemon")
        .args(["--nofork", "--print-address=1"])
        .arg(format!("--config-file={}", config.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("dbus-daemon starts");
    let mut address = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut address)
        .unwrap();
    (BareBus(child), address.trim().to_owned())
}

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver, run by `make test`"]
async fn without_a_secret_service_the_demo_works_and_adding_an_org_says_what_to_install() {
    let dir = std::env::temp_dir().join(format!("kw-no-keychain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (_bus, address) = bare_bus(&dir);
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &address);
    let server = FakeServer::start(FakeOptions {
        projects: 2,
        keys_per_project: 1,
        ..Default::default()
    })
    .await
    .unwrap();

    let window = Window::open()
        .await
        .expect("the app opens without a keychain");
    window
        .click(".org[data-org-id='demo'] .project")
        .await
        .unwrap();
    window
        .wait_for(".keys-table tbody tr")
        .await
        .expect("the demo works");

    submit_add_organization(&window, "Acme", &server.base_url(), &server.admin_key())
        .await
        .unwrap();
    let message = window
        .wait_for_text(
            "[data-testid='add-org-dialog'] .dialog-error",
            &TextMatch::non_empty(),
        )
        .await
        .expect("the keychain error shows in the dialog");
    window.screenshot("40-no-keychain").await.unwrap();
    assert!(message.contains("gnome-keyring"), "{message}");
    assert_eq!(window.count(".org").await.unwrap(), 1, "nothing was added");
    let config_dir = window.config_dir().to_path_buf();
    window.close().await.unwrap();

    let mut sweep = Sweep::default();
    sweep.folder(&config_dir, &[("admin key".into(), server.admin_key())]);
    let home = std::path::PathBuf::from(std::env::var_os("HOME").unwrap());
    sweep.folder(
        &home.join(".local/share"),
        &[("admin key".into(), server.admin_key())],
    );
    assert!(
        sweep.hits.is_empty(),
        "no plaintext fallback: {:?}",
        sweep.hits
    );
    let _ = std::fs::remove_dir_all(&dir);
}
