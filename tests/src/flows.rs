//! Steps several suites share, done the way a person does them in the window.

use std::time::{Duration, Instant};

use crate::driver::HarnessError;
use crate::{x_clipboard, TextMatch, Window};

/// Polls `check` until it returns `Some`, or fails after `limit` saying what was awaited. For
/// conditions outside the page (the fake server's state, the X clipboard); anything in the page
/// is awaited page-side with the `Window` methods instead.
pub async fn eventually<T, F, Fut>(
    what: &str,
    limit: Duration,
    mut check: F,
) -> Result<T, HarnessError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + limit;
    loop {
        if let Some(value) = check().await {
            return Ok(value);
        }
        if Instant::now() > deadline {
            return Err(format!("{what} did not happen within {limit:?}").into());
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// Adds an organization through the clipboard flow: the key goes on the X clipboard, the
/// dialog gets a label and base URL, and Rust reads the key. Returns once the dialog has closed
/// and the new organization (the second in the sidebar) lists a project.
pub async fn add_organization(
    window: &Window,
    label: &str,
    base_url: &str,
    admin_key: &str,
) -> Result<(), HarnessError> {
    submit_add_organization(window, label, base_url, &format!("{admin_key}\n")).await?;
    window.wait_gone("[data-testid='add-org-dialog']").await?;
    window.wait_for(".org:nth-of-type(2) .project").await
}

/// Puts `clipboard` on the X clipboard, opens *Add organization*, types the label and base URL
/// and presses *Paste admin key*; the dialog's outcome is the caller's to read.
pub async fn submit_add_organization(
    window: &Window,
    label: &str,
    base_url: &str,
    clipboard: &str,
) -> Result<(), HarnessError> {
    x_clipboard::put(clipboard)?;
    window.click("[data-testid='add-organization']").await?;
    window.type_into("[data-testid='org-label']", label).await?;
    window.click("details.advanced summary").await?;
    window
        .type_into("[data-testid='org-base-url']", base_url)
        .await?;
    window.click("[data-testid='paste-admin-key']").await
}

/// Opens the window on fresh settings in `<tmp>/kw-e2e-<name>-<pid>` (clipboard cleared after
/// 5 s), waits for the demo organization, and adds the organization at `base_url` as the second
/// in the sidebar.
pub async fn window_with_organization(
    name: &str,
    label: &str,
    base_url: &str,
    admin_key: &str,
) -> Result<Window, HarnessError> {
    let dir = std::env::temp_dir().join(format!("kw-e2e-{name}-{}", std::process::id()));
    fresh_settings(&dir, 5)?;
    let window = Window::open().await?;
    window.wait_for(".org[data-org-id='demo'] .project").await?;
    add_organization(&window, label, base_url, admin_key).await?;
    Ok(window)
}

/// Says the revealed key is stored (`reveal-acknowledge`) and waits for the reveal to close.
pub async fn acknowledge_revealed_key(window: &Window) -> Result<(), HarnessError> {
    window.click("[data-testid='reveal-acknowledge']").await?;
    window.wait_gone("[data-testid='reveal-dialog']").await
}

/// Copies the revealed key (Rust puts it on the clipboard), waits for the copy to be confirmed
/// and says the key is stored.
pub async fn store_revealed_key(window: &Window) -> Result<(), HarnessError> {
    window.click("[data-testid='reveal-copy']").await?;
    let copied = TextMatch::containing("cleared in");
    window
        .wait_for_text("[data-testid='clipboard-countdown']", &copied)
        .await?;
    acknowledge_revealed_key(window).await
}

/// The text content of the first element matching `css`, once one exists.
pub async fn text_of(window: &Window, css: &str) -> Result<String, HarnessError> {
    window.text_of(css).await
}

/// Waits until no modal dialog is open.
pub async fn dialogs_closed(window: &Window) -> Result<(), HarnessError> {
    window.wait_gone("dialog[open]").await
}

/// Starts the app's next window with its own settings folder holding a short clipboard-clear
/// time (so tests can watch the clear), and with IPC recording on.
pub fn fresh_settings(dir: &std::path::Path, clipboard_clear_seconds: u32) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let config = serde_json::json!({
        "schemaVersion": 1,
        "organizations": [],
        "preferences": { "clipboardClearSeconds": clipboard_clear_seconds, "showArchived": false }
    });
    std::fs::write(dir.join("config.dev.json"), config.to_string())?;
    std::env::set_var("KEYWARDEN_CONFIG_DIR", dir);
    std::env::set_var("KEYWARDEN_RECORD_IPC", "1");
    Ok(())
}

/// Opens the view of the organization labelled `label` from the sidebar and waits until the
/// window shows it; returns the selector of *its* Refresh button (never another view's).
pub async fn open_org(window: &Window, label: &str) -> Result<String, HarnessError> {
    let id = org_id_of(window, label).await?;
    window
        .click(&format!(
            ".org[data-org-id='{id}'] [data-testid='org-header']"
        ))
        .await?;
    let view = format!("[data-org-view='{id}']");
    window.wait_for(&view).await?;
    Ok(format!("{view} [data-testid='refresh-org']"))
}

/// The local id of the organization labelled `label`, read from Rust.
pub async fn org_id_of(window: &Window, label: &str) -> Result<String, HarnessError> {
    let id = window
        .page(
            "return (await invoke('list_organizations')).find((o) => o.label === args[0]).id;",
            vec![serde_json::json!(label)],
        )
        .await?;
    id.as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("no organization is labelled {label}").into())
}

/// Opens a project's keys. The sidebar re-renders while a new organization loads, so a click
/// that landed on a button being replaced is made again (three tries).
pub async fn open_project(
    window: &Window,
    org_id: &str,
    project_id: &str,
) -> Result<(), HarnessError> {
    let button = format!(".org[data-org-id='{org_id}'] [data-project-id='{project_id}']");
    for _ in 0..3 {
        window.click(&button).await?;
        let shown = window
            .page(
                "return await waitFor(() => document.querySelector('[data-testid=create-key]'), \
                   10000).then(() => true, () => false);",
                vec![],
            )
            .await?;
        if shown == serde_json::Value::Bool(true) {
            return Ok(());
        }
    }
    Err(format!("the project {project_id} did not open").into())
}

/// Opens the create dialog of the open project and types `name` as the key's name.
pub async fn start_create(window: &Window, name: &str) -> Result<(), HarnessError> {
    window.click("[data-testid='create-key']").await?;
    window.type_into("[data-testid='key-name']", name).await
}

/// Creates a key named `name` in the open project and waits until its reveal is open and its
/// buttons are armed.
pub async fn create_until_revealed(window: &Window, name: &str) -> Result<(), HarnessError> {
    start_create(window, name).await?;
    confirm_until_revealed(window).await
}

/// Confirms the open create dialog and waits until the reveal is open and its buttons are armed.
pub async fn confirm_until_revealed(window: &Window) -> Result<(), HarnessError> {
    window.click("[data-testid='create-key-confirm']").await?;
    window
        .page(
            "const d = await waitFor(() => opened('reveal-dialog'), 60000); \
             await waitFor(() => d.dataset.armed === 'true', 20000);",
            vec![],
        )
        .await?;
    Ok(())
}
