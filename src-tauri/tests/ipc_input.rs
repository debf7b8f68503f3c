//! What the webview sends is decoded and bounded before a command runs, and every failure comes
//! back as `{code, message}` like any other error: an over-long name, too many scopes, a
//! wrong-typed argument, a missing field and an unknown enum value. Decoding goes through
//! `Input::decode`, the function Tauri's `CommandArg` impl of `Input` calls with the invoke's
//! argument; a source check proves every command argument from the webview is an `Input`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use keywarden_lib::dto::{KeyPolicyDto, KeyQueryDto, ProjectQueryDto};
use keywarden_lib::error::{CommandError, ErrorCode};
use keywarden_lib::input::{Input, MAX_LIST_ITEMS, MAX_TEXT_CHARS};
use serde_json::{json, Value};

/// The failure of decoding `value` as argument `key` of type `T`, as the webview receives it.
fn refusal<T>(key: &str, value: Value) -> Value
where
    T: serde::de::DeserializeOwned + keywarden_lib::input::Bounded + std::fmt::Debug,
{
    let error: CommandError = Input::<T>::decode(key, value).unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput, "{error:?}");
    serde_json::to_value(&error).unwrap()
}

fn message(response: &Value) -> &str {
    assert_eq!(response["code"], "invalidInput", "{response}");
    assert_eq!(response.as_object().unwrap().len(), 2, "{response}");
    response["message"].as_str().unwrap()
}

#[test]
fn an_over_long_name_comes_back_as_code_and_message() {
    let response = refusal::<String>("label", json!("n".repeat(MAX_TEXT_CHARS + 1)));
    let text = message(&response);
    assert!(
        text.starts_with("the name is too long (1025 characters; at most 1024)"),
        "{text}"
    );
    assert!(text.contains("shorten it and try again"), "{text}");
    assert!(text.contains("nothing was changed"), "{text}");

    let at_the_limit = Input::<String>::decode("label", json!("n".repeat(MAX_TEXT_CHARS)));
    assert!(at_the_limit.is_ok());
}

#[test]
fn too_many_scopes_or_an_over_long_id_or_search_come_back_as_code_and_message() {
    let scopes: Vec<String> = (0..=MAX_LIST_ITEMS)
        .map(|n| format!("api.s{n}.read"))
        .collect();
    let policy = json!({"permissions": {"kind": "restricted", "scopes": scopes},
        "expiry": {"kind": "never"}});
    let text = message(&refusal::<KeyPolicyDto>("policy", policy)).to_owned();
    assert!(
        text.starts_with("the key policy (its scopes) has too many entries"),
        "{text}"
    );

    let text = message(&refusal::<String>("orgId", json!("o".repeat(5000)))).to_owned();
    assert!(text.starts_with("“orgId” is too long"), "{text}");

    let search = json!({"text": "e".repeat(100_000), "includeArchived": false, "offset": 0,
        "limit": 10});
    let text = message(&refusal::<ProjectQueryDto>("query", search)).to_owned();
    assert!(text.starts_with("the search is too long"), "{text}");
}

#[test]
fn a_wrong_type_a_missing_field_or_an_unknown_value_comes_back_as_code_and_message() {
    let wrong_type = refusal::<String>("orgId", json!(5));
    assert!(message(&wrong_type).contains("invalid type: integer `5`, expected a string"));
    let wrong_flag = refusal::<bool>("evenIfNotCopied", json!("yes"));
    assert!(message(&wrong_flag).starts_with("Keywarden could not read “evenIfNotCopied”"));
    let missing = json!({"projectId": null, "text": null, "offset": 0, "limit": 10});
    let missing = refusal::<KeyQueryDto>("query", missing);
    assert!(
        message(&missing).contains("missing field `sort`"),
        "{missing}"
    );
    let unknown = refusal::<keywarden_lib::dto::KeySourceDto>("source", json!("keychain"));
    let text = message(&unknown);
    assert!(text.contains("unknown variant `keychain`"), "{text}");
    assert!(text.contains("Reload the window"), "{text}");

    let huge = refusal::<u32>("expiresInDays", json!("d".repeat(10_000)));
    assert!(
        message(&huge).chars().count() < 400,
        "the detail is cut short"
    );
}

#[test]
fn a_query_within_bounds_decodes_as_before() {
    let query = json!({"projectId": "proj_1", "text": "ci", "filter": null,
        "sort": {"column": "name", "descending": false}, "offset": 0, "limit": 400});
    let Input(query) = Input::<KeyQueryDto>::decode("query", query).unwrap();
    assert_eq!(query.text.as_deref(), Some("ci"));
}

/// Splits an argument list at its top-level commas.
fn arguments(list: &str) -> Vec<String> {
    let (mut parts, mut depth, mut current) = (Vec::new(), 0_i32, String::new());
    for c in list.chars() {
        match c {
            '<' | '(' => depth += 1,
            '>' | ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    parts.push(current);
    parts
        .into_iter()
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

#[test]
fn every_command_argument_from_the_webview_is_an_input() {
    let dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
        .join("src/commands");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let source = std::fs::read_to_string(&path).unwrap();
        for command in source.split("#[tauri::command]").skip(1) {
            let open = command.find('(').unwrap();
            let close = command.find(") ").or_else(|| command.find(")\n")).unwrap();
            for argument in arguments(&command[open + 1..close]) {
                let ty = argument.split_once(':').unwrap().1.trim();
                let tauris = ["State<", "AppHandle", "Channel<"];
                assert!(
                    ty.starts_with("Input<") || tauris.iter().any(|t| ty.starts_with(t)),
                    "{}: `{argument}` is decoded by Tauri, not by Input",
                    path.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 40, "only {checked} arguments were found");
}
