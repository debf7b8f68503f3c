//! What the benchmark looks for in the window: the stable `data-testid`s of `tests/README.md`,
//! each followed by the selector that finds the same thing in windows built before that test id
//! existed, so one benchmark measures the app before and after the scale work.

/// The search box.
pub const SEARCH: &str = "[data-testid='search-input'], #search";
/// A project of the demo organization in the sidebar: the app's first meaningful content.
pub const ANY_PROJECT: &str = "[data-testid='project-item'], .org .project";
/// A project of the added (non-demo) organization in the sidebar.
pub const FAKE_ORG_PROJECT: &str = "[data-testid='org-item']:not([data-org-id='demo']) \
     [data-testid='project-item'], .org:not([data-org-id='demo']) .project";
/// The added organization's header in the sidebar.
pub const FAKE_ORG_HEADER: &str = "[data-testid='org-item']:not([data-org-id='demo']) \
     [data-testid='org-header'], .org:not([data-org-id='demo']) [data-testid='org-header']";
/// One row of the keys table.
pub const KEY_ROW: &str = "[data-testid='key-row'], .keys-table tbody tr";
/// The count of keys shown above the table.
pub const KEYS_TOTAL: &str = "[data-testid='keys-total'], .key-count";
/// The organization view's refresh button.
pub const REFRESH: &str = "[data-testid='refresh-org']";
/// The refresh progress indicator, shown while a refresh runs.
pub const REFRESH_PROGRESS: &str = "[data-testid='refresh-progress'], .sidebar-progress";
/// The add-organization button, the dialog's fields and its submit button.
pub const ADD_ORGANIZATION: &str = "[data-testid='add-organization']";
/// The label field of the add-organization dialog.
pub const ORG_LABEL: &str = "[data-testid='org-label']";
/// The disclosure that holds the base URL field.
pub const ADVANCED: &str = "[data-testid='org-advanced'], details.advanced summary";
/// The base URL field of the add-organization dialog.
pub const ORG_BASE_URL: &str = "[data-testid='org-base-url']";
/// "Paste admin key from clipboard".
pub const PASTE_ADMIN_KEY: &str = "[data-testid='paste-admin-key']";
/// The add-organization dialog.
pub const ADD_ORG_DIALOG: &str = "[data-testid='add-org-dialog']";
