//! Lays out ts-rs declarations, which come as one line with their JSDoc folded in, as readable
//! TypeScript: one field per line, short objects and one-line docs on one line, and long unions
//! one member per line. Only whitespace, trailing commas and doc-comment layout change.

/// A piece of a declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// A `/** … */` comment.
    Comment(&'a str),
    /// A name, keyword or string literal.
    Word(&'a str),
    /// One punctuation character.
    Punct(char),
}

const PUNCT: &str = "{}[]()<>,;:|&=?";

/// Splits a declaration into tokens, dropping whitespace outside comments and string literals.
pub fn tokens(source: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut rest = source.trim_start();
    while let Some(first) = rest.chars().next() {
        let len = if rest.starts_with("/*") {
            rest.find("*/").map_or(rest.len(), |end| end + 2)
        } else if first == '"' {
            string_literal_len(rest)
        } else if PUNCT.contains(first) {
            1
        } else {
            rest.find(|c: char| c.is_whitespace() || c == '"' || PUNCT.contains(c))
                .unwrap_or(rest.len())
        };
        let (text, tail) = rest.split_at(len);
        out.push(if text.starts_with("/*") {
            Token::Comment(text)
        } else if len == 1 && PUNCT.contains(first) {
            Token::Punct(first)
        } else {
            Token::Word(text)
        });
        rest = tail.trim_start();
    }
    out
}

fn string_literal_len(text: &str) -> usize {
    let mut escaped = false;
    for (at, c) in text.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return at + 1,
            _ => {}
        }
    }
    text.len()
}

/// Where the closing brace of the `{` at `open` is.
fn matching_brace(tokens: &[Token<'_>], open: usize) -> usize {
    let mut depth = 0;
    for (at, token) in tokens.iter().enumerate().skip(open) {
        match token {
            Token::Punct('{') => depth += 1,
            Token::Punct('}') if depth == 1 => return at,
            Token::Punct('}') => depth -= 1,
            _ => {}
        }
    }
    tokens.len()
}

/// Whether the right-hand side of a declaration is a union worth one member per line.
fn breaks_union(rest: &[Token<'_>]) -> bool {
    let mut depth = 0;
    let (mut has_union, mut has_comment, mut length) = (false, false, 0);
    for token in rest {
        match token {
            Token::Punct('{' | '<' | '(') => depth += 1,
            Token::Punct('}' | '>' | ')') => depth -= 1,
            Token::Punct('|') if depth == 0 => has_union = true,
            Token::Punct(';') if depth == 0 => break,
            Token::Comment(_) => has_comment = true,
            _ => {}
        }
        length += match token {
            Token::Comment(text) | Token::Word(text) => text.len() + 1,
            Token::Punct(_) => 2,
        };
    }
    has_union && (has_comment || length > 80)
}

#[derive(Default)]
struct Printer {
    out: String,
    depth: usize,
    line_start: bool,
    space: bool,
}

impl Printer {
    fn newline(&mut self) {
        self.out.truncate(self.out.trim_end_matches(' ').len());
        self.out.push('\n');
        (self.line_start, self.space) = (true, false);
    }

    fn write(&mut self, text: &str) {
        if self.line_start {
            self.out.push_str(&"  ".repeat(self.depth));
            self.line_start = false;
        }
        self.out.push_str(text);
        self.space = false;
    }

    fn word(&mut self, text: &str) {
        if self.space {
            self.write(" ");
        }
        self.write(text);
        self.space = true;
    }

    fn comment(&mut self, text: &str) {
        if !self.line_start {
            self.newline();
        }
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        match lines.as_slice() {
            ["/**", line, "*/"] => {
                let line = line.trim_start_matches('*').trim();
                self.write(&format!("/** {line} */"));
            }
            _ => {
                for (at, line) in lines.iter().enumerate() {
                    if at > 0 {
                        self.newline();
                        self.write(" ");
                    }
                    self.write(line);
                }
            }
        }
        self.newline();
    }
}

/// The declaration laid out over lines, ending with a newline.
pub fn layout(declaration: &str) -> String {
    let tokens = tokens(declaration);
    let mut printer = Printer {
        line_start: true,
        ..Printer::default()
    };
    // For each open brace: whether its object is written on one line.
    let mut braces: Vec<bool> = Vec::new();
    let (mut angles, mut union_lines) = (0, false);
    for (at, token) in tokens.iter().enumerate() {
        let inline = braces.last().copied().unwrap_or(false);
        match *token {
            Token::Comment(text) => printer.comment(text),
            Token::Word(text) => printer.word(text),
            Token::Punct('{') => {
                let close = matching_brace(&tokens, at);
                let body = &tokens[at + 1..close.min(tokens.len())];
                let one_line = inline
                    || !body
                        .iter()
                        .any(|t| matches!(t, Token::Comment(_) | Token::Punct('{')));
                printer.word("{");
                if one_line {
                    printer.write(" ");
                } else {
                    printer.depth += 1;
                    printer.newline();
                }
                braces.push(one_line);
            }
            Token::Punct('}') => {
                braces.pop();
                if inline {
                    printer.write(" }");
                } else {
                    if !printer.line_start {
                        printer.newline();
                    }
                    printer.depth -= 1;
                    printer.write("}");
                }
                printer.space = true;
            }
            Token::Punct(',') if angles > 0 => printer.write(", "),
            Token::Punct(',') if inline => {
                if tokens.get(at + 1) != Some(&Token::Punct('}')) {
                    printer.write(", ");
                }
            }
            Token::Punct(',') => {
                printer.write(",");
                printer.newline();
            }
            Token::Punct('=') if braces.is_empty() && breaks_union(&tokens[at + 1..]) => {
                union_lines = true;
                printer.write(" =");
                printer.depth += 1;
                printer.newline();
                printer.write("| ");
            }
            Token::Punct('|') if union_lines && braces.is_empty() && angles == 0 => {
                printer.newline();
                printer.write("| ");
            }
            Token::Punct(';') if union_lines && braces.is_empty() => {
                printer.depth -= 1;
                union_lines = false;
                printer.write(";");
            }
            Token::Punct(c @ ('=' | '|' | '&')) => printer.write(&format!(" {c} ")),
            Token::Punct(':') => printer.write(": "),
            Token::Punct('<') => {
                angles += 1;
                printer.write("<");
            }
            Token::Punct('>') => {
                angles -= 1;
                printer.write(">");
                printer.space = true;
            }
            Token::Punct(c @ (')' | ']')) => {
                printer.write(&c.to_string());
                printer.space = true;
            }
            Token::Punct(c) => printer.write(&c.to_string()),
        }
    }
    if !printer.line_start {
        printer.newline();
    }
    printer.out
}
