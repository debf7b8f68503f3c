//! The lock-down rules as pure functions over parsed files: each returns the problems it found,
//! so the real files must yield none and the negative samples must yield some.

use serde_json::{json, Value};

/// The one URL an opener permission may ever be scoped to (no opener permission exists today).
pub const OPENER_URL: &str = "https://platform.openai.com/*";
const CONNECT_SOURCES: &[&str] = &["ipc:", "http://ipc.localhost"];

/// The strings of `COMMANDS` in `names.rs`.
pub fn command_names(names_rs: &str) -> Vec<String> {
    let list = names_rs
        .split_once("COMMANDS: &[&str] = &[")
        .and_then(|(_, rest)| rest.split_once("];"))
        .map_or("", |(list, _)| list);
    list.split(',')
        .filter_map(|item| item.trim().strip_prefix('"')?.strip_suffix('"'))
        .map(str::to_owned)
        .collect()
}

/// The function names inside `generate_handler![...]` in `lib.rs`.
pub fn handler_names(lib_rs: &str) -> Vec<String> {
    let list = lib_rs
        .split_once("generate_handler![")
        .and_then(|(_, rest)| rest.split_once(']'))
        .map_or("", |(list, _)| list);
    list.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .flat_map(|line| line.split(','))
        .map(str::trim)
        .filter(|path| !path.is_empty())
        .map(|path| path.rsplit("::").next().unwrap_or(path).to_owned())
        .collect()
}

/// A capability may reach only window `main`, no remote URL, and only `allow-<command>`
/// permissions for Keywarden's own commands.
pub fn capability_problems(capability: &Value, commands: &[String]) -> Vec<String> {
    let mut problems = Vec::new();
    let name = capability["identifier"].as_str().unwrap_or("<unnamed>");
    if capability["windows"] != json!(["main"]) {
        problems.push(format!("{name}: windows must be exactly [\"main\"]"));
    }
    if !capability["webviews"].is_null() && capability["webviews"] != json!(["main"]) {
        problems.push(format!("{name}: webviews other than main"));
    }
    if !capability["remote"].is_null() {
        problems.push(format!("{name}: remote URLs may never use IPC"));
    }
    if capability["local"] == json!(false) {
        problems.push(format!("{name}: a capability for non-local content"));
    }
    match capability["permissions"].as_array() {
        Some(permissions) => {
            for permission in permissions {
                if !permission_allowed(permission, commands) {
                    problems.push(format!("{name}: permission {permission} is too broad"));
                }
            }
        }
        None => problems.push(format!("{name}: permissions is not a list")),
    }
    problems
}

fn permission_allowed(permission: &Value, commands: &[String]) -> bool {
    match permission {
        Value::String(id) => id
            .strip_prefix("allow-")
            .is_some_and(|command| commands.iter().any(|c| c.replace('_', "-") == command)),
        Value::Object(fields) => {
            fields.keys().all(|k| k == "identifier" || k == "allow")
                && permission["identifier"] == json!("opener:allow-open-url")
                && permission["allow"].as_array().is_some_and(|scopes| {
                    !scopes.is_empty() && scopes.iter().all(|s| s == &json!({ "url": OPENER_URL }))
                })
        }
        _ => false,
    }
}

/// `tauri.conf.json`: a strict CSP, no global Tauri object, no CSP or asset-protocol
/// loosening, and inline capabilities held to the same rules as the files.
pub fn config_problems(config: &Value, commands: &[String]) -> Vec<String> {
    let app = &config["app"];
    let security = &app["security"];
    let mut problems = csp_problems(&security["csp"]);
    if !security["devCsp"].is_null() {
        problems.extend(csp_problems(&security["devCsp"]));
    }
    if !matches!(app.get("withGlobalTauri"), None | Some(Value::Bool(false))) {
        problems.push("app.withGlobalTauri must be false".into());
    }
    if security
        .get("dangerousDisableAssetCspModification")
        .is_some()
    {
        problems.push("app.security.dangerousDisableAssetCspModification is set".into());
    }
    if security["assetProtocol"]["enable"] == json!(true) {
        problems.push("the asset protocol lets the webview read files".into());
    }
    for capability in security["capabilities"].as_array().into_iter().flatten() {
        if capability.is_object() {
            problems.extend(capability_problems(capability, commands));
        }
    }
    problems
}

/// The CSP's directives as `(name, sources)`, from the string or the object form.
fn directives(csp: &Value) -> Vec<(String, Vec<String>)> {
    let split = |text: &str| {
        text.split_whitespace()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    match csp {
        Value::String(text) => text
            .split(';')
            .filter_map(|d| {
                let mut words = split(d).into_iter();
                Some((words.next()?.to_ascii_lowercase(), words.collect()))
            })
            .collect(),
        Value::Object(map) => map
            .iter()
            .map(|(name, sources)| {
                let sources = match sources {
                    Value::Array(items) => items
                        .iter()
                        .filter_map(Value::as_str)
                        .flat_map(split)
                        .collect(),
                    other => split(other.as_str().unwrap_or_default()),
                };
                (name.to_ascii_lowercase(), sources)
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Same-origin scripts only, no plugins or frames, and connections only to Tauri's IPC.
pub fn csp_problems(csp: &Value) -> Vec<String> {
    let directives = directives(csp);
    if directives.is_empty() {
        return vec!["there is no content security policy".into()];
    }
    let mut problems = Vec::new();
    let sources = |name: &str| {
        let found: Vec<_> = directives.iter().filter(|(n, _)| n == name).collect();
        if found.len() > 1 {
            return Some(vec!["<duplicate directive>".to_owned()]);
        }
        found.first().map(|(_, s)| s.clone())
    };
    let exactly = |name: &str, wanted: &str| sources(name) == Some(vec![wanted.to_owned()]);
    for (name, wanted) in [
        ("default-src", "'self'"),
        ("script-src", "'self'"),
        ("object-src", "'none'"),
    ] {
        if !exactly(name, wanted) {
            problems.push(format!("{name} must be exactly {wanted}"));
        }
    }
    if !exactly("frame-src", "'none'") && !exactly("frame-ancestors", "'none'") {
        problems.push("frame-src (or frame-ancestors) must be 'none'".into());
    }
    match sources("connect-src") {
        Some(list)
            if !list.is_empty() && list.iter().all(|s| CONNECT_SOURCES.contains(&s.as_str())) => {}
        _ => problems.push(format!("connect-src must list only {CONNECT_SOURCES:?}")),
    }
    for (name, list) in &directives {
        for source in list {
            let lower = source.to_ascii_lowercase();
            let web = ["http:", "https:", "ws:", "wss:"]
                .iter()
                .any(|s| lower.starts_with(s));
            let ipc = name == "connect-src" && CONNECT_SOURCES.contains(&lower.as_str());
            if lower.contains("unsafe") || lower.contains('*') || (web && !ipc) {
                problems.push(format!("{name} allows {source}"));
            }
        }
    }
    problems
}

/// Plugins that may be linked: a future opener, scoped in the capability; single-instance,
/// which registers no command the page could call (it only talks to a second launch of the app
/// over D-Bus, a named mutex or a socket, and no capability grants it anything); and the
/// clipboard manager, used from Rust for non-secret copies, whose commands no capability may
/// grant (`capability_problems` refuses every `clipboard-manager:` permission, and the E2E suite
/// checks the page's own calls are refused).
const ALLOWED_PLUGINS: [&str; 3] = [
    "tauri-plugin-clipboard-manager",
    "tauri-plugin-opener",
    "tauri-plugin-single-instance",
];

/// `Cargo.toml`: the `tauri` dependency never enables devtools, and no Tauri plugin crate is
/// linked other than [`ALLOWED_PLUGINS`].
pub fn manifest_problems(manifest: &toml::Value) -> Vec<String> {
    let mut tables: Vec<&toml::Value> = manifest.get("dependencies").into_iter().collect();
    if let Some(targets) = manifest.get("target").and_then(toml::Value::as_table) {
        tables.extend(targets.values().filter_map(|t| t.get("dependencies")));
    }
    let mut problems = Vec::new();
    for table in tables.iter().filter_map(|t| t.as_table()) {
        for (name, spec) in table {
            if name.starts_with("tauri-plugin-") && !ALLOWED_PLUGINS.contains(&name.as_str()) {
                problems.push(format!("the {name} plugin is linked"));
            }
            let features = spec.get("features").and_then(toml::Value::as_array);
            let devtools = features
                .into_iter()
                .flatten()
                .any(|f| f.as_str() == Some("devtools"));
            if name == "tauri" && devtools {
                problems.push("the tauri dependency enables devtools".into());
            }
        }
    }
    let features = manifest.get("features").and_then(toml::Value::as_table);
    for (feature, enables) in features.into_iter().flatten() {
        let enables = enables
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(toml::Value::as_str);
        for enabled in enables.filter(|e| e.starts_with("tauri") && e.ends_with("/devtools")) {
            problems.push(format!("feature {feature} enables {enabled}"));
        }
    }
    problems
}
