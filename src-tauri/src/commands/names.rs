/// Every command the webview may call: the permission manifest (build.rs), the capability file
/// and the handler list are checked against this one list.
pub const COMMANDS: &[&str] = &[
    "list_organizations",
    "list_projects",
    "list_keys",
    "startup_notices",
    "key_sources",
    "add_organization",
    "replace_admin_key",
    "rename_organization",
    "remove_organization",
    "get_inventory",
    "refresh_inventory",
    "admin_key_health",
    "rotate_admin_key",
];
