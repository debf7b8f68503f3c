//! The steps both tests share: each wait and read is one page-side script.

use fake_admin_api::{FakeOptions, FakeServer};
use keywarden_e2e::flows::{dialogs_closed, start_create};
use keywarden_e2e::Window;
use serde_json::{json, Value};

use crate::input::Rect;

/// Opens the create dialog, types `name`, and returns where its confirm button is.
pub async fn open_create_dialog(window: &Window, name: &str) -> Rect {
    dialogs_closed(window).await.unwrap();
    start_create(window, name).await.unwrap();
    let body = "await waitFor(() => opened('create-key-dialog'), 20000); \
                return rect('[data-testid=create-key-confirm]');";
    Rect::of(&window.page(body, vec![]).await.unwrap())
}

/// How long the reveal's buttons ignore input after it opens (`ARMING_DELAY_MS` in
/// `ui/src/views/dialog.ts`).
pub const ARMING_MS: f64 = 800.0;

/// Watches, in the page, the stray input that reaches the reveal's buttons from now until the
/// next [`reveal_state`]: each click, and each press with how long after the reveal opened it
/// happened (by the event's own time stamp), so the test can tell a press made while the
/// buttons were arming (which must do nothing) from one that a loaded machine delivered after.
/// Also notes where the page's IPC log stands, to show which commands stray input caused.
pub const WATCH_STRAY_CLICKS: &str = "window.__stray = { acknowledge: 0, copy: 0, presses: [] }; \
     window.__strayIpc = window.__KEYWARDEN_IPC__.length; \
     if (!window.__strayWatch) { window.__strayWatch = true; \
       const reveal = () => document.querySelector('dialog[open][data-testid=reveal-dialog]'); \
       new MutationObserver(() => { const d = reveal(); \
         if (d && d.__seenAt === undefined) d.__seenAt = performance.now(); }) \
         .observe(document.body, { childList: true }); \
       const which = (e) => { const t = e.target instanceof Element ? e.target : null; \
         if (!t) return null; \
         if (t.closest('[data-testid=reveal-acknowledge]')) return 'acknowledge'; \
         return t.closest('[data-testid=reveal-copy]') ? 'copy' : null; }; \
       document.addEventListener('pointerdown', (e) => { const button = which(e); \
         if (!window.__stray || !button) return; \
         const at = Math.min(e.timeStamp, performance.now()); \
         window.__stray.presses.push({ button, sinceOpen: at - reveal().__seenAt }); }, true); \
       document.addEventListener('click', (e) => { const button = which(e); \
         if (window.__stray && button) window.__stray[button]++; }, true); }";

/// Everything the test checks about an open reveal, read in one page-side step once the reveal
/// has armed (so any stray input has had its chance).
pub async fn reveal_state(window: &Window, org_id: &str, name: &str) -> Value {
    let body = "const [orgId, name] = args; \
        const reveal = await waitFor(() => opened('reveal-dialog'), 30000); \
        await waitFor(() => reveal.dataset.armed === 'true', 10000); \
        await sleep(300); \
        const pending = (await invoke('pending_new_keys')).filter((p) => p.name === name); \
        const activity = await invoke('list_activity', { orgId }); \
        const stray = window.__stray ?? null; window.__stray = null; \
        const commands = window.__KEYWARDEN_IPC__.slice(window.__strayIpc) \
          .map((e) => e.command).filter((c) => c.endsWith('_new_key')); \
        return { open: reveal.open && reveal.isConnected, stray, commands, pending, \
          focused: focused(), \
          reveals: document.querySelectorAll('dialog[open][data-testid=reveal-dialog]').length, \
          confirmOpen: !!opened('confirm-dialog'), \
          actions: activity.filter((a) => a.name === name).map((a) => a.action), \
          copy: rect('[data-testid=reveal-copy]'), \
          acknowledge: rect('[data-testid=reveal-acknowledge]') };";
    window
        .page(body, vec![json!(org_id), json!(name)])
        .await
        .unwrap()
}

/// Copies the key and acknowledges it deliberately; when it was never copied, first tries to
/// acknowledge and backs out of the confirmation. Returns whether the confirmation was seen. A
/// confirmation that late stray input opened is answered with the safe choice first.
pub async fn store_deliberately(window: &Window, org_id: &str, name: &str, copied: bool) -> bool {
    let open = window.page("return !!opened('confirm-dialog');", vec![]);
    if open.await.unwrap() == Value::Bool(true) {
        window
            .click("[data-testid='confirm-cancel']")
            .await
            .unwrap();
        let closed = "await waitFor(() => !opened('confirm-dialog'), 20000);";
        window.page(closed, vec![]).await.unwrap();
    }
    let asked = !copied;
    if asked {
        window
            .click("[data-testid='reveal-acknowledge']")
            .await
            .unwrap();
        let confirm = window
            .page(
                "const d = await waitFor(() => opened('confirm-dialog'), 20000); \
                 const message = d.querySelector('[data-testid=confirm-message]').textContent; \
                 return { message, focused: focused() };",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(
            confirm["message"],
            "You haven't copied this key or sent it to a vault. Once you confirm, nobody can see it again."
        );
        assert_eq!(
            confirm["focused"], "confirm-cancel",
            "the safe choice has focus"
        );
        window.screenshot("42-reveal-never-copied").await.unwrap();
        window
            .click("[data-testid='confirm-cancel']")
            .await
            .unwrap();
    }
    window.click("[data-testid='reveal-copy']").await.unwrap();
    window
        .page(
            "const [name] = args; \
             const copied = async () => \
               (await invoke('pending_new_keys')).some((p) => p.name === name && p.copied); \
             await waitFor(copied, 20000);",
            vec![json!(name)],
        )
        .await
        .unwrap();
    window
        .click("[data-testid='reveal-acknowledge']")
        .await
        .unwrap();
    let done = window
        .page(
            "const [orgId, name] = args; \
             await waitFor(() => !opened('reveal-dialog'), 20000); \
             const pending = await invoke('pending_new_keys'); \
             const activity = await invoke('list_activity', { orgId }); \
             return { confirmOpen: !!opened('confirm-dialog'), \
               pending: pending.filter((p) => p.name === name).length, \
               actions: activity.filter((a) => a.name === name).map((a) => a.action) };",
            vec![json!(org_id), json!(name)],
        )
        .await
        .unwrap();
    assert_eq!(
        done["confirmOpen"], false,
        "{name}: no confirmation after a copy"
    );
    assert_eq!(done["pending"], 0, "{name}: wiped from Rust");
    let actions = done["actions"].to_string();
    assert!(
        actions.contains("acknowledged") && actions.contains("copied"),
        "{name}: {actions}"
    );
    assert!(!actions.contains("discarded"), "{name}: {actions}");
    asked
}

pub async fn fake_org(projects: usize) -> FakeServer {
    FakeServer::start(FakeOptions {
        projects,
        keys_per_project: 1,
        ..Default::default()
    })
    .await
    .unwrap()
}

/// Waits for the lost-key warning and reads it in one step.
pub async fn lost_key_warning(window: &Window) -> Value {
    window
        .page(
            "const d = await waitFor(() => opened('lost-key-warning'), 30000); \
             await waitFor(() => d.querySelector('[data-testid=blast-radius]'), 10000); \
             const text = (s) => d.querySelector(s).textContent; \
             const revoke = d.querySelector('[data-testid=lost-key-revoke]'); \
             return { message: text('[data-testid=lost-key-message]'), focused: focused(), \
               name: text('[data-testid=lost-key-message] em'), \
               blast: text('[data-testid=blast-radius]'), \
               revokeDisabled: revoke.getAttribute('aria-disabled') };",
            vec![],
        )
        .await
        .unwrap()
}

/// Waits until the lost-key warning's buttons are armed.
pub async fn lost_key_warning_armed(window: &Window) {
    window
        .page(
            "await waitFor(() => opened('lost-key-warning')?.dataset.armed === 'true', 10000);",
            vec![],
        )
        .await
        .unwrap();
}

/// Waits for `key_id`'s row to show the "secret lost" mark; reads the mark's text and how many
/// other rows are marked, in one step.
pub async fn lost_key_mark(window: &Window, key_id: &str) -> Value {
    window
        .page(
            "const [keyId] = args; \
             const shown = (row) => row.querySelector('[data-testid=lost-key-tag]')?.hidden === false; \
             const rows = () => [...document.querySelectorAll('[data-testid=key-row]')]; \
             const row = await waitFor(() => rows().find((r) => r.dataset.keyId === keyId && shown(r)), 30000); \
             return { text: row.querySelector('[data-testid=lost-key-tag]').textContent, \
               others: rows().filter((r) => r !== row && shown(r)).length };",
            vec![json!(key_id)],
        )
        .await
        .unwrap()
}
