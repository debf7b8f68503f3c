//! The bad-input matrix: every kind of wrong input a user (or a confused webview) can hand
//! Keywarden, one row each — admin keys read from the clipboard, labels, key names, project ids,
//! base URLs, reveal ids, rotation names and expiries.
//!
//! A refused row must say what is wrong and what to do, and leave nothing behind: no keychain
//! entry, no change to the settings folder, nothing new on either fake server (the demo and a
//! "remote" organization), no request outside the routes the row allows, and the clipboard as the
//! user left it. The few accepted rows (markup in names, a blank base URL) must keep the input
//! literally.

mod support;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use app_core::admin_key_input::{parse_base_url, OPENAI_BASE_URL};
use app_core::clipboard::{Clipboard, MemoryClipboard};
use app_core::key_lifecycle::CreateOutcome;
use app_core::{
    Error, KeySource, Keywarden, NewOrganization, OrgId, SecretStore, SecretStoreError,
};
use fake_admin_api::{FakeOptions, FakeServer, Fault, FaultRule};
use openai_admin::{AdminApiKeyCreate, ApiKeyId, Client, ProjectId};
use secrecy::{ExposeSecret, SecretString};

/// The remote organization's bootstrap admin key (fixed, so rows can name it).
const REMOTE_KEY: &str = "sk-admin-BadInputMatrixRemoteKey0123456789";
/// What the user had on the clipboard before an operation that has nothing to do with it.
const USER_TEXT: &str = "meeting notes the user copied";
/// Markup that must be kept as typed, never interpreted.
const MARKUP: &str = "<img src=x onerror=alert(1)>";

/// A keychain stand-in that can list what it holds, so "no new entry" can be checked exactly.
#[derive(Default)]
struct LedgerStore {
    entries: Mutex<BTreeMap<String, String>>,
}

impl LedgerStore {
    fn entries(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, String>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl SecretStore for LedgerStore {
    fn set(&self, account: &str, secret: &SecretString) -> Result<(), SecretStoreError> {
        let value = secret.expose_secret().to_owned();
        self.entries().insert(account.to_owned(), value);
        Ok(())
    }
    fn get(&self, account: &str) -> Result<SecretString, SecretStoreError> {
        let value = self.entries().get(account).cloned();
        value
            .map(SecretString::from)
            .ok_or(SecretStoreError::Missing)
    }
    fn delete(&self, account: &str) -> Result<(), SecretStoreError> {
        self.entries().remove(account);
        Ok(())
    }
}

/// Keywarden with the demo organization, plus a "remote" organization "Acme" added through it.
struct Bench {
    keywarden: Arc<Keywarden>,
    store: Arc<LedgerStore>,
    clipboard: Arc<MemoryClipboard>,
    dir: tempfile::TempDir,
    remote: FakeServer,
    acme: OrgId,
    /// A real project of the remote organization.
    project: String,
    /// A well-formed admin key of the remote organization that has since been revoked.
    revoked: String,
}

#[allow(clippy::expect_used)]
async fn bench() -> Bench {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Arc::new(LedgerStore::default());
    let clipboard = Arc::new(MemoryClipboard::new());
    let keywarden = support::start_with(&dir, store.clone(), clipboard.clone()).await;
    let remote = FakeServer::start(FakeOptions {
        projects: 2,
        keys_per_project: 2,
        admin_key: Some(REMOTE_KEY.into()),
        ..FakeOptions::default()
    })
    .await
    .expect("remote fake server");

    clipboard
        .write_secret(&SecretString::from(REMOTE_KEY))
        .expect("clipboard");
    let acme = keywarden
        .add_organization(NewOrganization {
            label: "Acme".into(),
            base_url: Some(remote.base_url()),
            source: KeySource::Clipboard,
        })
        .await
        .expect("Acme is added")
        .org
        .id;

    let client = Client::new(
        &remote.base_url(),
        SecretString::from(REMOTE_KEY),
        support::fast_client_options(),
    )
    .expect("client");
    let old = client
        .admin_api_keys()
        .create(&AdminApiKeyCreate {
            name: "old laptop".into(),
            expires_in_seconds: None,
        })
        .await
        .expect("a second admin key");
    client
        .admin_api_keys()
        .delete(old.id.clone())
        .await
        .expect("revoked");
    let project = remote.state().projects(false)[0].id.clone();
    Bench {
        keywarden: Arc::new(keywarden),
        store,
        clipboard,
        dir,
        remote,
        acme,
        project,
        revoked: old.value.expose_secret().to_owned(),
    }
}

impl Bench {
    fn demo_server(&self) -> &FakeServer {
        self.keywarden
            .demo()
            .map(|d| d.server())
            .unwrap_or_else(|| {
                panic!("the demo organization runs");
            })
    }

    fn snapshot(&self) -> Snapshot {
        let mut files = BTreeMap::new();
        for entry in std::fs::read_dir(self.dir.path()).into_iter().flatten() {
            let Ok(entry) = entry else { continue };
            let name = entry.file_name().to_string_lossy().into_owned();
            files.insert(name, std::fs::read(entry.path()).unwrap_or_default());
        }
        let text = self.clipboard.read_text().ok().flatten();
        Snapshot {
            secrets: self.store.entries().clone(),
            files,
            clipboard_kind: format!("{:?}", self.clipboard),
            clipboard_text: text.map(|t| t.expose_secret().to_owned()),
            orgs: self
                .keywarden
                .list_organizations()
                .into_iter()
                .map(|o| format!("{} {} {:?}", o.id, o.label, o.status))
                .collect(),
            demo: Objects::of(self.demo_server()),
            remote: Objects::of(&self.remote),
            pending_reveals: self.keywarden.pending_new_keys().len(),
        }
    }

    /// Every request either server has received, as `demo GET /v1/…` or `remote POST /v1/…`.
    fn requests(&self) -> Vec<String> {
        let tagged = |tag: &str, server: &FakeServer| -> Vec<String> {
            let requests = server.requests();
            let lines = requests
                .iter()
                .map(|r| format!("{tag} {} {}", r.method, r.path));
            lines.collect()
        };
        let mut all = tagged("demo", self.demo_server());
        all.extend(tagged("remote", &self.remote));
        all
    }

    fn put_on_clipboard(&self, clip: &Clip) {
        let put = match clip {
            Clip::Empty => self.clipboard.clear(),
            Clip::Image => {
                self.clipboard.put_image();
                Ok(())
            }
            Clip::Text(text) => self.clipboard.write_text(text),
        };
        put.unwrap_or_else(|e| panic!("the memory clipboard cannot fail: {e}"));
    }
}

/// The objects of a fake organization, by id.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Objects {
    projects: Vec<String>,
    service_accounts: Vec<String>,
    api_keys: Vec<String>,
    admin_keys: Vec<String>,
}

impl Objects {
    fn of(server: &FakeServer) -> Self {
        let state = server.state();
        Objects {
            projects: state.projects.iter().map(|p| p.id.clone()).collect(),
            service_accounts: state
                .service_accounts
                .iter()
                .map(|s| s.account.id.clone())
                .collect(),
            api_keys: state.api_keys.iter().map(|k| k.key.id.clone()).collect(),
            admin_keys: state.admin_keys.iter().map(|k| k.key.id.clone()).collect(),
        }
    }
}

/// Everything a refused input must leave as it was.
struct Snapshot {
    secrets: BTreeMap<String, String>,
    files: BTreeMap<String, Vec<u8>>,
    clipboard_kind: String,
    clipboard_text: Option<String>,
    orgs: Vec<String>,
    demo: Objects,
    remote: Objects,
    pending_reveals: usize,
}

impl Snapshot {
    /// What differs from `before`, by name (never by content: the clipboard may hold a key).
    fn changes_since(&self, before: &Snapshot) -> Vec<&'static str> {
        let mut changed = Vec::new();
        if self.secrets != before.secrets {
            changed.push("the keychain");
        }
        if self.files != before.files {
            changed.push("the settings folder");
        }
        if self.clipboard_kind != before.clipboard_kind
            || self.clipboard_text != before.clipboard_text
        {
            changed.push("the clipboard");
        }
        if self.orgs != before.orgs {
            changed.push("the organizations");
        }
        if self.demo != before.demo {
            changed.push("the demo server's objects");
        }
        if self.remote != before.remote {
            changed.push("the remote server's objects");
        }
        if self.pending_reveals != before.pending_reveals {
            changed.push("the held new keys");
        }
        changed
    }
}

/// What the user left on the clipboard before the operation.
#[derive(Debug, Clone)]
enum Clip {
    Empty,
    Image,
    Text(String),
}

/// The operation a row runs.
#[derive(Debug, Clone)]
enum Op {
    AddOrg { label: String, base_url: String },
    ReplaceKey,
    ListKeys { project: String },
    CreateKey { project: String, name: String },
    RevokePreview { project: String },
    CopyNewKey { reveal: String },
    AcknowledgeNewKey { reveal: String },
    Rotate { name: String, days: Option<u32> },
    ParseBaseUrl { raw: String },
}

/// What an operation gave back when it succeeded.
#[derive(Debug)]
enum Done {
    Org { label: String },
    Created(Box<CreateOutcome>),
    Acknowledged(bool),
    BaseUrl(String),
    Finished,
}

impl Op {
    fn name(&self) -> &'static str {
        match self {
            Op::AddOrg { .. } => "add_organization",
            Op::ReplaceKey => "replace_admin_key",
            Op::ListKeys { .. } => "list_keys",
            Op::CreateKey { .. } => "create_key",
            Op::RevokePreview { .. } => "revoke_preview",
            Op::CopyNewKey { .. } => "copy_new_key",
            Op::AcknowledgeNewKey { .. } => "acknowledge_new_key",
            Op::Rotate { .. } => "rotate_admin_key",
            Op::ParseBaseUrl { .. } => "parse_base_url",
        }
    }

    async fn run(self, kw: Arc<Keywarden>, acme: OrgId, request_id: String) -> Result<Done, Error> {
        match self {
            Op::AddOrg { label, base_url } => {
                let new = NewOrganization {
                    label,
                    base_url: Some(base_url),
                    source: KeySource::Clipboard,
                };
                let added = kw.add_organization(new).await?;
                Ok(Done::Org {
                    label: added.org.label,
                })
            }
            Op::ReplaceKey => {
                kw.replace_admin_key(&acme, KeySource::Clipboard).await?;
                Ok(Done::Finished)
            }
            Op::ListKeys { project } => {
                kw.list_keys(&acme, &ProjectId::from(project)).await?;
                Ok(Done::Finished)
            }
            Op::CreateKey { project, name } => {
                let project = ProjectId::from(project);
                let outcome = kw.create_key(&acme, &project, &name, &request_id).await?;
                Ok(Done::Created(Box::new(outcome)))
            }
            Op::RevokePreview { project } => {
                let key = ApiKeyId::from("key_does_not_matter");
                kw.revoke_preview(&acme, &ProjectId::from(project), &key)
                    .await?;
                Ok(Done::Finished)
            }
            Op::CopyNewKey { reveal } => {
                kw.copy_new_key(&acme, &reveal).await?;
                Ok(Done::Finished)
            }
            Op::AcknowledgeNewKey { reveal } => {
                Ok(Done::Acknowledged(kw.acknowledge_new_key(&acme, &reveal)?))
            }
            Op::Rotate { name, days } => {
                kw.rotate_admin_key(&acme, &name, days).await?;
                Ok(Done::Finished)
            }
            Op::ParseBaseUrl { raw } => Ok(Done::BaseUrl(parse_base_url(Some(&raw)))),
        }
    }
}

/// What a row must end with.
#[derive(Debug, Clone)]
enum Expect {
    /// Refused: the message says what is wrong (`says`) and what to do (`todo`); nothing changes.
    Refused {
        says: &'static str,
        todo: &'static str,
    },
    /// Refused with a message that names the problem, for inputs no person types (ids come from
    /// Keywarden's own lists, so only a confused webview sends these); nothing changes.
    Clear { says: &'static str },
    /// Accepted, and the name is kept exactly as typed (markup included).
    Literal(String),
    /// Accepted: a blank base URL means OpenAI's own; nothing changes.
    OpenAiDefault,
    /// Accepted: acknowledging a reveal that was never held wipes nothing; nothing changes.
    NothingToWipe,
}

struct Row {
    /// The input, in words.
    input: String,
    clipboard: Clip,
    fault: Option<FaultRule>,
    op: Op,
    expect: Expect,
    /// The only requests the row may send (`remote GET /v1/…`); none unless listed.
    may_send: Vec<String>,
}

fn refused(says: &'static str, todo: &'static str) -> Expect {
    Expect::Refused { says, todo }
}

fn row(input: impl Into<String>, clipboard: Clip, op: Op, expect: Expect) -> Row {
    Row {
        input: input.into(),
        clipboard,
        fault: None,
        op,
        expect,
        may_send: Vec::new(),
    }
}

impl Row {
    fn may_send(mut self, requests: &[String]) -> Self {
        self.may_send.extend(requests.iter().cloned());
        self
    }

    fn with_fault(mut self, rule: FaultRule) -> Self {
        self.fault = Some(rule);
        self
    }
}

fn key_on_clipboard() -> Clip {
    Clip::Text(REMOTE_KEY.into())
}

fn user_text() -> Clip {
    Clip::Text(USER_TEXT.into())
}

fn add(label: &str, base_url: &str) -> Op {
    Op::AddOrg {
        label: label.into(),
        base_url: base_url.into(),
    }
}

/// The admin-key rows: what the clipboard holds when adding (or re-keying) an organization.
fn admin_key_rows(b: &Bench) -> Vec<Row> {
    let url = b.remote.base_url();
    let probe = vec!["remote GET /v1/organization/projects".to_owned()];
    let text = |s: &str| Clip::Text(s.to_owned());
    let mut rows = vec![
        row(
            "clipboard: empty",
            Clip::Empty,
            add("Beta", &url),
            refused("holds no text", "copy the admin key"),
        ),
        row(
            "clipboard: only whitespace",
            text(" \t\n  "),
            add("Beta", &url),
            refused("there is no key", "copy the admin key"),
        ),
        row(
            "clipboard: an image",
            Clip::Image,
            add("Beta", &url),
            refused("holds no text", "copy the admin key"),
        ),
        row(
            "clipboard: 1 MB of text",
            Clip::Text(format!("{REMOTE_KEY}\n{}", "lorem ipsum ".repeat(90_000))),
            add("Beta", &url),
            refused("MB of text, not an admin key", "copy just the key"),
        ),
        row(
            "clipboard: a key with an inner space",
            Clip::Text(format!("{} {}", &REMOTE_KEY[..20], &REMOTE_KEY[20..])),
            add("Beta", &url),
            refused("a space or line break", "copy it again in one piece"),
        ),
        row(
            "clipboard: a project key sk-proj-…",
            text("sk-proj-AbCdEfGhIjKlMnOpQrStUvWx0123456789"),
            add("Beta", &url),
            refused(
                "this is a project key",
                "create one under Organization settings",
            ),
        ),
        row(
            "clipboard: a service-account key sk-svcacct-…",
            text("sk-svcacct-AbCdEfGhIjKlMnOpQrStUvWx0123456789"),
            add("Beta", &url),
            refused(
                "this is a project key",
                "create one under Organization settings",
            ),
        ),
        row(
            "clipboard: sk-admin- followed by garbage",
            text("sk-admin-<script>alert(1)</script>"),
            add("Beta", &url),
            refused("the rest is not one", "copy the whole key again"),
        ),
        row(
            "clipboard: a well-formed but revoked admin key (401)",
            Clip::Text(b.revoked.clone()),
            add("Beta", &url),
            refused("did not accept it", "copy an active admin key"),
        )
        .may_send(&probe),
        row(
            "clipboard: a key without api.management.read (403)",
            key_on_clipboard(),
            add("Beta", &url),
            refused(
                "lacks the scope api.management.read",
                "give it more permissions or use another",
            ),
        )
        .with_fault(FaultRule::new(Fault::MissingScope).on_path("/organization/projects"))
        .may_send(&probe),
    ];
    rows.extend([
        row(
            "re-keying Acme, clipboard: empty",
            Clip::Empty,
            Op::ReplaceKey,
            refused("holds no text", "copy the admin key"),
        ),
        row(
            "re-keying Acme, clipboard: a project key",
            text("sk-proj-AbCdEfGhIjKlMnOpQrStUvWx0123456789"),
            Op::ReplaceKey,
            refused(
                "this is a project key",
                "create one under Organization settings",
            ),
        ),
        row(
            "re-keying Acme, clipboard: a revoked admin key (401)",
            Clip::Text(b.revoked.clone()),
            Op::ReplaceKey,
            refused("did not accept it", "copy an active admin key"),
        )
        .may_send(&probe),
    ]);
    rows
}

/// The label rows: the key on the clipboard is good, the label is not.
fn label_rows(b: &Bench) -> Vec<Row> {
    let url = b.remote.base_url();
    let probe = vec!["remote GET /v1/organization/projects".to_owned()];
    let bad = |input: &str, label: &str, expect: Expect| {
        row(input, key_on_clipboard(), add(label, &url), expect)
    };
    vec![
        bad(
            "label: empty",
            "",
            refused(
                "give the organization a name",
                "give the organization a name",
            ),
        ),
        bad(
            "label: only whitespace",
            " \t  ",
            refused(
                "give the organization a name",
                "give the organization a name",
            ),
        ),
        bad(
            "label: 10,000 characters",
            &"L".repeat(10_000),
            refused("the name is too long", "use at most 100 characters"),
        ),
        bad(
            "label: a control character (bell)",
            "Acme\u{7} Corp",
            refused("contains control characters", "type it again"),
        ),
        bad(
            "label: a line break",
            "Acme\nCorp",
            refused("contains control characters", "type it again"),
        ),
        bad(
            "label: a duplicate of “Acme” in other case",
            "  aCME ",
            refused("already exists", "choose another name"),
        ),
        bad(
            "label: a duplicate of the demo organization",
            "DEMO organization",
            refused("already exists", "choose another name"),
        ),
        bad("label: markup", MARKUP, Expect::Literal(MARKUP.into())).may_send(&probe),
    ]
}

/// The key-name rows of `create_key`, in a real project of Acme.
fn key_name_rows(b: &Bench) -> Vec<Row> {
    let create = |name: &str| Op::CreateKey {
        project: b.project.clone(),
        name: name.into(),
    };
    let accounts = format!("/v1/organization/projects/{}/service_accounts", b.project);
    let keys = format!("/v1/organization/projects/{}/api_keys", b.project);
    let sent = [
        format!("remote GET {accounts}"),
        format!("remote POST {accounts}"),
        format!("remote GET {keys}"),
    ];
    vec![
        row(
            "key name: empty",
            user_text(),
            create(""),
            refused("the key name must not be empty", "must not be empty"),
        ),
        row(
            "key name: only whitespace",
            user_text(),
            create("  \t "),
            refused("the key name must not be empty", "must not be empty"),
        ),
        row(
            "key name: 10,000 characters",
            user_text(),
            create(&"k".repeat(10_000)),
            refused("10000 characters long", "the maximum is 256"),
        ),
        row(
            "key name: a line break",
            user_text(),
            create("deploy\nprod"),
            refused("control characters", "must not contain control characters"),
        ),
        row(
            "key name: a NUL character",
            user_text(),
            create("deploy\u{0}"),
            refused("control characters", "must not contain control characters"),
        ),
        row(
            "key name: markup",
            user_text(),
            create(MARKUP),
            Expect::Literal(MARKUP.into()),
        )
        .may_send(&sent),
    ]
}

/// Project ids that try to leave their path segment, through three operations each. An id is
/// either refused before any request or percent-encoded into exactly its own segment.
fn id_rows(b: &Bench) -> Vec<Row> {
    let p = &b.project;
    // (what, id, Some(encoded segment) or None when refused before sending)
    let ids: Vec<(&str, String, Option<String>)> = vec![
        (
            "a slash",
            format!("{p}/service_accounts"),
            Some(format!("{p}%2Fservice_accounts")),
        ),
        ("`..`", "..".into(), None),
        (
            "`../../admin_api_keys`",
            "../../admin_api_keys".into(),
            Some("..%2F..%2Fadmin_api_keys".into()),
        ),
        (
            "an encoded slash %2F",
            format!("{p}%2Fapi_keys"),
            Some(format!("{p}%252Fapi_keys")),
        ),
        (
            "a question mark",
            format!("{p}?limit=1"),
            Some(format!("{p}%3Flimit%3D1")),
        ),
        ("a space", format!("{p} x"), Some(format!("{p}%20x"))),
        ("empty", String::new(), None),
    ];
    let mut rows = Vec::new();
    for (what, id, encoded) in ids {
        let sent = |route: &str, methods: &[&str]| -> Vec<String> {
            let Some(segment) = &encoded else {
                return Vec::new();
            };
            let path = format!("/v1/organization/projects/{segment}/{route}");
            methods
                .iter()
                .map(|m| format!("remote {m} {path}"))
                .collect()
        };
        let clear = |says| Expect::Clear { says };
        let (list_expect, preview_expect, create_expect) = match (&encoded, id.as_str()) {
            (Some(_), _) => (
                clear("No such project"),
                clear("No such project"),
                clear("No such project"),
            ),
            (None, "..") => (
                clear("`..` is not a valid project id"),
                clear("`..` is not a valid project id"),
                clear("`..` is not a valid project id"),
            ),
            (None, _) => (
                clear("a project id is required"),
                clear("the project id must not be empty"),
                clear("a project id is required"),
            ),
        };
        rows.push(
            row(
                format!("project id with {what}: list keys"),
                user_text(),
                Op::ListKeys {
                    project: id.clone(),
                },
                list_expect,
            )
            .may_send(&sent("api_keys", &["GET"])),
        );
        rows.push(
            row(
                format!("project id with {what}: revoke preview"),
                user_text(),
                Op::RevokePreview {
                    project: id.clone(),
                },
                preview_expect,
            )
            .may_send(&sent("api_keys", &["GET"])),
        );
        rows.push(
            row(
                format!("project id with {what}: create key"),
                user_text(),
                Op::CreateKey {
                    project: id.clone(),
                    name: "deploy".into(),
                },
                create_expect,
            )
            .may_send(&sent("service_accounts", &["GET", "POST"])),
        );
    }
    rows
}

/// Base URLs the admin key must never be sent to; a blank one means OpenAI's.
fn base_url_rows() -> Vec<Row> {
    let bad = |url: &str, says: &'static str, todo: &'static str| {
        row(
            format!("base URL: {url}"),
            key_on_clipboard(),
            add("Beta", url),
            refused(says, todo),
        )
    };
    let parse = |input: &str, raw: &str| {
        row(
            input,
            user_text(),
            Op::ParseBaseUrl { raw: raw.into() },
            Expect::OpenAiDefault,
        )
    };
    vec![
        bad("http://example.com/v1", "must use https", "use https"),
        bad("ftp://x", "scheme `ftp` is not supported", "use https"),
        bad(
            "example.com",
            "must be an absolute https URL",
            "e.g. https://api.openai.com/v1",
        ),
        bad("file:///", "scheme `file` is not supported", "use https"),
        bad(
            "https://user:pw@api.example.com/v1",
            "must not contain a user name or password",
            "must not contain a user name or password",
        ),
        bad(
            "https://api.example.com/v1?x=1",
            "must not contain a query",
            "must not contain a query",
        ),
        bad(
            "https://api.example.com/v1#frag",
            "must not contain a fragment",
            "must not contain a fragment",
        ),
        parse("base URL: empty (parse only)", ""),
        parse("base URL: only whitespace (parse only)", "   "),
    ]
}

/// Reveal ids that Keywarden never issued, and rotation names and expiries.
fn reveal_and_rotation_rows() -> Vec<Row> {
    let never_issued = uuid::Uuid::new_v4().to_string();
    let rotate = |name: &str, days: Option<u32>| Op::Rotate {
        name: name.into(),
        days,
    };
    vec![
        row(
            "reveal id: not-a-uuid, copy",
            user_text(),
            Op::CopyNewKey {
                reveal: "not-a-uuid".into(),
            },
            refused("not a reveal id Keywarden issued", "revoke the key"),
        ),
        row(
            "reveal id: not-a-uuid, acknowledge",
            user_text(),
            Op::AcknowledgeNewKey {
                reveal: "not-a-uuid".into(),
            },
            refused("not a reveal id Keywarden issued", "revoke the key"),
        ),
        row(
            "reveal id: a uuid never issued, copy",
            user_text(),
            Op::CopyNewKey {
                reveal: never_issued.clone(),
            },
            refused("no longer holds this key's secret", "revoke the key"),
        ),
        row(
            "reveal id: a uuid never issued, acknowledge",
            user_text(),
            Op::AcknowledgeNewKey {
                reveal: never_issued,
            },
            Expect::NothingToWipe,
        ),
        row(
            "rotation: expiry of 0 days",
            user_text(),
            rotate("Keywarden (rotated)", Some(0)),
            refused("expiry", "choose an expiry of 1 to 365 days"),
        ),
        row(
            "rotation: expiry of 400 days",
            user_text(),
            rotate("Keywarden (rotated)", Some(400)),
            refused("expiry", "choose an expiry of 1 to 365 days"),
        ),
        row(
            "rotation: empty name",
            user_text(),
            rotate("", Some(30)),
            refused("give the key a name", "give the key a name"),
        ),
        row(
            "rotation: name of only whitespace",
            user_text(),
            rotate(" \n ", None),
            refused("give the key a name", "give the key a name"),
        ),
        row(
            "rotation: 10,000-character name",
            user_text(),
            rotate(&"r".repeat(10_000), None),
            refused("too long", "use at most 256 characters"),
        ),
    ]
}

/// Runs one row on its own task (so a panic names the row) with a time limit.
async fn perform(b: &Bench, row: &Row, n: usize) -> Result<Done, String> {
    let task = tokio::spawn(row.op.clone().run(
        b.keywarden.clone(),
        b.acme.clone(),
        format!("bad-input-{n}"),
    ));
    match tokio::time::timeout(Duration::from_secs(20), task).await {
        Err(_) => panic!("{}: {} did not finish in 20 s", row.input, row.op.name()),
        Ok(Err(joined)) => panic!("{}: {} panicked: {joined}", row.input, row.op.name()),
        Ok(Ok(result)) => result.map_err(|e| e.to_string()),
    }
}

/// What is wrong with a refusal's message, if anything.
fn refusal_problems(b: &Bench, message: &str, says: &str, todo: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if !message.contains(says) {
        problems.push(format!("the message should say “{says}”"));
    }
    if !message.contains(todo) {
        problems.push(format!("the message should say what to do (“{todo}”)"));
    }
    let length = message.chars().count();
    if length >= 400 {
        problems.push(format!(
            "the message is {length} characters long (echoes input?)"
        ));
    }
    for secret in [REMOTE_KEY, b.revoked.as_str(), "user:pw"] {
        if message.contains(secret) {
            problems.push("the message shows a secret".into());
        }
    }
    problems
}

fn check_accepted(b: &Bench, row: &Row, done: &Done, expected: &str) {
    let input = &row.input;
    match done {
        Done::Org { label } => {
            assert_eq!(label, expected, "{input}: the label is kept as typed");
            let listed = b.keywarden.list_organizations();
            assert!(
                listed.iter().any(|o| o.label == expected),
                "{input}: listed"
            );
            let config = std::fs::read_to_string(b.dir.path().join("config.json"))
                .unwrap_or_else(|e| panic!("{input}: settings: {e}"));
            assert!(config.contains(expected), "{input}: saved literally");
            assert!(!config.contains(REMOTE_KEY), "{input}: no key in settings");
        }
        Done::Created(outcome) => {
            let CreateOutcome::Created(key) = outcome.as_ref() else {
                panic!("{input}: expected a created key, got {outcome:?}");
            };
            assert_eq!(key.name, expected, "{input}: the name is kept as typed");
            let state = b.remote.state();
            let named = state
                .service_accounts(&b.project)
                .into_iter()
                .filter(|a| a.name == expected)
                .count();
            assert_eq!(named, 1, "{input}: the account has the literal name");
            let reveal = key.reveal_id.to_string();
            let wiped = b.keywarden.acknowledge_new_key(&b.acme, &reveal);
            assert!(matches!(wiped, Ok(true)), "{input}: {wiped:?}");
        }
        other => panic!("{input}: expected a named object, got {other:?}"),
    }
}

#[tokio::test]
async fn every_bad_input_is_refused_with_what_to_do_and_leaves_nothing_behind() {
    let b = bench().await;
    let mut rows = admin_key_rows(&b);
    rows.extend(label_rows(&b));
    rows.extend(key_name_rows(&b));
    rows.extend(id_rows(&b));
    rows.extend(base_url_rows());
    rows.extend(reveal_and_rotation_rows());
    assert!(rows.len() >= 30, "the matrix has {} rows", rows.len());

    let (mut refusals, mut accepted) = (0, 0);
    let mut failures = Vec::new();
    for (n, row) in rows.iter().enumerate() {
        b.put_on_clipboard(&row.clipboard);
        if let Some(rule) = &row.fault {
            b.remote.inject(rule.clone());
        }
        let before = b.snapshot();
        let sent_before = b.requests().len();

        let result = perform(&b, row, n).await;

        let mut problems = Vec::new();
        let sent = b.requests().split_off(sent_before);
        let stray: Vec<&String> = sent.iter().filter(|r| !row.may_send.contains(r)).collect();
        if !stray.is_empty() {
            problems.push(format!("requests outside the allowed routes: {stray:?}"));
        }
        let changed = b.snapshot().changes_since(&before);
        let unchanged = |problems: &mut Vec<String>| {
            if !changed.is_empty() {
                problems.push(format!("changed {changed:?}"));
            }
        };
        let shown = match &result {
            Ok(done) => format!("accepted: {done:?}"),
            Err(message) => message.clone(),
        };
        println!("{:>2}. {} ({}) → {shown}", n + 1, row.input, row.op.name());
        match (&row.expect, &result) {
            (Expect::Refused { says, todo }, Err(message)) => {
                problems.extend(refusal_problems(&b, message, says, todo));
                unchanged(&mut problems);
                refusals += 1;
            }
            (Expect::Clear { says }, Err(message)) => {
                problems.extend(refusal_problems(&b, message, says, says));
                unchanged(&mut problems);
                refusals += 1;
            }
            (Expect::Literal(expected), Ok(done)) => {
                check_accepted(&b, row, done, expected);
                if changed.is_empty() {
                    problems.push("accepted, yet the snapshot saw no change: it is blind".into());
                }
                accepted += 1;
            }
            (Expect::OpenAiDefault, Ok(Done::BaseUrl(url))) => {
                if url != OPENAI_BASE_URL {
                    problems.push(format!("gave {url}, not OpenAI's base URL"));
                }
                unchanged(&mut problems);
                accepted += 1;
            }
            (Expect::NothingToWipe, Ok(Done::Acknowledged(wiped))) => {
                if *wiped {
                    problems.push("wiped a secret that was never held".into());
                }
                unchanged(&mut problems);
                accepted += 1;
            }
            (expect, _) => problems.push(format!("expected {expect:?}")),
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{} ({}): {problems:?} — {shown}",
                row.input,
                row.op.name()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
    println!(
        "bad-input matrix: {} cases ({refusals} refused, {accepted} accepted literally)",
        rows.len()
    );
}
