//! What a first-time user must be able to trust in the real window: search results keep every
//! column readable at the default window size and mark keys of archived projects (whose Revoke
//! and Edit are disabled with the reason); names from the server that hide direction or
//! invisible characters are shown with those characters escaped and a badge, never reordered;
//! and a new key appears under the name the user typed while the project's service-account count
//! follows at once. Needs Xvfb, a D-Bus session and tauri-driver: `make test`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use fake_admin_api::{FakeOptions, FakeServer};
use keywarden_e2e::flows::{acknowledge_revealed_key, fresh_settings, window_with_organization};
use keywarden_e2e::Window;
use serde_json::{json, Value};

/// A project that reads "exe.png" when the override is obeyed.
const SPOOFED_PROJECT: &str = "\u{202e}gnp.exe";
/// A key name that reads "prod-key" when the override is obeyed.
const SPOOFED_KEY: &str = "\u{202e}yek-dorp";
/// A service account whose name hides a zero-width space.
const HIDDEN_OWNER: &str = "deploy\u{200b}-bot";

/// Measures the search results' columns and rows in one page-side step, after scrolling the
/// first key of an archived project into the middle of the table.
const MEASURE_RESULTS: &str = r#"
const [first] = args;
const table = await waitFor(() => document.querySelector("[data-testid=keys-table]"), 20000);
// The sorted page has arrived once the first row is the first project by name.
await waitFor(() => table.querySelector("tr[data-testid=key-row] [data-testid=key-row-project]")?.textContent === first, 20000);
const wrap = table.parentElement;
const archivedRow = () => [...table.querySelectorAll("tr[data-testid=key-row]")]
  .find((r) => !r.querySelector("[data-testid=archived-project-tag]").hidden);
const archived = await waitFor(async () => {
  const row = archivedRow();
  if (row) return row;
  wrap.scrollTop += 96;
  await sleep(60);
  return null;
}, 20000);
const target = wrap.scrollTop + archived.getBoundingClientRect().top - wrap.getBoundingClientRect().top - wrap.clientHeight / 2 + 32;
wrap.scrollTop = Math.max(0, target);
await sleep(300);
const row = await waitFor(archivedRow, 5000);
const headers = [...table.querySelectorAll("thead th")].map((th) => {
  const box = th.getBoundingClientRect();
  const parts = [...th.children].map((c) => c.getBoundingClientRect());
  const right = parts.reduce((max, r) => Math.max(max, r.right), box.left);
  return { cls: th.className, left: box.left, right: box.right, width: box.width,
           clipped: th.scrollWidth > th.clientWidth + 1, contentRight: right, text: th.textContent };
});
const owners = [...table.querySelectorAll("tr[data-testid=key-row] [data-testid=key-row-owner]")]
  .map((o) => ({ width: o.getBoundingClientRect().width, text: o.textContent, full: o.scrollWidth <= o.clientWidth + 1 }));
const tag = row.querySelector("[data-testid=archived-project-tag]");
const revoke = row.querySelector("[data-testid=revoke-key]");
const edit = row.querySelector("[data-testid=edit-key-policy]");
const live = [...table.querySelectorAll("tr[data-testid=key-row]")]
  .find((r) => r.querySelector("[data-testid=archived-project-tag]").hidden)
  ?.querySelector("[data-testid=revoke-key]");
return {
  window: { width: innerWidth, height: innerHeight },
  headers, owners,
  archived: {
    project: row.querySelector("[data-testid=key-row-project]").textContent,
    tagShown: !!tag && !tag.hidden && tag.getClientRects().length > 0,
    tag: tag && tag.textContent, tagTitle: tag && tag.title,
    revokeDisabled: revoke.disabled, revokeTitle: revoke.title,
    editDisabled: edit.disabled, editTitle: edit.title,
  },
  liveRevokeEnabled: !!live && !live.disabled,
};
"#;

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver, run by `make test`"]
async fn search_results_keep_owners_readable_and_mark_keys_of_archived_projects() {
    std::env::remove_var("GTK_THEME");
    let dir = std::env::temp_dir().join(format!("kw-e2e-search-{}", std::process::id()));
    fresh_settings(&dir, 5).unwrap();
    let window = Window::open().await.expect("the app window opens");
    window
        .wait_for(".org[data-org-id='demo'] .project")
        .await
        .unwrap();
    window.type_into("#search", "example.com").await.unwrap();
    window
        .click("[data-testid=keys-table] th.col-project button[data-sort=project]")
        .await
        .expect("search results can be sorted by project");
    let found = window
        .page(MEASURE_RESULTS, vec![json!("Customer Support Bot 🤖")])
        .await
        .unwrap();
    println!("{found:#}");
    window.screenshot("60-search-archived").await.unwrap();

    let headers = found["headers"].as_array().unwrap();
    for pair in headers.windows(2) {
        let (left, right) = (&pair[0], &pair[1]);
        assert!(
            left["contentRight"].as_f64().unwrap() <= right["left"].as_f64().unwrap() + 0.5,
            "the header {} does not run into {}: {found:#}",
            left["text"],
            right["text"]
        );
    }
    for header in headers {
        assert_eq!(header["clipped"], false, "no header is cut off: {header}");
    }
    let owner = headers
        .iter()
        .find(|h| h["cls"].as_str().unwrap().contains("col-owner"))
        .unwrap();
    assert!(
        owner["width"].as_f64().unwrap() >= 150.0,
        "the Owner column keeps a readable width: {owner}"
    );
    let owners = found["owners"].as_array().unwrap();
    assert!(!owners.is_empty());
    for name in owners {
        assert!(name["width"].as_f64().unwrap() >= 120.0, "{name}");
    }
    assert!(
        owners.iter().any(|o| o["full"] == true),
        "an ordinary owner's name is shown whole: {found:#}"
    );

    let archived = &found["archived"];
    assert_eq!(archived["project"], "Legacy Chatbot");
    assert_eq!(archived["tagShown"], true, "{archived}");
    assert_eq!(archived["tag"], "archived");
    assert_eq!(
        archived["tagTitle"],
        "The project Legacy Chatbot is archived: its keys no longer work."
    );
    assert_eq!(archived["revokeDisabled"], true);
    assert!(archived["revokeTitle"]
        .as_str()
        .unwrap()
        .contains("project is archived"));
    assert_eq!(archived["editDisabled"], true);
    assert!(archived["editTitle"]
        .as_str()
        .unwrap()
        .contains("project is archived"));
    assert_eq!(
        found["liveRevokeEnabled"], true,
        "other keys stay revocable"
    );
    window.close().await.unwrap();
}

/// What the window shows of the hostile names, read in one page-side step.
const READ_HIDDEN: &str = r#"
const [projectId] = args;
const row = await waitFor(() => [...document.querySelectorAll("tr[data-testid=key-row]")]
  .find((r) => r.querySelector("[data-testid=hidden-chars]:not([hidden])")), 20000);
const title = document.querySelector(".project-title");
const sidebar = document.querySelector(`.org:nth-of-type(2) [data-testid=project-item][data-project-id='${projectId}']`);
const badge = row.querySelector("[data-testid=hidden-chars]");
const name = row.querySelector("[data-testid=key-row-name]");
const owner = row.querySelector("[data-testid=key-row-owner]");
const raw = /[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c\u2060\ufeff]/u;
return {
  title: title.querySelector("bdi").textContent,
  titleBadge: !!title.querySelector("[data-testid=hidden-chars]:not([hidden])"),
  sidebar: sidebar.textContent,
  sidebarTitle: sidebar.title,
  name: name.textContent, nameIsolated: getComputedStyle(name).unicodeBidi,
  owner: owner.textContent, ownerIsolated: getComputedStyle(owner).unicodeBidi,
  badge: badge.textContent, badgeTitle: badge.title,
  rawInPage: raw.test(document.body.textContent),
};
"#;

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver + gnome-keyring, run by `make test`"]
async fn names_hiding_direction_or_invisible_characters_are_escaped_and_marked() {
    // Seen in the dark theme, where the marks must stay as visible as in the light one.
    std::env::set_var("GTK_THEME", "Adwaita:dark");
    let server = FakeServer::start(FakeOptions {
        projects: 2,
        keys_per_project: 3,
        ..Default::default()
    })
    .await
    .unwrap();
    let project = server.state().projects(false)[0].id.clone();
    server.with_state(|state| {
        let p = state.projects.iter_mut().find(|p| p.id == project).unwrap();
        p.name = Some(SPOOFED_PROJECT.to_owned());
        let key = state
            .api_keys
            .iter_mut()
            .find(|k| k.project_id == project && k.key.owner.service_account.is_some())
            .expect("a seeded service-account key");
        key.key.name = SPOOFED_KEY.to_owned();
        if let Some(account) = key.key.owner.service_account.as_mut() {
            account.name = HIDDEN_OWNER.to_owned();
        }
    });
    let (url, key) = (server.base_url(), server.admin_key());
    let window = window_with_organization("hidden", "Hidden e2e", &url, &key)
        .await
        .expect("the window opens with the organization added");
    window
        .click(&format!(
            ".org:nth-of-type(2) button[data-project-id='{project}']"
        ))
        .await
        .unwrap();
    let shown = window
        .page(READ_HIDDEN, vec![json!(project)])
        .await
        .unwrap();
    println!("{shown:#}");
    window
        .screenshot("61-dark-hidden-characters")
        .await
        .unwrap();

    assert_eq!(shown["title"], "⟨U+202E⟩gnp.exe");
    assert_eq!(shown["titleBadge"], true);
    let keys = server.state().api_keys(&project).len();
    assert_eq!(
        shown["sidebar"],
        format!("⟨U+202E⟩gnp.exe{keys}"),
        "the name, then its key count"
    );
    assert!(shown["sidebarTitle"]
        .as_str()
        .unwrap()
        .contains("U+202E right-to-left override"));
    assert_eq!(shown["name"], "⟨U+202E⟩yek-dorp");
    assert_eq!(shown["nameIsolated"], "isolate");
    assert_eq!(shown["owner"], "deploy⟨U+200B⟩-bot");
    assert_eq!(shown["ownerIsolated"], "isolate");
    assert_eq!(shown["badge"], "hidden characters");
    let badge_title = shown["badgeTitle"].as_str().unwrap();
    assert!(
        badge_title.contains("The key name contains"),
        "{badge_title}"
    );
    assert!(
        badge_title.contains("U+200B zero-width space"),
        "{badge_title}"
    );
    assert_eq!(
        shown["rawInPage"], false,
        "no raw control reaches the page's text"
    );

    window.type_into("#search", "gnp.exe").await.unwrap();
    let found = window
        .page(
            r#"// Typing searches as it goes: wait for the answer to the whole text (the project's keys).
               const keys = args[0];
               await waitFor(() => document.querySelector("[data-testid=keys-total]")?.textContent === `${keys} keys match in all projects`, 20000);
               const cell = await waitFor(() => {
                 const cells = [...document.querySelectorAll("tr[data-testid=key-row] [data-testid=key-row-project]")];
                 return cells.length === keys && cells.every((c) => c.textContent === cells[0].textContent) ? cells[0] : null;
               }, 20000);
               const badge = cell.closest("tr").querySelector("[data-testid=hidden-chars]");
               return { project: cell.textContent, badge: !badge.hidden && badge.title.includes("The project name contains") };"#,
            vec![json!(keys)],
        )
        .await
        .unwrap();
    assert_eq!(found, json!({"project": "⟨U+202E⟩gnp.exe", "badge": true}));
    window
        .screenshot("62-dark-hidden-characters-search")
        .await
        .unwrap();
    window.close().await.unwrap();
}

/// The number in the project header's "2 service accounts".
fn account_count(header: &Value) -> u64 {
    let text = header.as_str().unwrap();
    let number = text.split_whitespace().next().unwrap_or_default();
    number
        .parse()
        .unwrap_or_else(|_| panic!("no service-account count in {text:?}"))
}

const HEADER_ACCOUNTS: &str = r#"
await waitFor(() => document.querySelector("tr[data-testid=key-row]"), 20000);
const count = await waitFor(() => document.querySelector("[data-testid=service-account-count]"), 20000);
return count.textContent;
"#;

#[tokio::test]
#[ignore = "drives the real window; needs Xvfb + tauri-driver + gnome-keyring, run by `make test`"]
async fn a_new_key_shows_the_name_typed_and_the_service_account_count_follows_at_once() {
    std::env::remove_var("GTK_THEME");
    let server = FakeServer::start(FakeOptions {
        projects: 2,
        keys_per_project: 3,
        ..Default::default()
    })
    .await
    .unwrap();
    let project = server.state().projects(false)[0].id.clone();
    let accounts_before = server.state().service_accounts(&project).len() as u64;
    let (url, key) = (server.base_url(), server.admin_key());
    let window = window_with_organization("named", "Named e2e", &url, &key)
        .await
        .expect("the window opens with the organization added");
    window
        .click(&format!(
            ".org:nth-of-type(2) button[data-project-id='{project}']"
        ))
        .await
        .unwrap();
    let before = window.page(HEADER_ACCOUNTS, vec![]).await.unwrap();
    assert_eq!(account_count(&before), accounts_before, "{before}");

    window.click("[data-testid='create-key']").await.unwrap();
    let hint = window
        .text_of("[data-testid='key-name-hint']")
        .await
        .unwrap();
    assert!(
        hint.contains("listed under this name") && hint.contains("Secret Key"),
        "the dialog says what the name applies to: {hint}"
    );
    window
        .type_into("[data-testid='key-name']", "ci-deploy")
        .await
        .unwrap();
    window
        .click("[data-testid='create-key-confirm']")
        .await
        .unwrap();
    window.wait_for("[data-testid='masked-key']").await.unwrap();
    window.click("[data-testid='reveal-copy']").await.unwrap();
    acknowledge_revealed_key(&window)
        .await
        .expect("the reveal closes");

    let after = window
        .page(
            r#"const [want] = args;
               const meta = await waitFor(() => {
                 const m = document.querySelector("[data-testid=service-account-count]");
                 return m && m.textContent === want ? m : null;
               }, 20000);
               const row = await waitFor(() => [...document.querySelectorAll("tr[data-testid=key-row]")]
                 .find((r) => r.querySelector("[data-testid=key-row-name]")?.textContent === "ci-deploy"), 20000);
               return { meta: meta.textContent, owner: row.querySelector("[data-testid=key-row-owner]").textContent,
                        nameTitle: row.querySelector("[data-testid=key-row-name]").title };"#,
            vec![json!(format!("{} service accounts", accounts_before + 1))],
        )
        .await
        .expect("the header counts the new service account and the new row shows ci-deploy");
    println!("{after:#}");
    assert_eq!(account_count(&after["meta"]), accounts_before + 1);
    assert_eq!(after["owner"], "ci-deploy");
    assert!(after["nameTitle"].as_str().unwrap().contains("Secret Key"));
    let server_name = server
        .state()
        .api_keys
        .iter()
        .filter(|k| k.project_id == project)
        .find(|k| {
            k.key
                .owner
                .service_account
                .as_ref()
                .is_some_and(|a| a.name == "ci-deploy")
        })
        .map(|k| k.key.name.clone());
    assert_eq!(
        server_name.as_deref(),
        Some("Secret Key"),
        "the API named the key itself"
    );
    window.screenshot("63-new-key-named").await.unwrap();

    window.type_into("#search", "ci-deploy").await.unwrap();
    let found = window
        .page(
            r#"const row = await waitFor(() => {
                 const rows = [...document.querySelectorAll("tr[data-testid=key-row] [data-testid=key-row-name]")];
                 return rows.length === 1 ? rows[0] : null; }, 20000);
               return row.textContent;"#,
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(found, "ci-deploy", "a search finds the new key by its name");
    window.close().await.unwrap();
}
