//! `ui/src/wire-types.ts` is generated from the Rust wire types (`dto::wire_types()`), and this
//! test fails when the committed file is out of date, when a command takes or returns a type that
//! is not on that list, or when a DTO is declared but not listed. It runs without a window.
//!
//! Regenerate with `UPDATE_WIRE_TYPES=1 cargo test -p keywarden --test wire_types`.

#![allow(clippy::unwrap_used)]

#[path = "wire_types/layout.rs"]
mod layout;
#[path = "wire_types/signatures.rs"]
mod signatures;

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

use keywarden_lib::commands::COMMANDS;
use keywarden_lib::dto::{wire_types, WireType};
use layout::{layout, tokens, Token};
use signatures::{command_types, CommandTypes};

const REGENERATE: &str = "UPDATE_WIRE_TYPES=1 cargo test -p keywarden --test wire_types";

const HEADER: &str = "\
// Generated from src-tauri/src/dto/ by `cargo test -p keywarden --test wire_types` with
// UPDATE_WIRE_TYPES=1. Do not edit: change the Rust types and regenerate.
";

/// This checkout's `src-tauri/`, as cargo says when it runs the test (a binary built from another
/// checkout of the tree must still read this one's files).
fn shell_dir() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
}

fn wire_types_file() -> PathBuf {
    shell_dir().join("../ui/src/wire-types.ts")
}

fn generated_text(types: &[WireType]) -> String {
    let mut text = HEADER.to_owned();
    for wire_type in types {
        text.push('\n');
        text.push_str(&layout(&wire_type.declaration));
    }
    text
}

/// The `.rs` files of a folder under `src/`, in name order.
fn sources(folder: &str) -> Vec<(PathBuf, String)> {
    let mut paths: Vec<PathBuf> = fs::read_dir(shell_dir().join("src").join(folder))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path).unwrap();
            (path, text)
        })
        .collect()
}

fn registered_rust_names() -> BTreeSet<&'static str> {
    wire_types().iter().map(|t| t.rust_name).collect()
}

/// Why commands' types are not covered by the list, one line each.
fn unlisted_command_types(
    commands: &[CommandTypes],
    listed: &BTreeSet<&'static str>,
) -> Vec<String> {
    commands
        .iter()
        .flat_map(|command| {
            command
                .types
                .iter()
                .filter(|ty| !listed.contains(ty.as_str()))
                .map(move |ty| format!("command `{}` uses `{ty}`", command.name))
        })
        .collect()
}

#[test]
fn the_committed_typescript_wire_types_are_generated_from_the_rust_dtos() {
    let path = wire_types_file();
    let expected = generated_text(&wire_types());
    if std::env::var("UPDATE_WIRE_TYPES").as_deref() == Ok("1") {
        fs::write(&path, &expected).unwrap();
        return;
    }
    let committed = fs::read_to_string(&path)
        .unwrap_or_default()
        .replace("\r\n", "\n");
    if committed != expected {
        let line = committed
            .lines()
            .zip(expected.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(expected.lines().count()));
        panic!(
            "ui/src/wire-types.ts is out of date with src-tauri/src/dto/ (first difference at \
             line {}: committed {:?}, generated {:?}).\nRun `{REGENERATE}` and commit the file.",
            line + 1,
            committed.lines().nth(line).unwrap_or("<end of file>"),
            expected.lines().nth(line).unwrap_or("<end of file>"),
        );
    }
}

#[test]
fn every_type_a_command_takes_or_returns_is_a_listed_wire_type() {
    let commands: Vec<CommandTypes> = sources("commands")
        .iter()
        .flat_map(|(_, text)| command_types(text))
        .collect();
    let found: BTreeSet<&str> = commands.iter().map(|c| c.name.as_str()).collect();
    let listed_commands: BTreeSet<&str> = COMMANDS.iter().copied().collect();
    assert_eq!(
        found, listed_commands,
        "the commands found in src/commands/ differ from COMMANDS"
    );
    let problems = unlisted_command_types(&commands, &registered_rust_names());
    assert!(
        problems.is_empty(),
        "{}\nAdd each type to dto::wire_types() and run `{REGENERATE}`.",
        problems.join("\n")
    );
}

#[test]
fn a_command_using_an_unlisted_type_is_reported() {
    let sample = "
        #[tauri::command]
        pub async fn reveal(
            state: State<'_, AppState>,
            org_id: String,
            on_step: Channel<StepDto>,
        ) -> Result<Vec<SecretDto>, CommandError> {
            todo!()
        }";
    let commands = command_types(sample);
    assert_eq!(commands.len(), 1);
    assert_eq!(commands[0].name, "reveal");
    assert_eq!(commands[0].types, ["StepDto", "SecretDto", "CommandError"]);
    let problems = unlisted_command_types(&commands, &registered_rust_names());
    assert_eq!(
        problems,
        [
            "command `reveal` uses `StepDto`",
            "command `reveal` uses `SecretDto`"
        ]
    );
}

#[test]
fn every_type_declared_in_dto_is_listed() {
    let listed = registered_rust_names();
    let mut unlisted = Vec::new();
    for (path, text) in sources("dto") {
        if path.ends_with("wire_types.rs") {
            continue;
        }
        for line in text.lines() {
            let declared = line
                .strip_prefix("pub struct ")
                .or_else(|| line.strip_prefix("pub enum "));
            if let Some(rest) = declared {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !listed.contains(name.as_str()) {
                    unlisted.push(format!("{name} ({})", path.display()));
                }
            }
        }
    }
    assert!(
        unlisted.is_empty(),
        "not in dto::wire_types(): {unlisted:?}"
    );
}

#[test]
fn every_wire_type_refers_only_to_listed_types_and_no_name_is_declared_twice() {
    let types = wire_types();
    let mut names = BTreeSet::new();
    for wire_type in &types {
        assert!(
            names.insert(wire_type.ts_name.as_str()),
            "{} is declared twice",
            wire_type.ts_name
        );
    }
    for wire_type in &types {
        for dependency in &wire_type.refers_to {
            assert!(
                names.contains(dependency.as_str()),
                "{} refers to {dependency}, which is not in dto::wire_types()",
                wire_type.rust_name
            );
        }
    }
}

#[test]
fn a_field_serde_may_omit_is_optional_in_typescript() {
    for (path, text) in sources("dto") {
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for (at, line) in lines.iter().enumerate() {
            if !line.contains("skip_serializing") {
                continue;
            }
            let start = lines[..at]
                .iter()
                .rposition(|l| !l.starts_with("#["))
                .map_or(0, |p| p + 1);
            let end = at
                + lines[at..]
                    .iter()
                    .take_while(|l| l.starts_with("#["))
                    .count();
            assert!(
                lines[start..end]
                    .iter()
                    .any(|l| l.starts_with("#[ts(optional")),
                "{}:{}: a field serde may leave out needs #[ts(optional)], or TypeScript \
                 will expect it to be present",
                path.display(),
                at + 1
            );
        }
    }
}

/// The code of a declaration without comments, whitespace, trailing commas or a leading `|`.
fn code_only(text: &str) -> String {
    let code: String = tokens(text)
        .into_iter()
        .filter_map(|token| match token {
            Token::Comment(_) => None,
            Token::Word(word) => Some(format!("{word} ")),
            Token::Punct(c) => Some(c.to_string()),
        })
        .collect();
    code.replace(",}", "}").replace("=|", "=")
}

/// The words of a declaration's comments.
fn comment_words(text: &str) -> Vec<String> {
    tokens(text)
        .into_iter()
        .filter_map(|token| match token {
            Token::Comment(comment) => Some(comment),
            _ => None,
        })
        .flat_map(str::split_whitespace)
        .filter(|word| !matches!(*word, "/**" | "*" | "*/"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn laying_out_a_declaration_changes_its_layout_not_its_meaning() {
    for wire_type in wire_types() {
        let laid_out = layout(&wire_type.declaration);
        assert_eq!(code_only(&laid_out), code_only(&wire_type.declaration));
        assert_eq!(
            comment_words(&laid_out),
            comment_words(&wire_type.declaration)
        );
        assert!(laid_out.lines().all(|line| line == line.trim_end()));
    }
}

#[test]
fn a_declaration_is_laid_out_one_field_per_line_with_short_objects_on_one_line() {
    let declaration = "/**\n * Tagged.\n */\nexport type CacheState = { \"state\": \"on\" } | \
                       { \"state\": \"off\", \n/**\n * Why.\n */\nreason: string, \
                       codes: Array<string>, };";
    assert_eq!(
        layout(declaration),
        "/** Tagged. */\n\
         export type CacheState =\n  \
           | { \"state\": \"on\" }\n  \
           | {\n    \
               \"state\": \"off\",\n    \
               /** Why. */\n    \
               reason: string,\n    \
               codes: Array<string>,\n  \
             };\n"
    );
}
