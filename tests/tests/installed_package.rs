//! The installed package works: the `packages` suite of `make test` builds the `.deb` in
//! release, installs it with apt-get and runs this test on `/usr/bin/keywarden`
//! (`KEYWARDEN_APP_BIN`), then removes the package. The window opens with its title and the demo
//! organization. Nothing here uses a test hook: a release build has none.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::path::Path;

use keywarden_e2e::{paths, Window};

#[tokio::test]
#[ignore = "needs the .deb installed; run by the packages suite of `make test`"]
async fn the_installed_package_opens_keywarden_with_the_demo_organization() {
    let binary = paths::app_binary();
    assert_eq!(
        binary,
        Path::new("/usr/bin/keywarden"),
        "the suite points the harness at the installed binary"
    );
    let window = Window::open()
        .await
        .expect("the installed app's window opens");
    let pid = window.app_pid().unwrap();
    let running = std::fs::read_link(format!("/proc/{pid}/exe")).unwrap();
    assert_eq!(running, binary, "the window is the installed program's");

    let title = window.client().title().await.unwrap();
    assert_eq!(title, "Keywarden");
    window
        .wait_for(".org[data-org-id='demo'] .project")
        .await
        .expect("the demo organization lists its projects");
    let header = window
        .text_of(".org[data-org-id='demo'] [data-testid='org-header']")
        .await
        .unwrap();
    assert!(
        header.contains("Demo organization"),
        "the demo organization: {header:?}"
    );
    window.screenshot("90-installed-package").await.unwrap();
    println!("the installed /usr/bin/keywarden (pid {pid}) shows {header:?}");
    window.close().await.unwrap();
}
