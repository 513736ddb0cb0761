//! Reads the resume-related arguments of a pasted `wandb.init(...)` call, exactly as Python
//! evaluates them: `ast.parse` for the syntax, `ast.literal_eval` for the values. Checked
//! against the real Python by the vectors in `tests/vectors/init_call.json`
//! (`scripts/gen_parser_vectors.py`).
//!
//! What is accepted:
//!
//! * a call anywhere in pasted Python: `wandb.init(…)`, `run = wandb.init(…)`,
//!   `with wandb.init(…) as run:`, with other lines before and after. The call read is the
//!   first `wandb.init(`; if there is none, the first `<alias>.init(` after
//!   `import wandb as <alias>`; if there is none, the first bare `init(` (as after
//!   `from wandb import init`). Other lines are only tokenized (strings, comments, brackets),
//!   not parsed, and their indentation is ignored, so an indented fragment or a notebook cell
//!   with `!pip` lines can be pasted;
//! * with no such call, a bare keyword list as given to a CLI flag: `resume=True, id="abc"`.
//!
//! The keyword arguments read are `resume`, `id`, `notes`, `resume_from`, `fork_from` and `mode`. Their
//! values must be literals (`True`, `False`, `None`, strings in every quote style and prefix,
//! implicitly concatenated, with every escape), an f-string without placeholders, or an
//! environment lookup (`os.environ["X"]`, `os.environ.get("X", "d")`, `os.getenv("X")`,
//! `environ[…]`, `getenv(…)`), which is recorded in
//! [`from_environment`](InitCall::from_environment). Every other keyword argument is skipped
//! (its expression is still checked for syntax) and its name listed — except `settings`,
//! whose form (`wandb.Settings(...)`, `<alias>.Settings(...)`, `dict(...)` or a dict display)
//! and key names are read into [`InitArgs::settings`]; a `settings=` whose value is only known
//! when the script runs (a variable, a function's result) is listed and noted
//! (`settings-not-read`), and keys behind `**` or computed ones are noted
//! (`settings-keys-unread`).
//!
//! Not modelled, and refused rather than guessed: `\N{NAME}` escapes in a read argument (no
//! Unicode name table is carried) and non-ASCII keyword names (Python folds identifiers with
//! NFKC, so `ｉｄ=` is `id=`). f-strings are tokenized as Python 3.11 does (before PEP 701).
//! Brackets nested more than about 25 deep inside the call are refused (`syntax`), so hostile
//! input cannot exhaust the stack.
//!
//! Where this is more lenient than compiling the pasted text as a module: lines outside the
//! call are not parsed (an indented fragment, a `with …:` line without its body, an IPython
//! `!pip` line, or stray text after the call's `)` on the same line are all accepted), and
//! `await` is accepted anywhere (a notebook or an `async def` body allows it). Their strings,
//! comments and brackets are still tokenized, so an unterminated string or an unbalanced
//! bracket anywhere is an error, as it is for Python.

use crate::text::has_char;
use std::collections::BTreeSet;

use crate::model::{InitArgs, ResumeArg, SettingsArg, SettingsForm};
use crate::parse_error::{ParseError, ParseErrorKind, ParseNote, SourcePosition, check_input_size};

/// What a pasted `wandb.init(...)` call (or keyword list) passes for resuming.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InitCall {
    /// The literal values of `resume`, `id`, `notes`, `resume_from`, `fork_from`, `mode`, and the
    /// form and key names of `settings`; an argument given as `None`, read from the
    /// environment, or not given is absent.
    pub init: InitArgs,
    /// The read arguments given explicitly as `None`, in order (Python names, e.g. `resume`).
    pub explicit_none: Vec<String>,
    /// The read arguments whose value is an environment lookup, known only when the job runs.
    pub from_environment: Vec<FromEnvironment>,
    /// Names of the other keyword arguments, in order (`project`, `config`, …).
    pub other_arguments: Vec<String>,
    /// Non-fatal findings: which call was read, f-strings, unrecognized escapes, …
    pub notes: Vec<ParseNote>,
}

crate::json_object!(InitCall {
    "init": init,
    "explicitNone": explicit_none,
    "fromEnvironment": from_environment,
    "otherArguments": other_arguments,
    "notes": notes,
});

/// A read argument whose value comes from the environment, e.g. `id=os.environ["RUN_ID"]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FromEnvironment {
    /// The argument: `resume`, `id`, `notes`, `resume_from`, `fork_from` or `mode`.
    pub field: String,
    /// The environment variable read.
    pub variable: String,
    /// The default given to `.get(…)` / `getenv(…)`; absent when none (or `None`).
    pub default: Option<String>,
    /// Line of the value, from 1.
    pub line: u32,
    /// Column (in characters) of the value, from 1.
    pub column: u32,
}

crate::json_object!(FromEnvironment {
    "field": field,
    "variable": variable,
    "default": default,
    "line": line,
    "column": column,
});

/// The keyword arguments whose values are read.
pub const READ_ARGUMENTS: [&str; 6] = ["resume", "id", "notes", "resume_from", "fork_from", "mode"];

/// Reads the resume-related arguments of the first `wandb.init(...)` call in `text`, or of
/// `text` as a bare keyword list when it has no such call.
///
/// Errors (each with a position): `input-too-large`, `syntax`, `unterminated-string`,
/// `invalid-escape`, `no-call`, `positional-argument`, `repeated-argument`, `non-literal`,
/// `unsupported-value`, `unsupported-literal`, `lone-surrogate`.
pub fn parse_init_call(text: &str) -> Result<InitCall, ParseError> {
    check_input_size(text)?;
    let mut notes = Vec::new();
    let src = Src::new(text, &mut notes)?;
    let toks = tokenize(&src)?;
    let (start, mode) = find_call(&toks, &mut notes)?;
    let mut p = Parser {
        toks: &toks,
        i: start,
        depth: 0,
        late_syntax: Vec::new(),
        compile_errors: Vec::new(),
    };
    let args = match mode {
        Mode::Call { paren } => p.arglist(Close::Paren(paren))?,
        Mode::KeywordList => p.arglist(Close::Eof)?,
    };
    if let Some(e) = p.late_syntax.into_iter().next() {
        return Err(e);
    }
    if let Some(e) = p.compile_errors.into_iter().next() {
        return Err(e);
    }
    evaluate(args, notes)
}

// ---------------------------------------------------------------------------------------------
// Source with positions: newlines normalized as Python's tokenizer does (CRLF and CR are LF).

struct Src {
    chars: Vec<char>,
    pos: Vec<SourcePosition>,
    end: SourcePosition,
}

impl Src {
    fn new(text: &str, notes: &mut Vec<ParseNote>) -> Result<Self, ParseError> {
        let mut chars = Vec::with_capacity(text.len());
        let mut pos = Vec::with_capacity(text.len());
        let (mut line, mut column) = (1u32, 1u32);
        let mut it = text.chars().peekable();
        if it.peek() == Some(&'\u{feff}') {
            it.next();
            notes.push(ParseNote::info(
                "bom",
                SourcePosition::START,
                "the text starts with a byte-order mark (U+FEFF); Python skips it at the start of a file, and so does this reading",
            ));
        }
        while let Some(c) = it.next() {
            let here = SourcePosition::new(line, column);
            if c == '\0' {
                return Err(ParseError::new(
                    ParseErrorKind::Syntax,
                    here,
                    "the text contains a NUL character; Python refuses source code with null bytes",
                ));
            }
            if c == '\r' || c == '\n' {
                if c == '\r' && it.peek() == Some(&'\n') {
                    it.next();
                }
                chars.push('\n');
                pos.push(here);
                line = line.saturating_add(1);
                column = 1;
                continue;
            }
            chars.push(c);
            pos.push(here);
            column = column.saturating_add(1);
        }
        Ok(Src {
            chars,
            pos,
            end: SourcePosition::new(line, column),
        })
    }

    fn at(&self, i: usize) -> SourcePosition {
        self.pos.get(i).copied().unwrap_or(self.end)
    }
}

// ---------------------------------------------------------------------------------------------
// Tokens

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NumKind {
    Int,
    Float,
    Imaginary,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StrKind {
    Str,
    Bytes,
    /// An f-string; `true` when it has `{…}` placeholders.
    F(bool),
}

/// One string literal token, decoded.
#[derive(Clone, Debug)]
struct StrTok {
    kind: StrKind,
    value: String,
    /// A `\N{…}` escape (its value is not known here).
    named_escape: Option<SourcePosition>,
    /// A `\ud800`-style escape: a lone surrogate.
    surrogate: Option<SourcePosition>,
    /// An escape Python does not recognize (`\d`): the backslash is kept.
    unknown_escape: Option<SourcePosition>,
}

#[derive(Clone, Debug)]
enum T {
    Name(String),
    Num(NumKind),
    Str(Box<StrTok>),
    Op(&'static str),
    /// A character Python's tokenizer refuses outside strings (`$`, `?`, `!`, …); an error only
    /// inside the call.
    Bad(char),
    Eof,
}

#[derive(Clone, Debug)]
struct Token {
    t: T,
    pos: SourcePosition,
}

const OPERATORS: &[&str] = &[
    "**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=",
    "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "+", "-", "*", "/", "%", "@", "&", "|",
    "^", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "=",
];

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

fn is_id_start(c: char) -> bool {
    c == '_' || c.is_ascii_alphabetic() || (!c.is_ascii() && c.is_alphabetic())
}

fn is_id_char(c: char) -> bool {
    c == '_'
        || c.is_ascii_alphanumeric()
        || (!c.is_ascii() && (crate::pyunicode::is_word_char(c) || c.is_alphanumeric()))
}

fn err(kind: ParseErrorKind, pos: SourcePosition, message: impl Into<String>) -> ParseError {
    ParseError::new(kind, pos, message)
}

fn syntax(pos: SourcePosition, message: impl Into<String>) -> ParseError {
    err(ParseErrorKind::Syntax, pos, message)
}

fn tokenize(src: &Src) -> Result<Vec<Token>, ParseError> {
    let c = &src.chars;
    let at = |k: usize| c.get(k).copied();
    let mut toks = Vec::new();
    let mut i = 0;
    // Open brackets, as Python's tokenizer tracks them.
    let mut open: Vec<(char, SourcePosition)> = Vec::new();
    while let Some(ch) = at(i) {
        let pos = src.at(i);
        match ch {
            '(' | '[' | '{' => {
                if open.len() >= 200 {
                    return Err(syntax(pos, "too many nested parentheses"));
                }
                open.push((ch, pos));
                toks.push(Token {
                    t: T::Op(match ch {
                        '(' => "(",
                        '[' => "[",
                        _ => "{",
                    }),
                    pos,
                });
                i += 1;
            }
            ')' | ']' | '}' => {
                let want = match ch {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                match open.pop() {
                    None => return Err(syntax(pos, format!("unmatched '{ch}'"))),
                    Some((o, _)) if o != want => {
                        return Err(syntax(
                            pos,
                            format!(
                                "closing parenthesis '{ch}' does not match opening parenthesis '{o}'"
                            ),
                        ));
                    }
                    Some(_) => {}
                }
                toks.push(Token {
                    t: T::Op(match ch {
                        ')' => ")",
                        ']' => "]",
                        _ => "}",
                    }),
                    pos,
                });
                i += 1;
            }
            ' ' | '\t' | '\u{c}' | '\n' => i += 1,
            '#' => {
                while at(i).is_some_and(|c| c != '\n') {
                    i += 1;
                }
            }
            '\\' if at(i + 1) == Some('\n') => i += 2,
            '\\' => {
                return Err(syntax(
                    pos,
                    "unexpected character after line continuation character (a backslash outside a string must end its line)",
                ));
            }
            '\'' | '"' => {
                let (tok, next) = string(src, i, i, "")?;
                toks.push(Token {
                    t: T::Str(Box::new(tok)),
                    pos,
                });
                i = next;
            }
            c0 if is_id_start(c0) => {
                let start = i;
                while at(i).is_some_and(is_id_char) {
                    i += 1;
                }
                let name: String = c.get(start..i).unwrap_or(&[]).iter().collect();
                let lower = name.to_ascii_lowercase();
                if matches!(at(i), Some('\'' | '"'))
                    && matches!(
                        lower.as_str(),
                        "r" | "u" | "f" | "b" | "br" | "rb" | "fr" | "rf"
                    )
                {
                    let (tok, next) = string(src, start, i, &lower)?;
                    toks.push(Token {
                        t: T::Str(Box::new(tok)),
                        pos,
                    });
                    i = next;
                } else {
                    toks.push(Token {
                        t: T::Name(name),
                        pos,
                    });
                }
            }
            d if d.is_ascii_digit()
                || (d == '.' && at(i + 1).is_some_and(|n| n.is_ascii_digit())) =>
            {
                let (kind, next) = number(src, i)?;
                toks.push(Token {
                    t: T::Num(kind),
                    pos,
                });
                i = next;
            }
            _ => {
                let op = OPERATORS
                    .iter()
                    .find(|op| op.chars().enumerate().all(|(k, oc)| at(i + k) == Some(oc)));
                match op {
                    Some(op) => {
                        toks.push(Token { t: T::Op(op), pos });
                        i += crate::text::char_count(op);
                    }
                    None => {
                        toks.push(Token { t: T::Bad(ch), pos });
                        i += 1;
                    }
                }
            }
        }
    }
    if let Some((o, p)) = open.pop() {
        return Err(syntax(p, format!("'{o}' was never closed")));
    }
    toks.push(Token {
        t: T::Eof,
        pos: src.end,
    });
    Ok(toks)
}

/// A number starting at `i`: its kind and where it ends. Refuses what Python's tokenizer
/// refuses (`01`, `1_`, `0x`, `1e`, `1abc`).
fn number(src: &Src, mut i: usize) -> Result<(NumKind, usize), ParseError> {
    let c = &src.chars;
    let at = |k: usize| c.get(k).copied();
    let pos = src.at(i);
    let bad = |what: &str| syntax(pos, format!("invalid {what} literal"));
    // digits of `radix` with single underscores between them; returns how many digits
    let digits = |i: &mut usize, radix: u32| -> Result<usize, ParseError> {
        let mut n = 0;
        loop {
            match at(*i) {
                Some(d) if crate::text::digit_value(d, radix).is_some() => {
                    n += 1;
                    *i += 1;
                }
                Some('_')
                    if n > 0
                        && at(*i + 1)
                            .is_some_and(|d| crate::text::digit_value(d, radix).is_some()) =>
                {
                    *i += 1
                }
                Some('_') => return Err(syntax(src.at(*i), "invalid decimal literal")),
                _ => return Ok(n),
            }
        }
    };
    let mut kind = NumKind::Int;
    if at(i) == Some('0') && matches!(at(i + 1), Some('x' | 'X' | 'o' | 'O' | 'b' | 'B')) {
        let (radix, name) = match at(i + 1) {
            Some('x' | 'X') => (16, "hexadecimal"),
            Some('o' | 'O') => (8, "octal"),
            _ => (2, "binary"),
        };
        i += 2;
        if at(i) == Some('_') {
            i += 1;
        }
        if digits(&mut i, radix)? == 0 {
            return Err(bad(name));
        }
        if at(i).is_some_and(|d| d.is_ascii_alphanumeric() || d == '_') {
            return Err(bad(name));
        }
        return Ok((kind, i));
    }
    let start = i;
    let int_digits = digits(&mut i, 10)?;
    let int_text: String = c.get(start..i).unwrap_or(&[]).iter().collect();
    if at(i) == Some('.') {
        i += 1;
        kind = NumKind::Float;
        digits(&mut i, 10)?;
    }
    if matches!(at(i), Some('e' | 'E')) {
        let mut j = i + 1;
        if matches!(at(j), Some('+' | '-')) {
            j += 1;
        }
        if at(j).is_some_and(|d| d.is_ascii_digit()) {
            i = j;
            digits(&mut i, 10)?;
            kind = NumKind::Float;
        } else {
            return Err(bad("decimal"));
        }
    }
    if matches!(at(i), Some('j' | 'J')) {
        i += 1;
        kind = NumKind::Imaginary;
    }
    if kind == NumKind::Int
        && int_digits > 1
        && int_text.starts_with('0')
        && int_text.chars().any(|d| d.is_ascii_digit() && d != '0')
    {
        return Err(syntax(
            pos,
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
        ));
    }
    if at(i).is_some_and(is_id_char) {
        // `1if x else y` is accepted (with a warning) before a keyword; anything else is not.
        let rest: String = c
            .get(i..)
            .unwrap_or(&[])
            .iter()
            .take_while(|ch| is_id_char(**ch))
            .collect();
        let keyword = ["and", "or", "if", "else", "in", "is", "not", "for"]
            .iter()
            .any(|k| rest.starts_with(k));
        if !keyword {
            return Err(bad("decimal"));
        }
    }
    Ok((kind, i))
}

/// A string literal whose prefix starts at `start` and whose quote is at `q`; returns the
/// decoded token and the index after it.
fn string(src: &Src, start: usize, q: usize, prefix: &str) -> Result<(StrTok, usize), ParseError> {
    let c = &src.chars;
    let at = |k: usize| c.get(k).copied();
    let pos = src.at(start);
    let quote = at(q).unwrap_or('"');
    let triple = at(q + 1) == Some(quote) && at(q + 2) == Some(quote);
    let raw = has_char(prefix, 'r');
    let bytes = has_char(prefix, 'b');
    let fstring = has_char(prefix, 'f');
    let mut i = if triple { q + 3 } else { q + 1 };
    let body_start = i;
    // Find the end: a backslash always takes the next character with it.
    let body_end = loop {
        match at(i) {
            None => {
                return Err(err(
                    ParseErrorKind::UnterminatedString,
                    pos,
                    if triple {
                        "this triple-quoted string is never closed"
                    } else {
                        "this string is never closed"
                    },
                ));
            }
            Some('\\') => i += 2,
            Some('\n') if !triple => {
                return Err(err(
                    ParseErrorKind::UnterminatedString,
                    pos,
                    "this string is never closed before the end of its line (use a triple-quoted string, or \\n, for a newline)",
                ));
            }
            Some(ch) if ch == quote => {
                if !triple {
                    break i;
                }
                if at(i + 1) == Some(quote) && at(i + 2) == Some(quote) {
                    break i;
                }
                i += 1;
            }
            Some(_) => i += 1,
        }
    };
    let next = if triple { body_end + 3 } else { body_end + 1 };
    let body: Vec<(char, SourcePosition)> = (body_start..body_end.min(c.len()))
        .filter_map(|k| at(k).map(|ch| (ch, src.at(k))))
        .collect();
    if bytes {
        if let Some((_, p)) = body.iter().find(|(ch, _)| !ch.is_ascii()) {
            return Err(syntax(
                *p,
                "bytes can only contain ASCII literal characters",
            ));
        }
    }
    let mut tok = StrTok {
        kind: if bytes {
            StrKind::Bytes
        } else if fstring {
            StrKind::F(false)
        } else {
            StrKind::Str
        },
        value: String::new(),
        named_escape: None,
        surrogate: None,
        unknown_escape: None,
    };
    if fstring {
        fstring_body(&body, raw, &mut tok)?;
    } else {
        decode(&body, raw, bytes, &mut tok)?;
    }
    Ok((tok, next))
}

/// Decodes the escapes of a (non-f) string body into `tok.value`.
fn decode(
    body: &[(char, SourcePosition)],
    raw: bool,
    bytes: bool,
    tok: &mut StrTok,
) -> Result<(), ParseError> {
    let get = |k: usize| body.get(k).map(|(c, _)| *c);
    let mut i = 0;
    while let Some((ch, p)) = body.get(i).copied() {
        if ch != '\\' || raw {
            tok.value.push(ch);
            i += 1;
            continue;
        }
        let Some(e) = get(i + 1) else {
            tok.value.push('\\');
            break;
        };
        i += 2;
        let invalid = |what: &str| {
            err(
                ParseErrorKind::InvalidEscape,
                p,
                format!("{what}; Python refuses this string (SyntaxError)"),
            )
        };
        match e {
            '\n' => {}
            '\\' | '\'' | '"' => tok.value.push(e),
            'a' => tok.value.push('\u{7}'),
            'b' => tok.value.push('\u{8}'),
            'f' => tok.value.push('\u{c}'),
            'n' => tok.value.push('\n'),
            'r' => tok.value.push('\r'),
            't' => tok.value.push('\t'),
            'v' => tok.value.push('\u{b}'),
            '0'..='7' => {
                let mut v = crate::text::digit_value(e, 8).unwrap_or(0);
                for _ in 0..2 {
                    match get(i).and_then(|d| crate::text::digit_value(d, 8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            i += 1;
                        }
                        None => break,
                    }
                }
                if bytes {
                    v &= 0xFF;
                }
                push_code(tok, v, p);
            }
            'x' => {
                let v = fixed_hex(body, i, 2)
                    .ok_or_else(|| invalid("a `\\x` escape needs exactly 2 hex digits"))?;
                i += 2;
                push_code(tok, v, p);
            }
            'u' | 'U' if !bytes => {
                let n = if e == 'u' { 4 } else { 8 };
                let v = fixed_hex(body, i, n).ok_or_else(|| {
                    invalid(&format!("a `\\{e}` escape needs exactly {n} hex digits"))
                })?;
                if v > 0x10FFFF {
                    return Err(invalid(
                        "this `\\U` escape is above U+10FFFF (illegal Unicode character)",
                    ));
                }
                i += n;
                push_code(tok, v, p);
            }
            'N' if !bytes => {
                if get(i) != Some('{') {
                    return Err(invalid("a `\\N` escape must be written `\\N{NAME}`"));
                }
                let close = body
                    .iter()
                    .skip(i + 1)
                    .position(|(c, _)| *c == '}')
                    .ok_or_else(|| invalid("a `\\N{` escape is never closed with `}`"))?;
                if close == 0 {
                    return Err(invalid("a `\\N{}` escape needs a character name"));
                }
                i += close + 2;
                tok.named_escape.get_or_insert(p);
                tok.value.push('\u{fffd}');
            }
            other => {
                tok.unknown_escape.get_or_insert(p);
                tok.value.push('\\');
                tok.value.push(other);
            }
        }
    }
    Ok(())
}

fn fixed_hex(body: &[(char, SourcePosition)], i: usize, n: usize) -> Option<u32> {
    let mut v: u32 = 0;
    for k in 0..n {
        let d = crate::text::digit_value(body.get(i + k)?.0, 16)?;
        v = v.checked_mul(16)?.checked_add(d)?;
    }
    Some(v)
}

fn push_code(tok: &mut StrTok, v: u32, p: SourcePosition) {
    match char::from_u32(v) {
        Some(ch) => tok.value.push(ch),
        None => {
            tok.surrogate.get_or_insert(p);
            tok.value.push('\u{fffd}');
        }
    }
}

/// An f-string body (Python 3.11 rules): `{{`/`}}` are braces, `{…}` a placeholder, escapes
/// decoded in the literal parts.
fn fstring_body(
    body: &[(char, SourcePosition)],
    raw: bool,
    tok: &mut StrTok,
) -> Result<(), ParseError> {
    let get = |k: usize| body.get(k).map(|(c, _)| *c);
    let mut literal: Vec<(char, SourcePosition)> = Vec::new();
    let mut i = 0;
    while let Some((ch, p)) = body.get(i).copied() {
        match ch {
            '\\' if !raw && get(i + 1) == Some('N') && get(i + 2) == Some('{') => {
                // `\N{NAME}`: the braces belong to the escape.
                let close = body
                    .iter()
                    .skip(i)
                    .position(|(c, _)| *c == '}')
                    .map(|k| k + i);
                let end = close.map_or(body.len(), |k| k + 1);
                literal.extend(body.get(i..end).unwrap_or(&[]).iter().copied());
                i = end;
            }
            '\\' => {
                literal.extend(
                    body.get(i..(i + 2).min(body.len()))
                        .unwrap_or(&[])
                        .iter()
                        .copied(),
                );
                i += 2;
            }
            '{' if get(i + 1) == Some('{') => {
                literal.push(('{', p));
                i += 2;
            }
            '}' if get(i + 1) == Some('}') => {
                literal.push(('}', p));
                i += 2;
            }
            '}' => return Err(syntax(p, "f-string: single '}' is not allowed")),
            '{' => {
                tok.kind = StrKind::F(true);
                i = placeholder_end(body, i + 1, p)?;
            }
            _ => {
                literal.push((ch, p));
                i += 1;
            }
        }
    }
    decode(&literal, raw, false, tok)
}

/// The index after the `}` closing a placeholder whose expression starts at `i`.
fn placeholder_end(
    body: &[(char, SourcePosition)],
    mut i: usize,
    open: SourcePosition,
) -> Result<usize, ParseError> {
    let get = |k: usize| body.get(k).map(|(c, _)| *c);
    let expecting = || syntax(open, "f-string: expecting '}'");
    let mut depth = 0u32;
    let mut content = false;
    let mut quote: Option<char> = None;
    while let Some((ch, p)) = body.get(i).copied() {
        if let Some(q) = quote {
            if ch == q {
                quote = None;
            }
            if ch == '\\' {
                return Err(syntax(
                    p,
                    "f-string expression part cannot include a backslash",
                ));
            }
            i += 1;
            continue;
        }
        match ch {
            '\\' => {
                return Err(syntax(
                    p,
                    "f-string expression part cannot include a backslash",
                ));
            }
            '#' => return Err(syntax(p, "f-string expression part cannot include '#'")),
            '\'' | '"' => {
                quote = Some(ch);
                content = true;
            }
            '(' | '[' | '{' => {
                depth += 1;
                content = true;
            }
            ')' | ']' if depth > 0 => depth -= 1,
            '}' if depth > 0 => depth -= 1,
            '}' | '!' | ':' if depth == 0 && !(ch == '!' && get(i + 1) == Some('=')) => {
                if !content {
                    return Err(syntax(open, "f-string: empty expression not allowed"));
                }
                if ch == '}' {
                    return Ok(i + 1);
                }
                // conversion or format spec: runs to the closing brace, nested `{}` allowed
                let mut nest = 0u32;
                i += 1;
                while let Some(c2) = get(i) {
                    match c2 {
                        '{' => nest += 1,
                        '}' if nest == 0 => return Ok(i + 1),
                        '}' => nest -= 1,
                        _ => {}
                    }
                    i += 1;
                }
                return Err(expecting());
            }
            c2 if c2.is_whitespace() => {}
            _ => content = true,
        }
        i += 1;
    }
    Err(expecting())
}

// ---------------------------------------------------------------------------------------------
// Finding the call

enum Mode {
    /// The arguments start at the token index returned; `paren` is the `(` position.
    Call {
        paren: SourcePosition,
    },
    KeywordList,
}

fn is_name(t: &T, name: &str) -> bool {
    matches!(t, T::Name(n) if n == name)
}

fn is_op(t: &T, op: &str) -> bool {
    matches!(t, T::Op(o) if *o == op)
}

fn find_call(toks: &[Token], notes: &mut Vec<ParseNote>) -> Result<(usize, Mode), ParseError> {
    let t = |k: usize| toks.get(k).map(|tok| &tok.t);
    // `import wandb as X` names an alias.
    let mut aliases: Vec<String> = Vec::new();
    for k in 0..toks.len() {
        if t(k).is_some_and(|x| is_name(x, "import"))
            && t(k + 1).is_some_and(|x| is_name(x, "wandb"))
            && t(k + 2).is_some_and(|x| is_name(x, "as"))
        {
            if let Some(T::Name(alias)) = t(k + 3) {
                aliases.push(alias.clone());
            }
        }
    }
    // Candidates: (rule, index of `init`).
    let mut found: Vec<(u8, usize)> = Vec::new();
    for k in 0..toks.len() {
        if !(t(k).is_some_and(|x| is_name(x, "init")) && t(k + 1).is_some_and(|x| is_op(x, "("))) {
            continue;
        }
        let before = k.checked_sub(1).and_then(t);
        let owner = k.checked_sub(2).and_then(t);
        let owner_dotted = k.checked_sub(3).and_then(t).is_some_and(|x| is_op(x, "."));
        let rule = if before.is_some_and(|x| is_op(x, ".")) {
            match owner {
                Some(T::Name(n)) if n == "wandb" && !owner_dotted => 0,
                Some(T::Name(n)) if aliases.contains(n) && !owner_dotted => 1,
                _ => continue,
            }
        } else if before.is_some_and(|x| is_name(x, "def")) {
            continue;
        } else {
            2
        };
        found.push((rule, k));
    }
    let Some(&(rule, k)) = found.iter().min_by_key(|(rule, k)| (*rule, *k)) else {
        return keyword_list(toks, notes);
    };
    let callee_start = if rule == 2 { k } else { k - 2 };
    let callee_pos = toks
        .get(callee_start)
        .map_or(SourcePosition::START, |x| x.pos);
    let callee = match (rule, toks.get(callee_start).map(|x| &x.t)) {
        (0 | 1, Some(T::Name(n))) => format!("{n}.init("),
        _ => "init(".to_owned(),
    };
    notes.push(ParseNote::info(
        "call-found",
        callee_pos,
        format!("read the call `{callee}` at line {}", callee_pos.line),
    ));
    if found.len() > 1 {
        let others: Vec<String> = found
            .iter()
            .filter(|(_, j)| *j != k)
            .filter_map(|(_, j)| toks.get(*j).map(|x| x.pos.line.to_string()))
            .collect();
        notes.push(ParseNote::warning(
            "several-calls",
            callee_pos,
            format!(
                "the text has {} init calls; only `{callee}` at line {} is read (others at line {})",
                found.len(),
                callee_pos.line,
                crate::text::join(&others, ", ")
            ),
        ));
    }
    let paren = toks.get(k + 1).map_or(callee_pos, |x| x.pos);
    Ok((k + 2, Mode::Call { paren }))
}

fn keyword_list(toks: &[Token], notes: &mut Vec<ParseNote>) -> Result<(usize, Mode), ParseError> {
    let first = toks.first().map(|x| (&x.t, x.pos));
    let starts_like_keyword = matches!(
        (first, toks.get(1).map(|x| &x.t)),
        (Some((T::Name(_), _)), Some(T::Op("=")))
    );
    match first {
        Some((T::Eof, p)) => {
            notes.push(ParseNote::info(
                "keyword-list",
                p,
                "the text is empty: no arguments",
            ));
            Ok((0, Mode::KeywordList))
        }
        _ if starts_like_keyword => {
            notes.push(ParseNote::info(
                "keyword-list",
                SourcePosition::START,
                "no `wandb.init(` call found; the text is read as a keyword list (`resume=True, id=\"abc\"`)",
            ));
            Ok((0, Mode::KeywordList))
        }
        Some((_, p)) => Err(err(
            ParseErrorKind::NoCall,
            p,
            "no `wandb.init(` call was found, and the text is not a keyword list like `resume=True, id=\"abc\"`",
        )),
        None => Ok((0, Mode::KeywordList)),
    }
}

// ---------------------------------------------------------------------------------------------
// Expressions: Python 3.11's grammar, kept only as far as evaluating literals needs.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Const {
    True,
    False,
    None,
    Ellipsis,
}

#[derive(Clone, Debug)]
struct StrLit {
    kind: StrKind,
    value: String,
    named_escape: Option<SourcePosition>,
    surrogate: Option<SourcePosition>,
    unknown_escape: Option<SourcePosition>,
}

#[derive(Clone, Debug)]
enum E {
    Str(Box<StrLit>),
    Const(Const),
    Num(NumKind),
    Name(String),
    Attr(Box<Expr>, String),
    Call(Box<Expr>, Vec<Arg>),
    Subscript(Box<Expr>, Box<Expr>),
    /// Unary `+` or `-`.
    Sign(Box<Expr>),
    /// Binary `+` or `-`.
    AddSub(Box<Expr>, Box<Expr>),
    Tuple(Vec<Expr>),
    List(Vec<Expr>),
    Set(Vec<Expr>),
    Dict(Vec<(Option<Expr>, Expr)>),
    Starred,
    /// Anything else, described: "a conditional expression", "a lambda", …
    Other(&'static str),
}

#[derive(Clone, Debug)]
struct Expr {
    e: E,
    pos: SourcePosition,
}

#[derive(Clone, Debug)]
enum Arg {
    Positional(Expr),
    Star(SourcePosition),
    DoubleStar(SourcePosition),
    Keyword {
        name: String,
        name_pos: SourcePosition,
        value: Expr,
    },
}

enum Close {
    Paren(SourcePosition),
    Eof,
}

const MAX_DEPTH: u32 = 50;

struct Parser<'t> {
    toks: &'t [Token],
    i: usize,
    depth: u32,
    /// Errors Python's parser raises only once the arguments parse (a positional argument
    /// after a keyword one), reported after every other syntax error.
    late_syntax: Vec<ParseError>,
    /// Errors Python raises when compiling (a keyword argument repeated), reported after all
    /// syntax errors.
    compile_errors: Vec<ParseError>,
}

impl Parser<'_> {
    fn tok(&self) -> &T {
        self.toks.get(self.i).map_or(&T::Eof, |t| &t.t)
    }

    fn tok_at(&self, k: usize) -> &T {
        self.toks.get(self.i + k).map_or(&T::Eof, |t| &t.t)
    }

    fn pos(&self) -> SourcePosition {
        self.toks
            .get(self.i)
            .or_else(|| self.toks.last())
            .map_or(SourcePosition::START, |t| t.pos)
    }

    fn bump(&mut self) {
        self.i += 1;
    }

    fn at_op(&self, op: &str) -> bool {
        is_op(self.tok(), op)
    }

    fn at_kw(&self, kw: &str) -> bool {
        is_name(self.tok(), kw)
    }

    fn eat_op(&mut self, op: &str) -> bool {
        if self.at_op(op) {
            self.bump();
            true
        } else {
            false
        }
    }

    fn unexpected(&self) -> ParseError {
        let pos = self.pos();
        match self.tok() {
            T::Eof => syntax(
                pos,
                "unexpected end of the text: a bracket or expression is not finished",
            ),
            T::Bad(c) => syntax(
                pos,
                format!("invalid character `{c}` (U+{:04X})", *c as u32),
            ),
            T::Op(o) => syntax(pos, format!("invalid syntax at `{o}`")),
            T::Name(n) => syntax(pos, format!("invalid syntax at `{n}`")),
            T::Num(_) => syntax(pos, "invalid syntax at a number"),
            T::Str(_) => syntax(pos, "invalid syntax at a string"),
        }
    }

    fn expect_op(&mut self, op: &str) -> Result<(), ParseError> {
        if self.eat_op(op) {
            Ok(())
        } else {
            Err(self.unexpected())
        }
    }

    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(syntax(
                self.pos(),
                format!("brackets or operators are nested more than {MAX_DEPTH} levels deep"),
            ));
        }
        Ok(())
    }

    fn other(pos: SourcePosition, what: &'static str) -> Expr {
        Expr {
            e: E::Other(what),
            pos,
        }
    }

    /// `test`: a full expression (conditional, lambda).
    fn test(&mut self) -> Result<Expr, ParseError> {
        self.enter()?;
        let r = self.test_inner();
        self.depth -= 1;
        r
    }

    fn test_inner(&mut self) -> Result<Expr, ParseError> {
        let pos = self.pos();
        if self.at_kw("lambda") {
            self.bump();
            self.lambda_params()?;
            self.test()?;
            return Ok(Self::other(pos, "a lambda"));
        }
        let e = self.or_test()?;
        if self.at_kw("if") {
            self.bump();
            self.or_test()?;
            if !self.at_kw("else") {
                return Err(self.unexpected());
            }
            self.bump();
            self.test()?;
            return Ok(Self::other(pos, "a conditional expression"));
        }
        Ok(e)
    }

    fn lambda_params(&mut self) -> Result<(), ParseError> {
        loop {
            match self.tok() {
                T::Op(":") => {
                    self.bump();
                    return Ok(());
                }
                T::Op("," | "*" | "**" | "/") => self.bump(),
                T::Name(n) if !KEYWORDS.contains(&n.as_str()) => {
                    self.bump();
                    if self.eat_op("=") {
                        self.test()?;
                    }
                }
                _ => return Err(self.unexpected()),
            }
        }
    }

    /// `namedexpr_test`: a test, or `NAME := test`.
    fn named(&mut self) -> Result<Expr, ParseError> {
        let pos = self.pos();
        let e = self.test()?;
        if self.at_op(":=") {
            if !matches!(e.e, E::Name(_)) {
                return Err(syntax(
                    pos,
                    "cannot use assignment expressions with this target",
                ));
            }
            self.bump();
            self.test()?;
            return Ok(Self::other(pos, "an assignment expression"));
        }
        Ok(e)
    }

    /// A `*expr` (in displays) or a named expression.
    fn star_or_named(&mut self) -> Result<Expr, ParseError> {
        let pos = self.pos();
        if self.eat_op("*") {
            self.bitor()?;
            return Ok(Expr { e: E::Starred, pos });
        }
        self.named()
    }

    fn or_test(&mut self) -> Result<Expr, ParseError> {
        let pos = self.pos();
        let mut e = self.and_test()?;
        while self.at_kw("or") {
            self.bump();
            self.and_test()?;
            e = Self::other(pos, "a boolean expression");
        }
        Ok(e)
    }

    fn and_test(&mut self) -> Result<Expr, ParseError> {
        let pos = self.pos();
        let mut e = self.not_test()?;
        while self.at_kw("and") {
            self.bump();
            self.not_test()?;
            e = Self::other(pos, "a boolean expression");
        }
        Ok(e)
    }

    fn not_test(&mut self) -> Result<Expr, ParseError> {
        let pos = self.pos();
        if self.at_kw("not") {
            self.bump();
            self.enter()?;
            let r = self.not_test();
            self.depth -= 1;
            r?;
            return Ok(Self::other(pos, "a `not` expression"));
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, ParseError> {
        let pos = self.pos();
        let mut e = self.bitor()?;
        loop {
            let op = match self.tok() {
                T::Op("<" | ">" | "==" | ">=" | "<=" | "!=") => 1,
                T::Name(n) if n == "in" || n == "is" => 1,
                T::Name(n) if n == "not" && is_name(self.tok_at(1), "in") => 2,
                _ => break,
            };
            self.i += op;
            if op == 1
                && is_name(self.tok_at(0), "not")
                && is_name(self.toks.get(self.i - 1).map_or(&T::Eof, |t| &t.t), "is")
            {
                self.bump();
            }
            self.bitor()?;
            e = Self::other(pos, "a comparison");
        }
        Ok(e)
    }

    fn binary_level(
        &mut self,
        ops: &[&str],
        next: fn(&mut Self) -> Result<Expr, ParseError>,
    ) -> Result<Expr, ParseError> {
        let pos = self.pos();
        let mut e = next(self)?;
        while ops.iter().any(|op| self.at_op(op)) {
            self.bump();
            next(self)?;
            e = Self::other(pos, "an operator expression");
        }
        Ok(e)
    }

    fn bitor(&mut self) -> Result<Expr, ParseError> {
        self.binary_level(&["|"], Self::xor)
    }

    fn xor(&mut self) -> Result<Expr, ParseError> {
        self.binary_level(&["^"], Self::and)
    }

    fn and(&mut self) -> Result<Expr, ParseError> {
        self.binary_level(&["&"], Self::shift)
    }

    fn shift(&mut self) -> Result<Expr, ParseError> {
        self.binary_level(&["<<", ">>"], Self::arith)
    }

    fn arith(&mut self) -> Result<Expr, ParseError> {
        let pos = self.pos();
        let mut e = self.term()?;
        let mut ops = 0;
        while self.at_op("+") || self.at_op("-") {
            self.bump();
            let r = self.term()?;
            ops += 1;
            // Only `a ± b` can be a literal (a complex number); longer chains are kept flat.
            e = if ops == 1 {
                Expr {
                    e: E::AddSub(Box::new(e), Box::new(r)),
                    pos,
                }
            } else {
                Self::other(pos, "an operator expression")
            };
        }
        Ok(e)
    }

    fn term(&mut self) -> Result<Expr, ParseError> {
        self.binary_level(&["*", "@", "/", "%", "//"], Self::factor)
    }

    fn factor(&mut self) -> Result<Expr, ParseError> {
        let pos = self.pos();
        let sign = self.at_op("+") || self.at_op("-");
        if sign || self.at_op("~") {
            self.bump();
            self.enter()?;
            let r = self.factor();
            self.depth -= 1;
            let operand = r?;
            return Ok(if sign {
                Expr {
                    e: E::Sign(Box::new(operand)),
                    pos,
                }
            } else {
                Self::other(pos, "an operator expression")
            });
        }
        self.power()
    }

    fn power(&mut self) -> Result<Expr, ParseError> {
        let pos = self.pos();
        let awaited = self.at_kw("await");
        if awaited {
            self.bump();
        }
        let e = self.primary()?;
        if self.eat_op("**") {
            self.enter()?;
            let r = self.factor();
            self.depth -= 1;
            r?;
            return Ok(Self::other(pos, "an operator expression"));
        }
        if awaited {
            return Ok(Self::other(pos, "an `await` expression"));
        }
        Ok(e)
    }

    fn primary(&mut self) -> Result<Expr, ParseError> {
        let mut e = self.atom()?;
        let pos = e.pos;
        let mut trailers = 0;
        loop {
            // `os.environ.get(…)` needs three trailers; longer chains are kept flat, so that
            // no expression tree is deep.
            trailers += 1;
            if trailers > 4 {
                e = Self::other(pos, "an expression");
            }
            if self.eat_op(".") {
                match self.tok().clone() {
                    T::Name(n) if !KEYWORDS.contains(&n.as_str()) => {
                        self.bump();
                        e = Expr {
                            e: E::Attr(Box::new(e), n),
                            pos,
                        };
                    }
                    _ => return Err(self.unexpected()),
                }
            } else if self.at_op("(") {
                let open = self.pos();
                self.bump();
                self.enter()?;
                let r = self.arglist(Close::Paren(open));
                self.depth -= 1;
                let args = r?;
                e = Expr {
                    e: E::Call(Box::new(e), args),
                    pos,
                };
            } else if self.at_op("[") {
                self.bump();
                self.enter()?;
                let r = self.subscripts();
                self.depth -= 1;
                let index = r?;
                e = Expr {
                    e: E::Subscript(Box::new(e), Box::new(index)),
                    pos,
                };
            } else {
                return Ok(e);
            }
        }
    }

    /// After `[`: one index, a slice, or several; returns the index when it is one expression.
    fn subscripts(&mut self) -> Result<Expr, ParseError> {
        let pos = self.pos();
        let mut items = 0;
        let mut single: Option<Expr> = None;
        loop {
            if self.at_op("]") && items > 0 {
                break;
            }
            let mut slice = false;
            let mut item = None;
            if !self.at_op(":") {
                item = Some(self.star_or_named()?);
            }
            for _ in 0..2 {
                if self.eat_op(":") {
                    slice = true;
                    if !self.at_op(":") && !self.at_op("]") && !self.at_op(",") {
                        self.test()?;
                    }
                }
            }
            if !slice && item.is_none() {
                return Err(self.unexpected());
            }
            items += 1;
            single = if slice { None } else { item };
            if !self.eat_op(",") {
                break;
            }
            single = None;
            items += 1;
        }
        self.expect_op("]")?;
        Ok(match single {
            Some(e) if items == 1 => e,
            _ => Self::other(pos, "a slice or tuple index"),
        })
    }

    /// `for targets in or_test (if or_test | for …)*`, after the element.
    fn comp_for(&mut self) -> Result<(), ParseError> {
        loop {
            if self.at_kw("async") && is_name(self.tok_at(1), "for") {
                self.bump();
            }
            if !self.at_kw("for") {
                return Ok(());
            }
            self.bump();
            loop {
                // a target, possibly starred
                self.eat_op("*");
                self.bitor()?;
                if !self.eat_op(",") || self.at_kw("in") {
                    break;
                }
            }
            if !self.at_kw("in") {
                return Err(self.unexpected());
            }
            self.bump();
            self.or_test()?;
            while self.at_kw("if") {
                self.bump();
                self.or_test()?;
            }
        }
    }

    fn at_comp_for(&self) -> bool {
        self.at_kw("for") || (self.at_kw("async") && is_name(self.tok_at(1), "for"))
    }

    fn atom(&mut self) -> Result<Expr, ParseError> {
        let pos = self.pos();
        let tok = self.tok().clone();
        match tok {
            T::Name(n) => {
                self.bump();
                let e = match n.as_str() {
                    "True" => E::Const(Const::True),
                    "False" => E::Const(Const::False),
                    "None" => E::Const(Const::None),
                    k if KEYWORDS.contains(&k) => {
                        self.i -= 1;
                        return Err(self.unexpected());
                    }
                    _ => E::Name(n),
                };
                Ok(Expr { e, pos })
            }
            T::Num(k) => {
                self.bump();
                Ok(Expr { e: E::Num(k), pos })
            }
            T::Str(_) => self.strings(),
            T::Op("...") => {
                self.bump();
                Ok(Expr {
                    e: E::Const(Const::Ellipsis),
                    pos,
                })
            }
            T::Op("(") => {
                self.bump();
                self.enter()?;
                let r = self.paren(pos);
                self.depth -= 1;
                r
            }
            T::Op("[") => {
                self.bump();
                self.enter()?;
                let r = self.list(pos);
                self.depth -= 1;
                r
            }
            T::Op("{") => {
                self.bump();
                self.enter()?;
                let r = self.brace(pos);
                self.depth -= 1;
                r
            }
            _ => Err(self.unexpected()),
        }
    }

    fn paren(&mut self, pos: SourcePosition) -> Result<Expr, ParseError> {
        if self.eat_op(")") {
            return Ok(Expr {
                e: E::Tuple(Vec::new()),
                pos,
            });
        }
        if self.at_kw("yield") {
            self.bump();
            if self.at_kw("from") {
                self.bump();
                self.test()?;
            } else {
                while !self.at_op(")") {
                    self.star_or_named()?;
                    if !self.eat_op(",") {
                        break;
                    }
                }
            }
            self.expect_op(")")?;
            return Ok(Self::other(pos, "a `yield` expression"));
        }
        let first = self.star_or_named()?;
        if self.at_comp_for() {
            self.comp_for()?;
            self.expect_op(")")?;
            return Ok(Self::other(pos, "a generator expression"));
        }
        if self.at_op(",") {
            let mut items = vec![first];
            while self.eat_op(",") {
                if self.at_op(")") {
                    break;
                }
                items.push(self.star_or_named()?);
            }
            self.expect_op(")")?;
            return Ok(Expr {
                e: E::Tuple(items),
                pos,
            });
        }
        self.expect_op(")")?;
        if matches!(first.e, E::Starred) {
            return Err(syntax(first.pos, "cannot use starred expression here"));
        }
        // Parentheses make no node: the expression keeps its own position.
        Ok(first)
    }

    fn list(&mut self, pos: SourcePosition) -> Result<Expr, ParseError> {
        let mut items = Vec::new();
        while !self.at_op("]") {
            let item = self.star_or_named()?;
            if items.is_empty() && self.at_comp_for() {
                self.comp_for()?;
                self.expect_op("]")?;
                return Ok(Self::other(pos, "a list comprehension"));
            }
            items.push(item);
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_op("]")?;
        Ok(Expr {
            e: E::List(items),
            pos,
        })
    }

    fn brace(&mut self, pos: SourcePosition) -> Result<Expr, ParseError> {
        if self.eat_op("}") {
            return Ok(Expr {
                e: E::Dict(Vec::new()),
                pos,
            });
        }
        // The first item decides (parsed once: no backtracking): `k: v` or `**d` makes a
        // dict, anything else a set.
        let mut dict: Vec<(Option<Expr>, Expr)> = Vec::new();
        if self.eat_op("**") {
            let v = self.bitor()?;
            dict.push((None, v));
        } else {
            let first = self.star_or_named()?;
            if self.at_op(":") && !matches!(first.e, E::Starred) {
                self.bump();
                let v = self.test()?;
                if self.at_comp_for() {
                    self.comp_for()?;
                    self.expect_op("}")?;
                    return Ok(Self::other(pos, "a dict comprehension"));
                }
                dict.push((Some(first), v));
            } else {
                if self.at_comp_for() {
                    self.comp_for()?;
                    self.expect_op("}")?;
                    return Ok(Self::other(pos, "a set comprehension"));
                }
                let mut items = vec![first];
                while self.eat_op(",") {
                    if self.at_op("}") {
                        break;
                    }
                    items.push(self.star_or_named()?);
                }
                self.expect_op("}")?;
                return Ok(Expr {
                    e: E::Set(items),
                    pos,
                });
            }
        }
        while self.eat_op(",") {
            if self.at_op("}") {
                break;
            }
            if self.eat_op("**") {
                let v = self.bitor()?;
                dict.push((None, v));
            } else {
                let k = self.test()?;
                self.expect_op(":")?;
                let v = self.test()?;
                dict.push((Some(k), v));
            }
        }
        self.expect_op("}")?;
        Ok(Expr {
            e: E::Dict(dict),
            pos,
        })
    }

    /// Adjacent string literals, concatenated.
    fn strings(&mut self) -> Result<Expr, ParseError> {
        let pos = self.pos();
        let mut lit: Option<StrLit> = None;
        while let T::Str(s) = self.tok() {
            let s = s.as_ref().clone();
            let here = self.pos();
            self.bump();
            lit = Some(match lit {
                None => StrLit {
                    kind: s.kind,
                    value: s.value,
                    named_escape: s.named_escape,
                    surrogate: s.surrogate,
                    unknown_escape: s.unknown_escape,
                },
                Some(mut acc) => {
                    let acc_bytes = acc.kind == StrKind::Bytes;
                    if acc_bytes != (s.kind == StrKind::Bytes) {
                        return Err(syntax(here, "cannot mix bytes and nonbytes literals"));
                    }
                    acc.kind = match (acc.kind, s.kind) {
                        (StrKind::F(a), StrKind::F(b)) => StrKind::F(a || b),
                        (StrKind::F(a), _) | (_, StrKind::F(a)) => StrKind::F(a),
                        (k, _) => k,
                    };
                    acc.value.push_str(&s.value);
                    acc.named_escape = acc.named_escape.or(s.named_escape);
                    acc.surrogate = acc.surrogate.or(s.surrogate);
                    acc.unknown_escape = acc.unknown_escape.or(s.unknown_escape);
                    acc
                }
            });
        }
        match lit {
            Some(l) => Ok(Expr {
                e: E::Str(Box::new(l)),
                pos,
            }),
            None => Err(self.unexpected()),
        }
    }

    /// Arguments up to `)` (or the end of the text for a keyword list), checked as Python
    /// checks them.
    fn arglist(&mut self, close: Close) -> Result<Vec<Arg>, ParseError> {
        let open = match close {
            Close::Paren(p) => Some(p),
            Close::Eof => None,
        };
        let at_close = |p: &Self| match open {
            Some(_) => p.at_op(")"),
            None => matches!(p.tok(), T::Eof),
        };
        let mut args: Vec<Arg> = Vec::new();
        let mut seen_keyword = false;
        let mut seen_double_star = false;
        let mut names: BTreeSet<String> = BTreeSet::new();
        loop {
            if at_close(self) {
                break;
            }
            if matches!(self.tok(), T::Eof) {
                return Err(match open {
                    Some(p) => syntax(p, "'(' was never closed"),
                    None => self.unexpected(),
                });
            }
            let pos = self.pos();
            if self.eat_op("**") {
                self.test()?;
                seen_double_star = true;
                args.push(Arg::DoubleStar(pos));
            } else if self.eat_op("*") {
                self.test()?;
                if seen_double_star {
                    self.late_syntax.push(err(
                        ParseErrorKind::PositionalArgument,
                        pos,
                        "iterable argument unpacking follows keyword argument unpacking (Python raises SyntaxError); pass every argument by keyword",
                    ));
                }
                args.push(Arg::Star(pos));
            } else if matches!(self.tok(), T::Name(_)) && is_op(self.tok_at(1), "=") {
                let T::Name(name) = self.tok().clone() else {
                    return Err(self.unexpected());
                };
                if KEYWORDS.contains(&name.as_str()) {
                    return Err(syntax(
                        pos,
                        if matches!(name.as_str(), "True" | "False" | "None") {
                            format!("cannot assign to {name}")
                        } else {
                            "invalid syntax".to_owned()
                        },
                    ));
                }
                self.i += 2;
                let value = self.test()?;
                if self.at_comp_for() {
                    return Err(syntax(
                        self.pos(),
                        "invalid syntax: a generator expression cannot be a keyword argument's value without parentheses",
                    ));
                }
                if !names.insert(name.clone()) {
                    self.compile_errors.push(err(
                        ParseErrorKind::RepeatedArgument,
                        pos,
                        format!("keyword argument repeated: `{name}` (Python raises SyntaxError); give each argument once"),
                    ));
                }
                seen_keyword = true;
                args.push(Arg::Keyword {
                    name,
                    name_pos: pos,
                    value,
                });
            } else {
                let mut value = self.named()?;
                if self.at_op("=") {
                    return Err(syntax(
                        self.pos(),
                        "expression cannot contain assignment, perhaps you meant \"==\"?",
                    ));
                }
                if self.at_comp_for() {
                    self.comp_for()?;
                    if !args.is_empty() || !at_close(self) {
                        return Err(syntax(pos, "Generator expression must be parenthesized"));
                    }
                    value = Self::other(open.unwrap_or(pos), "a generator expression");
                }
                if seen_keyword || seen_double_star {
                    self.late_syntax.push(err(
                        ParseErrorKind::PositionalArgument,
                        pos,
                        if seen_double_star {
                            "positional argument follows keyword argument unpacking (Python raises SyntaxError); pass every argument by keyword"
                        } else {
                            "positional argument follows keyword argument (Python raises SyntaxError); pass every argument by keyword"
                        },
                    ));
                }
                args.push(Arg::Positional(value));
            }
            if at_close(self) {
                break;
            }
            if !self.eat_op(",") {
                return Err(match (open, self.tok()) {
                    (Some(p), T::Eof) => syntax(p, "'(' was never closed"),
                    _ => self.unexpected(),
                });
            }
        }
        if open.is_some() {
            self.bump();
        }
        Ok(args)
    }
}

// ---------------------------------------------------------------------------------------------
// Evaluation: ast.literal_eval, and what each read argument takes

/// What `ast.literal_eval` (Python 3.11) accepts.
fn literal_evaluable(e: &Expr) -> bool {
    match &e.e {
        E::Str(s) => !matches!(s.kind, StrKind::F(_)),
        E::Const(_) | E::Num(_) => true,
        E::Tuple(items) | E::List(items) | E::Set(items) => items.iter().all(literal_evaluable),
        E::Dict(items) => items
            .iter()
            .all(|(k, v)| k.as_ref().is_some_and(literal_evaluable) && literal_evaluable(v)),
        E::Call(func, args) => matches!(&func.e, E::Name(n) if n == "set") && args.is_empty(),
        E::Sign(operand) => matches!(operand.e, E::Num(_)),
        E::AddSub(l, r) => {
            let left_real = match &l.e {
                E::Num(k) => *k != NumKind::Imaginary,
                E::Sign(o) => matches!(o.e, E::Num(NumKind::Int | NumKind::Float)),
                _ => false,
            };
            left_real && matches!(r.e, E::Num(NumKind::Imaginary))
        }
        _ => false,
    }
}

/// The Python type `ast.literal_eval` would give, for messages.
fn type_name(e: &Expr) -> &'static str {
    match &e.e {
        E::Num(NumKind::Int) => "an int",
        E::Num(NumKind::Float) => "a float",
        E::Num(NumKind::Imaginary) | E::AddSub(..) => "a complex number",
        E::Sign(o) => type_name(o),
        E::Const(Const::True | Const::False) => "a bool",
        E::Const(Const::Ellipsis) => "Ellipsis",
        E::Const(Const::None) => "None",
        E::Tuple(_) => "a tuple",
        E::List(_) => "a list",
        E::Set(_) | E::Call(..) => "a set",
        E::Dict(_) => "a dict",
        E::Str(_) => "a string",
        _ => "a value",
    }
}

/// `os.environ["X"]`, `environ["X"]`, `os.environ.get("X"[, d])`, `environ.get(…)`,
/// `os.getenv("X"[, d])`, `getenv(…)`: (variable, default).
fn env_lookup(e: &Expr) -> Option<(&StrLit, Option<&Expr>)> {
    let is_environ = |x: &Expr| match &x.e {
        E::Name(n) => n == "environ",
        E::Attr(o, n) => n == "environ" && matches!(&o.e, E::Name(m) if m == "os"),
        _ => false,
    };
    fn key(x: &Expr) -> Option<&StrLit> {
        match &x.e {
            E::Str(s) if matches!(s.kind, StrKind::Str | StrKind::F(false)) => Some(s.as_ref()),
            _ => None,
        }
    }
    match &e.e {
        E::Subscript(obj, index) if is_environ(obj) => Some((key(index)?, None)),
        E::Call(func, args) => {
            let getter = match &func.e {
                E::Name(n) => n == "getenv",
                E::Attr(o, n) if n == "get" => is_environ(o),
                E::Attr(o, n) if n == "getenv" => matches!(&o.e, E::Name(m) if m == "os"),
                _ => false,
            };
            if !getter {
                return None;
            }
            match args.as_slice() {
                [Arg::Positional(k)] => Some((key(k)?, None)),
                [Arg::Positional(k), Arg::Positional(d)] => {
                    let ok = matches!(&d.e, E::Const(Const::None))
                        || matches!(&d.e, E::Str(s) if matches!(s.kind, StrKind::Str | StrKind::F(false)));
                    ok.then_some((key(k)?, Some(d)))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

fn describe(e: &Expr) -> &'static str {
    match &e.e {
        E::Name(_) => "a variable",
        E::Attr(..) => "an attribute",
        E::Call(..) => "a function call",
        E::Subscript(..) => "a subscript",
        E::Str(s) if s.kind == StrKind::Bytes => "a bytes literal",
        E::Str(s) if s.kind == StrKind::F(true) => "an f-string with placeholders",
        E::Other(what) => what,
        E::AddSub(..) | E::Sign(_) => "an operator expression",
        E::Starred => "a starred expression",
        E::Tuple(_) => "a tuple",
        E::List(_) => "a list",
        E::Set(_) => "a set",
        E::Dict(_) => "a dict",
        _ => "an expression",
    }
}

/// The checked string value of a literal, or the error it raises when read.
fn string_value(field: &str, s: &StrLit, pos: SourcePosition) -> Result<String, ParseError> {
    if s.surrogate.is_some() {
        return Err(err(
            ParseErrorKind::LoneSurrogate,
            pos,
            format!(
                "`{field}` holds an unpaired surrogate escape (`\\ud800`–`\\udfff`), which no run id or setting can carry; remove it"
            ),
        ));
    }
    if s.named_escape.is_some() {
        return Err(err(
            ParseErrorKind::UnsupportedLiteral,
            pos,
            format!(
                "`{field}` uses a `\\N{{…}}` escape; this tool carries no Unicode name table, so write the character itself or a `\\u` escape"
            ),
        ));
    }
    Ok(s.value.clone())
}

enum Read {
    Bool(bool),
    Text(String),
    None,
    Env(FromEnvironment),
}

fn read_value(field: &str, value: &Expr, notes: &mut Vec<ParseNote>) -> Result<Read, ParseError> {
    let pos = value.pos;
    let instead = "write a literal (`\"abc\"`, `True`, `None`) or read it from the environment with `os.environ[\"NAME\"]`";
    match &value.e {
        E::Const(Const::None) => return Ok(Read::None),
        E::Const(Const::True | Const::False) if field == "resume" => {
            return Ok(Read::Bool(matches!(value.e, E::Const(Const::True))));
        }
        E::Str(s) if matches!(s.kind, StrKind::Str | StrKind::F(false)) => {
            let text = string_value(field, s, pos)?;
            if s.kind == StrKind::F(false) {
                notes.push(ParseNote::info(
                    "f-string",
                    pos,
                    format!(
                        "`{field}` is an f-string without placeholders: read as the plain string"
                    ),
                ));
            }
            if let Some(p) = s.unknown_escape {
                notes.push(ParseNote::warning(
                    "unrecognized-escape",
                    p,
                    format!("`{field}` has a backslash that starts no escape (like `\\d`); Python keeps the backslash (and warns from 3.12). Use a raw string r\"…\" or `\\\\` to mean it"),
                ));
            }
            return Ok(Read::Text(text));
        }
        _ => {}
    }
    if let Some((key, default)) = env_lookup(value) {
        let variable = string_value(field, key, pos)?;
        let default = match default.map(|d| &d.e) {
            Some(E::Str(s)) => Some(string_value(field, s, pos)?),
            _ => None,
        };
        return Ok(Read::Env(FromEnvironment {
            field: field.to_owned(),
            variable,
            default,
            line: pos.line,
            column: pos.column,
        }));
    }
    let bytes = matches!(&value.e, E::Str(s) if s.kind == StrKind::Bytes);
    if literal_evaluable(value) && !bytes {
        let takes = if field == "resume" {
            "True, False, None or a string"
        } else {
            "a string or None"
        };
        return Err(err(
            ParseErrorKind::UnsupportedValue,
            pos,
            format!("`{field}` takes {takes}; this is {}", type_name(value)),
        ));
    }
    if bytes {
        return Err(err(
            ParseErrorKind::NonLiteral,
            pos,
            format!("`{field}` is a bytes literal (`b\"…\"`), not text; drop the `b` prefix"),
        ));
    }
    Err(err(
        ParseErrorKind::NonLiteral,
        pos,
        format!(
            "`{field}` is {}, whose value is only known when the script runs; {instead}",
            describe(value)
        ),
    ))
}

/// What `settings=` passes, as far as the text says.
enum SettingsRead {
    /// `settings=None`: as if not given.
    None,
    /// A `wandb.Settings(...)` call, a `dict(...)` call or a dict display.
    Given(SettingsArg),
    /// Anything else (a variable, a function's result): known only when the script runs.
    Unknown,
}

/// Reads the form of `settings=` and the names of the keys it sets; keys only known when the
/// script runs (`**kwargs`, a computed key) are noted, not guessed.
fn read_settings(value: &Expr, notes: &mut Vec<ParseNote>) -> Result<SettingsRead, ParseError> {
    let mut settings = SettingsArg::default();
    let mut keys = Vec::new();
    let mut unread = false;
    let form = match &value.e {
        E::Const(Const::None) => return Ok(SettingsRead::None),
        E::Call(func, args) => {
            let form = match &func.e {
                E::Name(n) | E::Attr(_, n) if n == "Settings" => SettingsForm::Object,
                E::Name(n) if n == "dict" => SettingsForm::Dict,
                _ => return Ok(settings_unknown(value, notes)),
            };
            for arg in args {
                match arg {
                    Arg::Keyword { name, value, .. } => {
                        settings_key(name, value, &mut keys, &mut settings, notes)?;
                    }
                    _ => unread = true,
                }
            }
            form
        }
        E::Dict(items) => {
            for (key, item) in items {
                match key.as_ref().map(|k| (&k.e, k.pos)) {
                    Some((E::Str(s), pos)) if s.kind == StrKind::Str => {
                        let key = string_value("settings", s, pos)?;
                        settings_key(&key, item, &mut keys, &mut settings, notes)?;
                    }
                    _ => unread = true,
                }
            }
            SettingsForm::Dict
        }
        _ => return Ok(settings_unknown(value, notes)),
    };
    if unread {
        notes.push(ParseNote::warning(
            "settings-keys-unread",
            value.pos,
            "`settings` passes keys that are only known when the script runs (`**…`, a computed key, a positional argument): not read. If they set resume, run_id or mode, write them out as wandb.init arguments",
        ));
    }
    settings.form = Some(form);
    settings.keys = Some(keys);
    Ok(SettingsRead::Given(settings))
}

/// Reads one key of `settings=`: the name alone, but for the keys whose values decide the
/// launch — `mode`, `resume` and `run_id`, read as `mode=`, `resume=` and `id=` are: a literal
/// gives the value, `None` drops the key; one read from the environment is noted and listed
/// without its value, which `decide` then asks for — and `_disable_service` /
/// `x_disable_service`, whose value is read when it is `True` or `False` (anything else is
/// noted and listed without it).
fn settings_key(
    key: &str,
    value: &Expr,
    keys: &mut Vec<String>,
    settings: &mut SettingsArg,
    notes: &mut Vec<ParseNote>,
) -> Result<(), ParseError> {
    if crate::settings_arg::DISABLE_SERVICE_KEYS.contains(&key) {
        match &value.e {
            E::Const(c @ (Const::True | Const::False)) => {
                settings.disable_service = Some(matches!(c, Const::True));
            }
            _ => notes.push(ParseNote::warning(
                "settings-disable-service-not-read",
                value.pos,
                format!(
                    "the settings' `{key}` is {}, not True or False: not read. Give it as True or False to have the launch checked",
                    describe(value)
                ),
            )),
        }
        keys.push(key.to_owned());
        return Ok(());
    }
    let note = match key {
        "mode" => "settings-mode-not-read",
        "resume" => "settings-resume-not-read",
        "run_id" => "settings-run-id-not-read",
        _ => {
            keys.push(key.to_owned());
            return Ok(());
        }
    };
    match read_value(key, value, notes)? {
        Read::Text(text) => match key {
            "mode" => settings.mode = Some(text),
            "resume" => settings.resume = Some(ResumeArg::Text(text)),
            _ => settings.run_id = Some(text),
        },
        // (a bool is read for `resume` only)
        Read::Bool(b) => settings.resume = Some(ResumeArg::Bool(b)),
        Read::Env(env) => notes.push(ParseNote::warning(
            note,
            value.pos,
            format!(
                "the settings' `{key}` is read from the environment variable `{}` when the script runs: not read. Give its value as the settings {key} to have the launch checked",
                env.variable
            ),
        )),
        Read::None => return Ok(()),
    }
    keys.push(key.to_owned());
    Ok(())
}

/// The note for a `settings=` whose value is only known when the script runs.
fn settings_unknown(value: &Expr, notes: &mut Vec<ParseNote>) -> SettingsRead {
    notes.push(ParseNote::warning(
        "settings-not-read",
        value.pos,
        format!(
            "`settings` is {}, whose value is only known when the script runs: not read. Write it out as wandb.Settings(...) or a dict in the call to have it checked: a wandb.Settings object makes wandb 0.18.1–0.18.7 ignore WANDB_MODE",
            describe(value)
        ),
    ));
    SettingsRead::Unknown
}

fn evaluate(args: Vec<Arg>, mut notes: Vec<ParseNote>) -> Result<InitCall, ParseError> {
    let mut call = InitCall::default();
    for arg in args {
        match arg {
            Arg::Positional(e) => {
                return Err(err(
                    ParseErrorKind::PositionalArgument,
                    e.pos,
                    "a positional argument: wandb.init's positional order changed across versions; pass every argument by keyword (`project=\"…\"`)",
                ));
            }
            Arg::Star(p) => {
                return Err(err(
                    ParseErrorKind::PositionalArgument,
                    p,
                    "`*args` passes positional arguments: wandb.init's positional order changed across versions; pass every argument by keyword",
                ));
            }
            Arg::DoubleStar(p) => {
                return Err(err(
                    ParseErrorKind::NonLiteral,
                    p,
                    "`**kwargs` may pass resume, id or notes, but its contents are only known when the script runs; write those arguments out as literals (or `os.environ[\"NAME\"]`)",
                ));
            }
            Arg::Keyword {
                name,
                name_pos,
                value,
            } => {
                if !name.is_ascii() {
                    return Err(err(
                        ParseErrorKind::UnsupportedLiteral,
                        name_pos,
                        format!(
                            "the keyword `{name}` has non-ASCII characters; Python folds them with NFKC normalization (`ｉｄ` is `id`), which this tool does not do; write the name in ASCII"
                        ),
                    ));
                }
                if name == "settings" {
                    match read_settings(&value, &mut notes)? {
                        SettingsRead::None => call.explicit_none.push(name),
                        SettingsRead::Given(settings) => call.init.settings = Some(settings),
                        SettingsRead::Unknown => call.other_arguments.push(name),
                    }
                    continue;
                }
                let Some(field) = READ_ARGUMENTS.iter().find(|f| **f == name) else {
                    call.other_arguments.push(name);
                    continue;
                };
                match read_value(field, &value, &mut notes)? {
                    Read::None => call.explicit_none.push(name),
                    Read::Env(env) => {
                        notes.push(ParseNote::info(
                            "from-environment",
                            SourcePosition::new(env.line, env.column),
                            format!(
                                "`{field}` is read from the environment variable `{}` when the script runs",
                                env.variable
                            ),
                        ));
                        call.from_environment.push(env);
                    }
                    Read::Bool(b) => call.init.resume = Some(ResumeArg::Bool(b)),
                    Read::Text(text) => match *field {
                        "resume" => call.init.resume = Some(ResumeArg::Text(text)),
                        "id" => call.init.id = Some(text),
                        "notes" => call.init.notes = Some(text),
                        "resume_from" => call.init.resume_from = Some(text),
                        "mode" => call.init.mode = Some(text),
                        _ => call.init.fork_from = Some(text),
                    },
                }
            }
        }
    }
    notes.sort_by_key(|n| (n.line, n.column));
    call.notes = notes;
    Ok(call)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEEP_CASES: &[fn() -> String] = &[
        || format!("wandb.init(config={}1{})", "(".repeat(60), ")".repeat(60)),
        || format!("wandb.init(config={}1{})", "[".repeat(60), "]".repeat(60)),
        || {
            format!(
                "wandb.init(config={}1{})",
                "{1: ".repeat(60),
                "}".repeat(60)
            )
        },
        || format!("wandb.init(config={}1{})", "f(".repeat(60), ")".repeat(60)),
        || format!("wandb.init(config={}1)", "lambda: ".repeat(120)),
        || format!("wandb.init(config={}1)", "a if b else ".repeat(120)),
        || format!("wandb.init(config={}1)", "- ".repeat(120)),
        || format!("wandb.init(config={}1)", "not ".repeat(120)),
    ];

    fn ok(text: &str) -> InitCall {
        parse_init_call(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }

    fn fail(text: &str) -> ParseError {
        match parse_init_call(text) {
            Ok(c) => panic!("{text:?} parsed: {c:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn reads_literals() {
        let c = ok("wandb.init(resume=True, id=\"abc\")");
        assert_eq!(c.init.resume, Some(ResumeArg::Bool(true)));
        assert_eq!(c.init.id.as_deref(), Some("abc"));
        let c = ok(
            "run = wandb.init(\n    project=\"p\",\n    resume=\"allow\",  # comment\n    id=os.environ[\"RUN_ID\"],\n)\n",
        );
        assert_eq!(c.init.resume, Some(ResumeArg::Text("allow".into())));
        assert_eq!(c.init.id, None);
        assert_eq!(c.other_arguments, ["project"]);
        assert_eq!(c.from_environment.len(), 1);
        let env = &c.from_environment[0];
        assert_eq!(
            (env.field.as_str(), env.variable.as_str()),
            ("id", "RUN_ID")
        );
        assert_eq!((env.line, env.column), (4, 8));
        let c = ok("resume=None, notes='''a\nb''', fork_from=r'x\\y' \"z\"");
        assert_eq!(c.explicit_none, ["resume"]);
        assert_eq!(c.init.notes.as_deref(), Some("a\nb"));
        assert_eq!(c.init.fork_from.as_deref(), Some("x\\yz"));
        let c =
            ok("with wandb.init(id='\\x41\\u00e9\\d', resume_from=f\"a{{b}}\") as run:\n    pass");
        assert_eq!(c.init.id.as_deref(), Some("Aé\\d"));
        assert_eq!(c.init.resume_from.as_deref(), Some("a{b}"));
        let codes: Vec<&str> = c.notes.iter().map(|n| n.code.as_str()).collect();
        assert!(codes.contains(&"unrecognized-escape"), "{codes:?}");
        assert!(codes.contains(&"f-string"), "{codes:?}");
        assert!(codes.contains(&"call-found"), "{codes:?}");
    }

    #[test]
    fn env_defaults_and_getenv() {
        let c = ok(
            "wandb.init(id=os.getenv('A', 'd'), notes=environ.get(\"B\"), resume=getenv(\"C\", None))",
        );
        let got: Vec<(&str, &str, Option<&str>)> = c
            .from_environment
            .iter()
            .map(|e| (e.field.as_str(), e.variable.as_str(), e.default.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("id", "A", Some("d")),
                ("notes", "B", None),
                ("resume", "C", None)
            ]
        );
    }

    #[test]
    fn finds_the_right_call() {
        let c = ok(
            "import wandb\n# wandb.init(resume=False)\ns = \"wandb.init(id='no')\"\ndef init(x): pass\ninit(1)\nrun = wandb.init(id='yes')\nwandb.init(id='second')\n",
        );
        assert_eq!(c.init.id.as_deref(), Some("yes"));
        let codes: Vec<&str> = c.notes.iter().map(|n| n.code.as_str()).collect();
        assert!(codes.contains(&"several-calls"), "{codes:?}");
        let c = ok("import wandb as wb\nwb.init(id='alias')");
        assert_eq!(c.init.id.as_deref(), Some("alias"));
        let c = ok("from wandb import init\ninit(id='bare')");
        assert_eq!(c.init.id.as_deref(), Some("bare"));
        let c = ok("    run = wandb.init(\r\n        id='crlf',\r\n    )\r\n");
        assert_eq!(c.init.id.as_deref(), Some("crlf"));
        assert_eq!(fail("print('hello')").code(), "no-call");
        assert!(ok("").notes.iter().any(|n| n.code == "keyword-list"));
    }

    #[test]
    fn error_kinds_and_positions() {
        for (text, code, at) in [
            ("wandb.init(id=run_id)", "non-literal", Some((1, 15))),
            (
                "wandb.init(\n  resume=1)",
                "unsupported-value",
                Some((2, 10)),
            ),
            (
                "wandb.init('proj', id='x')",
                "positional-argument",
                Some((1, 12)),
            ),
            (
                "wandb.init(id='a', id='b')",
                "repeated-argument",
                Some((1, 20)),
            ),
            ("wandb.init(id='a\n')", "unterminated-string", Some((1, 15))),
            ("wandb.init(id=\"\"\"abc)", "unterminated-string", None),
            ("wandb.init(id='x'", "syntax", Some((1, 11))),
            ("wandb.init(id='\\ud800')", "lone-surrogate", Some((1, 15))),
            (
                "wandb.init(id='\\N{DIGIT ONE}')",
                "unsupported-literal",
                Some((1, 15)),
            ),
            ("wandb.init(id='\\x4')", "invalid-escape", Some((1, 16))),
            ("wandb.init(id=b'x')", "non-literal", None),
            ("wandb.init(id=f'{x}')", "non-literal", None),
            ("wandb.init(**kw)", "non-literal", Some((1, 12))),
            ("wandb.init(ｉｄ='x')", "unsupported-literal", None),
            ("wandb.init(id='x', 'p')", "positional-argument", None),
            ("wandb.init(config={'a': 1)", "syntax", None),
            ("wandb.init(id='é\0')", "syntax", None),
        ] {
            let e = fail(text);
            assert_eq!(e.code(), code, "{text:?}: {e}");
            if let Some((line, column)) = at {
                assert_eq!(e.position, SourcePosition::new(line, column), "{text:?}");
            }
        }
        let e = fail("wandb.init(id=run_id)");
        assert!(e.message.contains("os.environ"), "{e}");
        let e = fail("wandb.init(\n  resume=1)");
        assert!(e.message.contains("True, False, None or a string"), "{e}");
        assert!(
            fail("wandb.init(id=x)")
                .to_string()
                .contains("line 1, column 15")
        );
    }

    #[test]
    fn skips_other_arguments_whole() {
        let c = ok(
            "wandb.init(config=dict(a=1, b=[1, (2, 3)], c={'k': lambda x: x + 1}), settings=wandb.Settings(start_method='fork'), tags=['a', 'b'], name=f'{x}-run', id='ok', job_type='eval' if debug else 'train', mode='offline')",
        );
        assert_eq!(c.init.id.as_deref(), Some("ok"));
        assert_eq!(c.init.mode.as_deref(), Some("offline"));
        assert_eq!(c.other_arguments, ["config", "tags", "name", "job_type"]);
        // The mode is read like the other arguments: a value known only at run time is not
        // guessed.
        fail("wandb.init(mode='offline' if debug else 'online')");
    }

    #[test]
    fn reads_the_form_and_keys_of_settings() {
        let c = ok("wandb.init(settings=wandb.Settings(start_method='fork'), id='x')");
        let settings = c.init.settings.clone().expect("settings read");
        assert_eq!(settings.form, Some(SettingsForm::Object));
        assert_eq!(
            settings.keys.as_deref(),
            Some(&["start_method".to_owned()][..])
        );
        let noted = |c: &InitCall, code: &str| c.notes.iter().any(|n| n.code == code);
        assert!(!noted(&c, "settings-keys-unread"), "{:?}", c.notes);
        let c = ok("wandb.init(settings={'console': 'off', **extra})");
        assert_eq!(
            c.init.settings.as_ref().unwrap().form,
            Some(SettingsForm::Dict)
        );
        assert!(noted(&c, "settings-keys-unread"), "{:?}", c.notes);
        // A variable is noted, not guessed; None is as if not given.
        let c = ok("wandb.init(settings=s)");
        assert!(c.init.settings.is_none());
        assert_eq!(c.other_arguments, ["settings"]);
        assert!(noted(&c, "settings-not-read"), "{:?}", c.notes);
        let c = ok("wandb.init(settings=None)");
        assert_eq!(
            (c.init.settings, c.explicit_none),
            (None, vec!["settings".to_owned()])
        );
        // A key that cannot be text is refused, as in a read argument.
        assert_eq!(
            fail("wandb.init(settings={'\\ud800': 1})").code(),
            "lone-surrogate"
        );
    }

    #[test]
    fn serializes_camel_case() {
        let c = ok(
            "resume='must', resume_from='r?_step=1', id=None, project='p', fork_from=os.environ['F']",
        );
        let v = serde_json::from_str::<serde_json::Value>(&crate::codec::to_json(&c)).unwrap();
        assert_eq!(v["init"]["resume"], "must");
        assert_eq!(v["init"]["resumeFrom"], "r?_step=1");
        assert_eq!(v["explicitNone"][0], "id");
        assert_eq!(v["otherArguments"][0], "project");
        assert_eq!(v["fromEnvironment"][0]["field"], "fork_from");
        assert_eq!(v["fromEnvironment"][0]["default"], serde_json::Value::Null);
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        for (open, close) in [("(", ")"), ("[", "]"), ("-", ""), ("not ", ""), ("f(", ")")] {
            let text = format!(
                "wandb.init(config={}1{})",
                open.repeat(20000),
                close.repeat(20000)
            );
            assert_eq!(fail(&text).code(), "syntax", "{open}");
        }
    }

    #[test]
    fn nesting_up_to_the_limit_fits_the_stack() {
        // Just below and above the parser's depth limit, for every recursive construct.
        for (open, close) in [
            ("(", ")"),
            ("[", "]"),
            ("{", "}"),
            ("{1: ", "}"),
            ("f(", ")"),
            ("x[", "]"),
            ("-", ""),
            ("not ", ""),
            ("lambda: ", ""),
            ("a if b else ", ""),
            ("2 ** ", ""),
        ] {
            for n in [10, 45, 60, 150] {
                let text = format!(
                    "wandb.init(config={}1{}, id='x')",
                    open.repeat(n),
                    close.repeat(n)
                );
                match parse_init_call(&text) {
                    Ok(c) => assert_eq!(c.init.id.as_deref(), Some("x")),
                    Err(e) => assert_eq!(e.code(), "syntax", "{open} x{n}: {e}"),
                }
            }
            let text = format!(
                "wandb.init(config={}1{}, id='x')",
                open.repeat(10),
                close.repeat(10)
            );
            assert!(parse_init_call(&text).is_ok(), "{open}");
        }
    }

    #[test]
    fn deepest_accepted_nesting_fits_in_one_mib_of_stack() {
        // wasm32 runs with a 1 MiB stack; debug frames are larger than release ones.
        crate::parse_error::test_support::run_on_wasm_sized_stack(DEEP_CASES, parse_init_call);
    }

    #[test]
    fn never_panics_on_random_input() {
        let mut next = crate::parse_error::test_support::xorshift(0x2545_F491_4F6C_DD1D);
        let pieces: &[&str] = &[
            "wandb.init(",
            "init(",
            ")",
            "(",
            "[",
            "]",
            "{",
            "}",
            ",",
            "=",
            "resume",
            "id",
            "notes",
            "True",
            "None",
            "'",
            "\"",
            "'''",
            "f'",
            "b'",
            "r'",
            "\\",
            "\\N{",
            "\\x",
            "\\u",
            "#",
            "\n",
            "\r\n",
            " ",
            "os.environ[",
            "getenv(",
            "*",
            "**",
            ":",
            "lambda",
            "for",
            "in",
            "if",
            "else",
            "1",
            "0x",
            ".5j",
            "é",
            "{x}",
            "\0",
            ":=",
            "$",
            "async",
            "yield",
            "not",
        ];
        for _ in 0..4000 {
            let n = (next() % 16) as usize;
            let mut bytes: Vec<u8> = Vec::new();
            for _ in 0..n {
                let r = next();
                if r % 7 == 0 {
                    bytes.push((r >> 16) as u8);
                } else {
                    bytes.extend_from_slice(pieces[((r >> 8) as usize) % pieces.len()].as_bytes());
                }
            }
            let text = String::from_utf8_lossy(&bytes);
            let _ = parse_init_call(&text);
        }
    }
}
