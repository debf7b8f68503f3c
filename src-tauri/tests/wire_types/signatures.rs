//! Reads the `#[tauri::command]` functions of `src/commands/` as text and names the types each
//! one takes from or gives to the webview. `State<…>` and `AppHandle` arguments are Tauri's, not
//! the webview's; `Result`, `Option`, `Vec`, `String`, `Channel` and `Input` (an argument decoded
//! and bounded by `src/input.rs`) are wrappers around the types that matter.

/// One command: its name and the named types in its arguments and result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandTypes {
    /// The function's name, which is the command's name.
    pub name: String,
    /// E.g. `["KeyQueryDto", "KeyPageDto", "CommandError"]`.
    pub types: Vec<String>,
}

const WRAPPERS: &[&str] = &["Result", "Option", "Vec", "String", "Channel", "Input"];
const TAURI_ARGUMENTS: &[&str] = &["State<", "tauri::State<", "AppHandle", "tauri::AppHandle"];

/// Every command in one source file.
pub fn command_types(source: &str) -> Vec<CommandTypes> {
    source
        .split("#[tauri::command]")
        .skip(1)
        .filter_map(|after| {
            let after = &after[after.find("fn ")? + 3..];
            let open = after.find('(')?;
            let close = open + closing_paren(&after[open..])?;
            let body = close + after[close..].find('{')?;
            let mut types = Vec::new();
            for argument in top_level_split(&after[open + 1..close]) {
                let ty = argument.split_once(':').map_or("", |(_, ty)| ty.trim());
                if !TAURI_ARGUMENTS.iter().any(|tauri| ty.starts_with(tauri)) {
                    types.extend(named_types(ty));
                }
            }
            let result = after[close + 1..body].trim().trim_start_matches("->");
            types.extend(named_types(result));
            Some(CommandTypes {
                name: after[..open].trim().to_owned(),
                types,
            })
        })
        .collect()
}

/// Where the parenthesis opening `text` closes.
fn closing_paren(text: &str) -> Option<usize> {
    let mut depth = 0;
    for (at, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 1 => return Some(at),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The arguments of a parameter list, split at commas outside `<…>` and `(…)`.
fn top_level_split(list: &str) -> Vec<&str> {
    let (mut parts, mut depth, mut start) = (Vec::new(), 0_i32, 0);
    for (at, c) in list.char_indices() {
        match c {
            '<' | '(' => depth += 1,
            '>' | ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(list[start..at].trim());
                start = at + 1;
            }
            _ => {}
        }
    }
    parts.push(list[start..].trim());
    parts.retain(|part| !part.is_empty());
    parts
}

/// The capitalised names in a type, without the wrappers.
fn named_types(ty: &str) -> Vec<String> {
    ty.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|name| name.starts_with(|c: char| c.is_ascii_uppercase()))
        .filter(|name| !WRAPPERS.contains(name))
        .map(str::to_owned)
        .collect()
}
