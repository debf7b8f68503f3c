//! The real window opens on the demo organization and shows a project's keys exactly as the
//! embedded fake server holds them. Needs Xvfb, a D-Bus session and tauri-driver: `make test`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use app_core::demo::{DEMO_KEYS_PER_PROJECT, DEMO_PROJECTS, DEMO_SEED};
use keywarden_e2e::Window;

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver, run by `make test`"]
async fn the_demo_organization_shows_a_projects_keys_exactly_as_the_server_holds_them() {
    let expected_state =
        fake_admin_api::seed::generate(DEMO_SEED, DEMO_PROJECTS, DEMO_KEYS_PER_PROJECT, 0);
    let window = Window::open().await.expect("the app window opens");

    window
        .wait_for(".org[data-org-id='demo'] .project")
        .await
        .expect("the demo organization lists its projects");
    window
        .wait_for(".welcome")
        .await
        .expect("a welcome panel says what to do");
    window.screenshot("01-start").await.expect("screenshot");

    window
        .click("[data-testid='toggle-archived']")
        .await
        .expect("archived projects sit behind a toggle");
    let shown = window
        .attributes(".org[data-org-id='demo'] .project", "data-project-id")
        .await
        .unwrap();
    let all_projects = expected_state.projects(true);
    let mut expected_ids: Vec<String> = all_projects.iter().map(|p| p.id.clone()).collect();
    let mut shown_sorted = shown.clone();
    expected_ids.sort();
    shown_sorted.sort();
    assert_eq!(
        shown_sorted, expected_ids,
        "the sidebar lists every project, archived included"
    );

    let project = all_projects
        .iter()
        .find(|p| !expected_state.api_keys(&p.id).is_empty() && p.archived_at.is_none())
        .expect("the demo has an active project with keys");
    window
        .click(&format!("button[data-project-id='{}']", project.id))
        .await
        .expect("click the project");
    let rows = window
        .cells(
            ".keys-table tbody tr",
            &[".key-name .name", ".key-redacted"],
        )
        .await
        .expect("the keys table appears");
    // The table's default order: by name, ASCII letters folded (SQLite's NOCASE).
    let mut keys = expected_state.api_keys(&project.id);
    keys.sort_by(|a, b| {
        (a.name.to_ascii_lowercase(), &a.id).cmp(&(b.name.to_ascii_lowercase(), &b.id))
    });
    let expected: Vec<Vec<String>> = keys
        .into_iter()
        .map(|key| vec![key.name, key.redacted_value])
        .collect();
    assert_eq!(
        rows, expected,
        "the table shows exactly the server's keys for {}",
        project.id
    );

    let title = window.text_of(".project-title").await.unwrap();
    assert_eq!(title, project.name.clone().unwrap_or_default());
    window
        .screenshot("02-keys-table")
        .await
        .expect("screenshot");
    for markup in [
        fake_admin_api::seed::SCRIPT_MARKUP,
        fake_admin_api::seed::IMG_MARKUP,
    ] {
        let holder = all_projects
            .iter()
            .find(|p| p.name.as_deref().is_some_and(|n| n.contains(markup)));
        if let Some(holder) = holder {
            window
                .click(&format!("button[data-project-id='{}']", holder.id))
                .await
                .unwrap();
            window.wait_for(".project-title").await.unwrap();
        }
    }
    let pwned = "return window.__pwned === undefined && document.querySelectorAll('main script, main img').length === 0";
    let clean = window.run(pwned, vec![]).await.unwrap();
    assert_eq!(
        clean,
        serde_json::Value::Bool(true),
        "markup in names never ran"
    );

    window
        .run("document.activeElement.blur(); return true", vec![])
        .await
        .unwrap();
    window.press_keys("/").await.unwrap();
    let focused = window
        .run("return document.activeElement.id", vec![])
        .await
        .unwrap();
    assert_eq!(
        focused,
        serde_json::Value::String("search".into()),
        "/ focuses search"
    );
    window
        .type_into("#search", "zzz-no-such-key")
        .await
        .unwrap();
    window
        .wait_for(".panel-empty")
        .await
        .expect("an empty search says what to do");
    window.screenshot("03-search-empty").await.unwrap();
    window.type_into("#search", "\u{e00c}").await.unwrap();

    let source = window.source().await.unwrap();
    assert!(!source.contains("sk-admin-"), "no admin key in the page");
    window.close().await.expect("close");
}
