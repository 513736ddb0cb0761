//! Reads a pasted shell block — a `.env` file, `export` lines, a SLURM or CI script — the way
//! **bash** reads it with `set -a; source file`, because that is the environment the job sees.
//!
//! What is modelled, each checked against the real bash by the vectors in
//! `tests/vectors/env_block.json` (`scripts/gen_parser_vectors.py`):
//!
//! * words and quoting: unquoted text (a backslash quotes the next character), `'single'`,
//!   `"double"` (a backslash escapes only `$`, `` ` ``, `"`, `\` and a newline), `$'ANSI-C'`
//!   (every bash escape, including `\cX`, octal, `\xHH`, and a NUL that cuts the string),
//!   `$"locale"` (read as a double-quoted string), adjacent pieces concatenated,
//!   backslash-newline removed outside single quotes, `#` comments only at the start of a word;
//! * commands: `NAME=value` (several per line, applied left to right, so `A=1 B=$A` sees the
//!   new `A`), `export`/`declare`/`typeset`/`readonly` (all their arguments are expanded before
//!   any is assigned, so `export A=1 B=$A` sees the old `A`), `NAME+=value`, `unset`,
//!   `set -a`/`set +a`, `return`/`exit`, and `NAME=value command`, which bash applies to that
//!   command only;
//! * structure: `;`, `&&`, `||`, pipelines, `&`, `( )`, `{ }`, `if`, `while`, `until`,
//!   `for`, `select`, `case`, function definitions and here-documents, so a whole script can
//!   be pasted. An assignment that may not run (inside `if`, a loop, a `case`, a function,
//!   after `&&`/`||`) is kept but marked unresolved; one that runs in a subshell (a pipeline,
//!   `&`, `( )`) has no effect on later lines and is skipped;
//! * expansions: `$VAR` and `${VAR}` of a variable assigned earlier in the block are
//!   substituted; any other expansion (`$VAR` from outside, `${VAR:-x}`, `$(…)`, backquotes,
//!   `$((…))`, `~`, …) is known only when the job runs, so the value keeps the text as written
//!   and the variable is marked unresolved, with an `expansion` note;
//! * a carriage return before a line feed (a CRLF file) is part of the last word, as in bash:
//!   `WANDB_RUN_ID=abc⏎` gives the id `abc\r`, with a `crlf-line-end` warning. NUL characters
//!   are dropped, as bash drops them.
//!
//! Commands are never run: a line such as `python train.py` or `source other.env` is skipped
//! with a note. Syntax bash refuses (`bash -n` fails) is an error with its position.
//!
//! Not modelled (each kept conservative: skipped with a note, or marked unresolved): what
//! commands do to variables (`eval`, `source`, `read`, `printf -v`, a called function, `cd`
//! changing `PWD`), `set -e`/`set -u` stopping the script when a command fails, aliases,
//! `declare` options that transform values (`-i`, `-u`, `-l`, …), brace or pathname expansion
//! in `export` arguments, and the locale (`$'\u…'` above ASCII). Quotes, expansions and
//! blocks nested more than 40 deep are refused (`syntax`), so hostile input cannot exhaust the
//! stack.

use crate::text::has_char;
use std::collections::{BTreeMap, BTreeSet};

use crate::parse_error::{ParseError, ParseErrorKind, ParseNote, SourcePosition, check_input_size};

/// The environment a pasted shell block gives the job.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EnvBlock {
    /// The environment after the block: every exported variable with its final value (the
    /// last assignment wins). Unresolved values hold the text as written.
    pub env: crate::env_vars::EnvVars,
    /// Names in `env` whose value is only known when the job runs (an expansion, an
    /// assignment that may not run, a value that depends on the locale or is not UTF-8).
    pub unresolved: Vec<String>,
    /// Every assignment that took effect, in order (names of all variables, not only
    /// `WANDB_*`).
    pub variables: Vec<EnvVariable>,
    /// Non-fatal findings, in the order they were found.
    pub notes: Vec<ParseNote>,
    /// True when the text has CRLF (Windows) line ends.
    pub crlf: bool,
}

crate::json_object!(EnvBlock {
    "env": env,
    "unresolved": unresolved,
    "variables": variables,
    "notes": notes,
    "crlf": crlf,
});

impl EnvBlock {
    /// True when `name` is in `env` with a value that is only known when the job runs.
    pub fn is_unresolved(&self, name: &str) -> bool {
        self.unresolved.iter().any(|n| n == name)
    }
}

/// One assignment, as bash performs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvVariable {
    /// The variable's name.
    pub name: String,
    /// The value assigned: exact when `unresolved` is false; otherwise the text as written
    /// (expansions unexpanded).
    pub value: String,
    /// Line of the assignment, from 1.
    pub line: u32,
    /// Column (in characters) where the name starts, from 1.
    pub column: u32,
    /// True when the value is only known when the job runs, or the assignment may not run.
    pub unresolved: bool,
    /// True when the variable was exported explicitly (`export`, `declare -x`, or an earlier
    /// `export NAME`). False when it reaches the environment only because the block is read
    /// with `set -a`: run as a plain script, such a variable stays a shell variable and the
    /// Python process never sees it.
    pub exported: bool,
}

crate::json_object!(EnvVariable {
    "name": name,
    "value": value,
    "line": line,
    "column": column,
    "unresolved": unresolved,
    "exported": exported,
});

/// Reads `text` as bash would with `set -a; source file` and returns the environment it
/// leaves, every assignment, and notes about what was skipped or cannot be known in advance.
///
/// Errors: `input-too-large` (over 1 MiB), `unterminated-quote`, `unterminated-expansion`,
/// `syntax` (what `bash -n` refuses), each with the line and column of the opening quote or
/// offending token.
pub fn parse_env_block(text: &str) -> Result<EnvBlock, ParseError> {
    check_input_size(text)?;
    let src = Src::new(text);
    let mut notes = Vec::new();
    if let Some(p) = src.nul {
        notes.push(ParseNote::warning(
            "nul-byte",
            p,
            "the text contains NUL characters; bash drops them, and so does this reading",
        ));
    }
    let mut parser = Parser {
        lx: Lexer {
            src: &src,
            i: 0,
            heredocs: Vec::new(),
            notes: Vec::new(),
            nest: 0,
        },
        peeked: None,
        execs: Vec::new(),
        shell: Shell::new(),
    };
    parser.parse_program()?;
    notes.append(&mut parser.lx.notes);
    let shell = parser.shell;
    // Notes from the lexer (here-documents) and the shell interleave by position.
    notes.extend(shell.notes);
    notes.sort_by_key(|n| (n.line, n.column));
    let mut env = crate::env_vars::EnvVars::new();
    let mut unresolved = Vec::new();
    for (name, var) in &shell.vars {
        if let (Val::Set(value), true) = (&var.val, var.export) {
            env.insert(name.clone(), value.clone());
            if var.unresolved {
                unresolved.push(name.clone());
            }
        }
    }
    Ok(EnvBlock {
        env,
        unresolved,
        variables: shell.variables,
        notes,
        crlf: text.as_bytes().windows(2).any(|w| w == b"\r\n"),
    })
}

// ---------------------------------------------------------------------------------------------
// Source text with positions

struct Src {
    chars: Vec<char>,
    pos: Vec<SourcePosition>,
    end: SourcePosition,
    nul: Option<SourcePosition>,
}

impl Src {
    fn new(text: &str) -> Self {
        let mut chars = Vec::with_capacity(text.len());
        let mut pos = Vec::with_capacity(text.len());
        let (mut line, mut column) = (1u32, 1u32);
        let mut nul = None;
        for ch in text.chars() {
            let here = SourcePosition::new(line, column);
            if ch == '\n' {
                line = line.saturating_add(1);
                column = 1;
            } else {
                column = column.saturating_add(1);
            }
            if ch == '\0' {
                // bash drops NUL bytes from its input.
                nul.get_or_insert(here);
                continue;
            }
            chars.push(ch);
            pos.push(here);
        }
        Src {
            chars,
            pos,
            end: SourcePosition::new(line, column),
            nul,
        }
    }

    fn at(&self, i: usize) -> SourcePosition {
        self.pos.get(i).copied().unwrap_or(self.end)
    }

    fn text(&self, from: usize, to: usize) -> String {
        self.chars
            .get(from..to.min(self.chars.len()))
            .unwrap_or(&[])
            .iter()
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Tokens

/// One part of a word after lexing.
#[derive(Clone, Debug, PartialEq)]
enum Unit {
    /// A literal character; `true` when quoted (quotes or a backslash).
    Ch(char, bool),
    /// Bytes from `$'…'` (may not be UTF-8 on their own).
    Bytes(Vec<u8>),
    /// A `$'\u…'` escape above ASCII: UTF-8 in a UTF-8 locale, other text in others.
    Locale(Vec<u8>),
    /// `$NAME` or `${NAME}`.
    Var {
        name: String,
        raw: String,
        quoted: bool,
    },
    /// Any other expansion, known only when the job runs.
    Dyn {
        raw: String,
        what: String,
        quoted: bool,
        /// `${NAME:=default}` / `${NAME=default}` also assign NAME.
        assigns: Option<String>,
    },
    /// `NAME=(…)`: an array.
    Array,
}

#[derive(Clone, Debug)]
struct Word {
    units: Vec<Unit>,
    pos: SourcePosition,
    raw: String,
    /// A carriage return that ends a line (CRLF) is part of the word.
    crlf: bool,
}

impl Word {
    /// The text when the word is one unquoted literal (a reserved-word candidate).
    fn plain(&self) -> Option<String> {
        let mut s = String::new();
        for u in &self.units {
            match u {
                Unit::Ch(c, false) => s.push(*c),
                _ => return None,
            }
        }
        Some(s)
    }

    /// The text after quote removal when the word has no expansions.
    fn literal(&self) -> Option<String> {
        let mut s = String::new();
        for u in &self.units {
            match u {
                Unit::Ch(c, _) => s.push(*c),
                _ => return None,
            }
        }
        Some(s)
    }

    fn is_reserved(&self, kw: &str) -> bool {
        self.plain().is_some_and(|p| p == kw)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Semi,
    DSemi,
    SemiAmp,
    DSemiAmp,
    Amp,
    AndAnd,
    Pipe,
    PipeAmp,
    OrOr,
    LParen,
    RParen,
    /// A redirection; `true` for a here-document (`<<`, `<<-`), with `strip_tabs`.
    Redir {
        heredoc: bool,
        strip_tabs: bool,
    },
}

impl Op {
    fn text(self) -> &'static str {
        match self {
            Op::Semi => ";",
            Op::DSemi => ";;",
            Op::SemiAmp => ";&",
            Op::DSemiAmp => ";;&",
            Op::Amp => "&",
            Op::AndAnd => "&&",
            Op::Pipe => "|",
            Op::PipeAmp => "|&",
            Op::OrOr => "||",
            Op::LParen => "(",
            Op::RParen => ")",
            Op::Redir { heredoc: true, .. } => "<<",
            Op::Redir { .. } => "a redirection",
        }
    }
}

#[derive(Clone, Debug)]
enum Tok {
    Word(Word),
    Op(Op, SourcePosition),
    Newline(SourcePosition),
    Eof(SourcePosition),
    /// `(( … ))` at the start of a command, with its text.
    Arith(SourcePosition, String),
    /// `[[ … ]]` at the start of a command.
    Cond(SourcePosition),
}

impl Tok {
    fn pos(&self) -> SourcePosition {
        match self {
            Tok::Word(w) => w.pos,
            Tok::Op(_, p) | Tok::Newline(p) | Tok::Eof(p) | Tok::Arith(p, _) | Tok::Cond(p) => *p,
        }
    }

    fn describe(&self) -> String {
        match self {
            Tok::Word(w) => format!("`{}`", w.raw),
            Tok::Op(op, _) => format!("`{}`", op.text()),
            Tok::Newline(_) => "the end of the line".to_owned(),
            Tok::Eof(_) => "the end of the text".to_owned(),
            Tok::Arith(..) => "`((`".to_owned(),
            Tok::Cond(_) => "`[[`".to_owned(),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Normal,
    /// At the start of a command, where `((` and `[[` open compound commands.
    Command,
    /// After assignments, where another assignment (`a[i]=x`) may stand.
    Assign,
}

struct PendingHeredoc {
    delimiter: String,
    strip_tabs: bool,
    pos: SourcePosition,
}

fn syntax(pos: SourcePosition, message: impl Into<String>) -> ParseError {
    ParseError::new(ParseErrorKind::Syntax, pos, message)
}

/// `text` without its backslash-newline pairs (line continuations), as
/// `text.replace("\\\n", "")` would give it, left to right, without a substring searcher.
fn without_line_continuations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek() == Some(&'\n') {
            chars.next();
        } else {
            out.push(c);
        }
    }
    out
}

fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// A valid shell variable name.
fn is_name(s: &str) -> bool {
    let mut it = s.chars();
    it.next().is_some_and(is_name_start) && it.all(is_name_char)
}

fn is_meta(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | ';' | '&' | '|' | '(' | ')' | '<' | '>'
    )
}

// ---------------------------------------------------------------------------------------------
// Lexer

struct Lexer<'s> {
    src: &'s Src,
    i: usize,
    heredocs: Vec<PendingHeredoc>,
    notes: Vec<ParseNote>,
    /// How deeply quotes, expansions and compound commands are nested here.
    nest: u32,
}

/// Deepest nesting of quotes, expansions and compound commands read; deeper text is refused
/// rather than risking the stack.
const MAX_NEST: u32 = 40;

fn too_deep(at: SourcePosition) -> ParseError {
    syntax(
        at,
        format!("quotes, expansions or blocks are nested more than {MAX_NEST} levels deep here"),
    )
}

impl Lexer<'_> {
    fn raw_at(&self, j: usize) -> Option<char> {
        self.src.chars.get(j).copied()
    }

    /// Index of the next character at or after `j` once backslash-newline pairs (removed by
    /// bash outside single quotes) are skipped.
    fn skip_from(&self, mut j: usize) -> usize {
        while self.raw_at(j) == Some('\\') && self.raw_at(j + 1) == Some('\n') {
            j += 2;
        }
        j
    }

    /// The current character, skipping line continuations.
    fn cur(&mut self) -> Option<char> {
        self.i = self.skip_from(self.i);
        self.raw_at(self.i)
    }

    /// The character after the current one, skipping line continuations.
    fn next_c(&self) -> Option<char> {
        let here = self.skip_from(self.i);
        self.raw_at(self.skip_from(here + 1))
    }

    fn pos(&self) -> SourcePosition {
        self.src.at(self.i)
    }

    fn bump(&mut self) {
        self.i += 1;
    }

    fn next_token(&mut self, mode: Mode) -> Result<Tok, ParseError> {
        loop {
            let Some(c) = self.cur() else {
                return Ok(Tok::Eof(self.src.end));
            };
            let pos = self.pos();
            match c {
                ' ' | '\t' => self.bump(),
                '\n' => {
                    self.bump();
                    self.read_heredocs();
                    return Ok(Tok::Newline(pos));
                }
                '#' => {
                    while self.raw_at(self.i).is_some_and(|c| c != '\n') {
                        self.i += 1;
                    }
                }
                '(' if mode == Mode::Command && self.next_c() == Some('(') => {
                    let from = self.i;
                    self.skip_arith()?;
                    return Ok(Tok::Arith(pos, self.src.text(from, self.i)));
                }
                '[' if mode == Mode::Command && self.is_cond_start() => {
                    self.skip_cond()?;
                    return Ok(Tok::Cond(pos));
                }
                '<' | '>' if self.next_c() == Some('(') => return self.word(mode),
                ';' | '&' | '|' | '(' | ')' | '<' | '>' => return Ok(Tok::Op(self.op(), pos)),
                _ => return self.word(mode),
            }
        }
    }

    fn op(&mut self) -> Op {
        let c = self.cur();
        self.bump();
        let take = |lx: &mut Self, want: char| -> bool {
            if lx.cur() == Some(want) {
                lx.bump();
                true
            } else {
                false
            }
        };
        let plain = Op::Redir {
            heredoc: false,
            strip_tabs: false,
        };
        match c {
            Some(';') => {
                if take(self, ';') {
                    if take(self, '&') {
                        Op::DSemiAmp
                    } else {
                        Op::DSemi
                    }
                } else if take(self, '&') {
                    Op::SemiAmp
                } else {
                    Op::Semi
                }
            }
            Some('&') => {
                if take(self, '&') {
                    Op::AndAnd
                } else if take(self, '>') {
                    take(self, '>');
                    plain
                } else {
                    Op::Amp
                }
            }
            Some('|') => {
                if take(self, '|') {
                    Op::OrOr
                } else if take(self, '&') {
                    Op::PipeAmp
                } else {
                    Op::Pipe
                }
            }
            Some('(') => Op::LParen,
            Some(')') => Op::RParen,
            Some('<') => {
                if take(self, '<') {
                    if take(self, '<') {
                        plain
                    } else if take(self, '-') {
                        Op::Redir {
                            heredoc: true,
                            strip_tabs: true,
                        }
                    } else {
                        Op::Redir {
                            heredoc: true,
                            strip_tabs: false,
                        }
                    }
                } else {
                    let _ = take(self, '&') || take(self, '>');
                    plain
                }
            }
            _ => {
                // '>'
                let _ = take(self, '>') || take(self, '&') || take(self, '|');
                plain
            }
        }
    }

    /// `[[` followed by a blank or the end of the word.
    fn is_cond_start(&self) -> bool {
        let here = self.skip_from(self.i);
        let second = self.skip_from(here + 1);
        if self.raw_at(second) != Some('[') {
            return false;
        }
        let third = self.skip_from(second + 1);
        self.raw_at(third).is_none_or(is_meta)
    }

    /// Skips `(( … ))`, counting parentheses and skipping quotes.
    fn skip_arith(&mut self) -> Result<(), ParseError> {
        let pos = self.pos();
        self.cur();
        self.bump();
        self.skip_parens(pos, 1)
    }

    /// Skips `[[ … ]]` up to a `]]` word.
    fn skip_cond(&mut self) -> Result<(), ParseError> {
        let pos = self.pos();
        self.cur();
        self.bump();
        self.cur();
        self.bump();
        let mut word_start = true;
        loop {
            let Some(c) = self.cur() else {
                return Err(syntax(
                    pos,
                    "`[[` is never closed with `]]` (bash: unexpected end of file)",
                ));
            };
            match c {
                ']' if word_start && self.next_c() == Some(']') => {
                    self.bump();
                    self.cur();
                    self.bump();
                    if self.cur().is_none_or(is_meta) {
                        return Ok(());
                    }
                    word_start = false;
                }
                ' ' | '\t' | '\n' => {
                    self.bump();
                    word_start = true;
                }
                _ => {
                    self.skip_one_unquoted(false)?;
                    word_start = false;
                }
            }
        }
    }

    /// Skips one character or quoted/expansion construct in unquoted context (used when only
    /// the extent of a construct matters).
    fn skip_one_unquoted(&mut self, in_dq: bool) -> Result<(), ParseError> {
        let pos = self.pos();
        if self.nest >= MAX_NEST {
            return Err(too_deep(pos));
        }
        self.nest += 1;
        let result = self.skip_one_inner(in_dq, pos);
        self.nest -= 1;
        result
    }

    fn skip_one_inner(&mut self, in_dq: bool, pos: SourcePosition) -> Result<(), ParseError> {
        match self.cur() {
            Some('\\') => {
                self.bump();
                if self.raw_at(self.i).is_some() {
                    self.bump();
                }
            }
            Some('\'') if !in_dq => {
                self.bump();
                self.skip_single(pos)?;
            }
            Some('"') => {
                self.bump();
                self.skip_double(pos)?;
            }
            Some('`') => {
                self.bump();
                self.skip_backtick(pos)?;
            }
            Some('$') => {
                self.bump();
                match self.cur() {
                    Some('{') => {
                        self.bump();
                        self.skip_brace(pos)?;
                    }
                    Some('(') if self.next_c() == Some('(') => {
                        self.bump();
                        self.skip_parens(pos, 1)?;
                    }
                    Some('(') => {
                        self.bump();
                        self.command_subst(pos)?;
                    }
                    Some('\'') if !in_dq => {
                        self.bump();
                        self.skip_ansi(pos)?;
                    }
                    _ => {}
                }
            }
            Some(_) => self.bump(),
            None => {}
        }
        Ok(())
    }

    fn skip_single(&mut self, open: SourcePosition) -> Result<(), ParseError> {
        self.skip_raw(
            open,
            '\'',
            false,
            ParseErrorKind::UnterminatedQuote,
            "this single quote",
        )
    }

    fn skip_ansi(&mut self, open: SourcePosition) -> Result<(), ParseError> {
        self.skip_raw(
            open,
            '\'',
            true,
            ParseErrorKind::UnterminatedQuote,
            "this `$'` quote",
        )
    }

    fn skip_backtick(&mut self, open: SourcePosition) -> Result<(), ParseError> {
        self.skip_raw(
            open,
            '`',
            true,
            ParseErrorKind::UnterminatedExpansion,
            "this backquote (command substitution)",
        )
    }

    fn skip_double(&mut self, open: SourcePosition) -> Result<(), ParseError> {
        self.skip_nested(
            open,
            '"',
            true,
            ParseErrorKind::UnterminatedQuote,
            "this double quote",
        )
    }

    /// Skips to the `}` closing `${`; quotes inside count, plain `{` does not nest.
    fn skip_brace(&mut self, open: SourcePosition) -> Result<(), ParseError> {
        self.skip_nested(
            open,
            '}',
            false,
            ParseErrorKind::UnterminatedExpansion,
            "this `${`",
        )
    }

    /// Skips raw text up to `close`; with `escapes`, a backslash protects the next character.
    fn skip_raw(
        &mut self,
        open: SourcePosition,
        close: char,
        escapes: bool,
        kind: ParseErrorKind,
        what: &str,
    ) -> Result<(), ParseError> {
        loop {
            match self.raw_at(self.i) {
                None => {
                    return Err(ParseError::new(
                        kind,
                        open,
                        format!("{what} is never closed"),
                    ));
                }
                Some('\\') if escapes => {
                    self.bump();
                    if self.raw_at(self.i).is_some() {
                        self.bump();
                    }
                }
                Some(c) if c == close => {
                    self.bump();
                    return Ok(());
                }
                Some(_) => self.bump(),
            }
        }
    }

    /// Skips up to `close`, reading quotes and expansions inside as bash does.
    fn skip_nested(
        &mut self,
        open: SourcePosition,
        close: char,
        in_double: bool,
        kind: ParseErrorKind,
        what: &str,
    ) -> Result<(), ParseError> {
        loop {
            match self.cur() {
                None => {
                    return Err(ParseError::new(
                        kind,
                        open,
                        format!("{what} is never closed"),
                    ));
                }
                Some(c) if c == close => {
                    self.bump();
                    return Ok(());
                }
                Some(_) => self.skip_one_unquoted(in_double)?,
            }
        }
    }

    /// Skips to the `)` that brings the depth to zero (`$(…)`, `$((…))`, `<(…)`, `((…))`).
    fn skip_parens(&mut self, open: SourcePosition, mut depth: u32) -> Result<(), ParseError> {
        let mut word_start = true;
        loop {
            let Some(c) = self.cur() else {
                return Err(ParseError::new(
                    ParseErrorKind::UnterminatedExpansion,
                    open,
                    "this parenthesis is never closed with `)`",
                ));
            };
            match c {
                '(' => {
                    depth += 1;
                    self.bump();
                    word_start = true;
                }
                ')' => {
                    depth -= 1;
                    self.bump();
                    if depth == 0 {
                        return Ok(());
                    }
                    word_start = true;
                }
                '#' if word_start => {
                    while self.raw_at(self.i).is_some_and(|c| c != '\n') {
                        self.i += 1;
                    }
                }
                ' ' | '\t' | '\n' | ';' | '&' | '|' | '<' | '>' => {
                    self.bump();
                    word_start = true;
                }
                _ => {
                    self.skip_one_unquoted(false)?;
                    word_start = false;
                }
            }
        }
    }

    /// Reads the command list of `$(…)`, `<(…)` or `>(…)` as bash does (the current character
    /// follows the `(`), up to and including its `)`.
    fn command_subst(&mut self, open: SourcePosition) -> Result<(), ParseError> {
        if self.nest >= MAX_NEST {
            return Err(too_deep(open));
        }
        let mut inner = Parser {
            lx: Lexer {
                src: self.src,
                i: self.i,
                heredocs: Vec::new(),
                notes: Vec::new(),
                nest: self.nest + 1,
            },
            peeked: None,
            execs: Vec::new(),
            shell: Shell::new(),
        };
        let sub = Ctx {
            subshell: true,
            ..Ctx::default()
        };
        inner.parse_list(sub, &[], &[Op::RParen])?;
        match inner.next(Mode::Normal)? {
            Tok::Op(Op::RParen, _) => {
                self.i = inner.lx.i;
                Ok(())
            }
            Tok::Eof(_) => Err(ParseError::new(
                ParseErrorKind::UnterminatedExpansion,
                open,
                "this `$(` is never closed with `)`",
            )),
            t => Err(Parser::unexpected(&t)),
        }
    }

    fn word(&mut self, mode: Mode) -> Result<Tok, ParseError> {
        let start = self.skip_from(self.i);
        let pos = self.src.at(start);
        let mut units: Vec<Unit> = Vec::new();
        let mut crlf = false;
        while let Some(c) = self.cur() {
            if c == '[' && mode != Mode::Normal && is_plain_name(&units) {
                // Where an assignment may stand, `NAME[` starts a subscript that runs to the
                // matching `]`, blanks included (`a[x y]=1`).
                let p = self.pos();
                let from = self.i;
                self.bump();
                let mut depth = 1u32;
                loop {
                    match self.cur() {
                        None => {
                            return Err(ParseError::new(
                                ParseErrorKind::UnterminatedExpansion,
                                p,
                                "this `[` (an array subscript) is never closed with `]`",
                            ));
                        }
                        Some('[') => {
                            depth += 1;
                            self.bump();
                        }
                        Some(']') => {
                            self.bump();
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        Some(_) => self.skip_one_unquoted(false)?,
                    }
                }
                for ch in self.src.text(from, self.i).chars() {
                    units.push(Unit::Ch(ch, false));
                }
                continue;
            }
            if (c == '<' || c == '>') && self.next_c() == Some('(') {
                let p = self.pos();
                let from = self.i;
                self.bump();
                self.cur();
                self.bump();
                self.command_subst(p)?;
                units.push(Unit::Dyn {
                    raw: self.src.text(from, self.i),
                    what: "a process substitution".to_owned(),
                    quoted: false,
                    assigns: None,
                });
                continue;
            }
            if c == '(' && is_array_start(&units) {
                let p = self.pos();
                self.bump();
                self.skip_parens(p, 1)?;
                units.push(Unit::Array);
                continue;
            }
            if is_meta(c) {
                break;
            }
            if c == '\r' && matches!(self.raw_at(self.i + 1), None | Some('\n')) {
                crlf = true;
            }
            match c {
                '\\' => {
                    self.bump();
                    match self.raw_at(self.i) {
                        None => units.push(Unit::Ch('\\', false)),
                        Some(n) => {
                            if n == '\r' && matches!(self.raw_at(self.i + 1), None | Some('\n')) {
                                crlf = true;
                            }
                            units.push(Unit::Ch(n, true));
                            self.bump();
                        }
                    }
                }
                '\'' => {
                    let p = self.pos();
                    self.bump();
                    loop {
                        match self.raw_at(self.i) {
                            None => {
                                return Err(ParseError::new(
                                    ParseErrorKind::UnterminatedQuote,
                                    p,
                                    "this single quote is never closed; bash reads to the end of the text looking for it",
                                ));
                            }
                            Some('\'') => {
                                self.bump();
                                break;
                            }
                            Some(ch) => {
                                if ch == '\r' && self.raw_at(self.i + 1) == Some('\n') {
                                    crlf = true;
                                }
                                units.push(Unit::Ch(ch, true));
                                self.bump();
                            }
                        }
                    }
                }
                '"' => {
                    let p = self.pos();
                    self.bump();
                    self.double_quoted(p, &mut units, &mut crlf)?;
                }
                '$' => self.dollar(false, &mut units, &mut crlf)?,
                '`' => {
                    let p = self.pos();
                    let from = self.i;
                    self.bump();
                    self.skip_backtick(p)?;
                    units.push(Unit::Dyn {
                        raw: self.src.text(from, self.i),
                        what: "a command substitution".to_owned(),
                        quoted: false,
                        assigns: None,
                    });
                }
                _ => {
                    units.push(Unit::Ch(c, false));
                    self.bump();
                }
            }
        }
        let raw = self.src.text(start, self.i);
        let word = Word {
            units,
            pos,
            raw,
            crlf,
        };
        // `2>file`, `{fd}>file`: the word is the redirection's descriptor, not an argument.
        if matches!(self.cur(), Some('<' | '>')) && is_fd_word(&word) {
            let p = self.pos();
            return Ok(Tok::Op(self.op(), p));
        }
        Ok(Tok::Word(word))
    }

    fn double_quoted(
        &mut self,
        open: SourcePosition,
        units: &mut Vec<Unit>,
        crlf: &mut bool,
    ) -> Result<(), ParseError> {
        loop {
            let Some(c) = self.cur() else {
                return Err(ParseError::new(
                    ParseErrorKind::UnterminatedQuote,
                    open,
                    "this double quote is never closed; bash reads to the end of the text looking for it",
                ));
            };
            if c == '\r' && self.raw_at(self.i + 1) == Some('\n') {
                *crlf = true;
            }
            match c {
                '"' => {
                    self.bump();
                    return Ok(());
                }
                '\\' => {
                    let n = self.raw_at(self.i + 1);
                    match n {
                        Some(n @ ('$' | '`' | '"' | '\\')) => {
                            units.push(Unit::Ch(n, true));
                            self.i += 2;
                        }
                        _ => {
                            units.push(Unit::Ch('\\', true));
                            self.bump();
                        }
                    }
                }
                '$' => self.dollar(true, units, crlf)?,
                '`' => {
                    let p = self.pos();
                    let from = self.i;
                    self.bump();
                    self.skip_backtick(p)?;
                    units.push(Unit::Dyn {
                        raw: self.src.text(from, self.i),
                        what: "a command substitution".to_owned(),
                        quoted: true,
                        assigns: None,
                    });
                }
                _ => {
                    units.push(Unit::Ch(c, true));
                    self.bump();
                }
            }
        }
    }

    /// After a `$` (current character).
    fn dollar(
        &mut self,
        quoted: bool,
        units: &mut Vec<Unit>,
        crlf: &mut bool,
    ) -> Result<(), ParseError> {
        if self.nest >= MAX_NEST {
            return Err(too_deep(self.pos()));
        }
        self.nest += 1;
        let result = self.dollar_inner(quoted, units, crlf);
        self.nest -= 1;
        result
    }

    fn dollar_inner(
        &mut self,
        quoted: bool,
        units: &mut Vec<Unit>,
        crlf: &mut bool,
    ) -> Result<(), ParseError> {
        let p = self.pos();
        let from = self.i;
        self.bump();
        let dynamic = |lx: &Self, what: &str| Unit::Dyn {
            raw: lx.src.text(from, lx.i),
            what: what.to_owned(),
            quoted,
            assigns: None,
        };
        match self.cur() {
            Some('{') => {
                self.bump();
                let inner_start = self.i;
                self.skip_brace(p)?;
                let inner: String = self.src.text(inner_start, self.i.saturating_sub(1));
                let inner = without_line_continuations(&inner);
                if is_name(&inner) {
                    units.push(Unit::Var {
                        name: inner,
                        raw: self.src.text(from, self.i),
                        quoted,
                    });
                } else {
                    let name: String = inner
                        .trim_start_matches(['!', '#'])
                        .chars()
                        .take_while(|c| is_name_char(*c))
                        .collect();
                    let what = if name.is_empty() || !is_name(&name) {
                        "a parameter expansion".to_owned()
                    } else {
                        format!("${name}")
                    };
                    let after = inner.get(name.len()..).unwrap_or("");
                    let assigns = (is_name(&name)
                        && !inner.starts_with(['!', '#'])
                        && (after.starts_with(":=") || after.starts_with('=')))
                    .then_some(name);
                    units.push(Unit::Dyn {
                        raw: self.src.text(from, self.i),
                        what,
                        quoted,
                        assigns,
                    });
                }
            }
            Some('(') => {
                let arith = self.next_c() == Some('(');
                self.bump();
                if arith {
                    self.skip_parens(p, 1)?;
                } else {
                    self.command_subst(p)?;
                }
                let what = if arith {
                    "an arithmetic expansion"
                } else {
                    "a command substitution"
                };
                units.push(dynamic(self, what));
            }
            Some('[') => {
                self.bump();
                let mut depth = 1u32;
                loop {
                    match self.cur() {
                        None => {
                            return Err(ParseError::new(
                                ParseErrorKind::UnterminatedExpansion,
                                p,
                                "this `$[` is never closed with `]`",
                            ));
                        }
                        Some('[') => depth += 1,
                        Some(']') => {
                            depth -= 1;
                            if depth == 0 {
                                self.bump();
                                break;
                            }
                        }
                        Some(_) => {}
                    }
                    self.skip_one_unquoted(false)?;
                }
                units.push(dynamic(self, "an arithmetic expansion"));
            }
            Some('\'') if !quoted => {
                self.bump();
                let content_start = self.i;
                self.skip_ansi(p)?;
                let content: Vec<char> = self
                    .src
                    .chars
                    .get(content_start..self.i.saturating_sub(1))
                    .unwrap_or(&[])
                    .to_vec();
                if content.windows(2).any(|w| w == ['\r', '\n']) {
                    *crlf = true;
                }
                let (bytes, locale) = ansi_c(&content);
                units.push(if locale {
                    Unit::Locale(bytes)
                } else {
                    Unit::Bytes(bytes)
                });
            }
            Some('"') if !quoted => {
                // $"…": translated with the locale's message catalog; without one (every
                // training job), exactly a double-quoted string.
                let q = self.pos();
                self.bump();
                self.double_quoted(q, units, crlf)?;
            }
            Some(c) if is_name_start(c) => {
                let mut name = String::new();
                while let Some(c) = self.cur().filter(|c| is_name_char(*c)) {
                    name.push(c);
                    self.bump();
                }
                units.push(Unit::Var {
                    name,
                    raw: self.src.text(from, self.i),
                    quoted,
                });
            }
            Some(c) if c.is_ascii_digit() || has_char("@*#?-$!", c) => {
                self.bump();
                units.push(dynamic(self, "a special parameter"));
            }
            _ => units.push(Unit::Ch('$', quoted)),
        }
        Ok(())
    }

    /// After the newline that ends a line with `<<WORD`: skips the here-document bodies.
    fn read_heredocs(&mut self) {
        let pending = std::mem::take(&mut self.heredocs);
        for doc in pending {
            loop {
                if self.i >= self.src.chars.len() {
                    self.notes.push(ParseNote::warning(
                        "unterminated-heredoc",
                        doc.pos,
                        format!(
                            "the here-document is never ended by a line `{}`; bash reads it to the end of the text, so no assignment after it takes effect",
                            doc.delimiter
                        ),
                    ));
                    break;
                }
                let line_start = self.i;
                while self.raw_at(self.i).is_some_and(|c| c != '\n') {
                    self.i += 1;
                }
                let mut line: &[char] = self.src.chars.get(line_start..self.i).unwrap_or(&[]);
                if self.raw_at(self.i) == Some('\n') {
                    self.i += 1;
                }
                if doc.strip_tabs {
                    while let [first, rest @ ..] = line {
                        if *first != '\t' {
                            break;
                        }
                        line = rest;
                    }
                }
                if line.iter().copied().eq(doc.delimiter.chars()) {
                    break;
                }
            }
        }
    }
}

/// A valid name so far, all unquoted.
fn is_plain_name(units: &[Unit]) -> bool {
    let mut s = String::new();
    for u in units {
        match u {
            Unit::Ch(c, false) => s.push(*c),
            _ => return false,
        }
    }
    is_name(&s)
}

/// `NAME=` or `NAME+=` so far, all unquoted: a `(` starts an array value.
fn is_array_start(units: &[Unit]) -> bool {
    let mut s = String::new();
    for u in units {
        match u {
            Unit::Ch(c, false) => s.push(*c),
            _ => return false,
        }
    }
    let Some(head) = s.strip_suffix('=') else {
        return false;
    };
    let head = head.strip_suffix('+').unwrap_or(head);
    is_name(head)
}

/// All digits (`2>`), or `{name}` (`{fd}>`): a word that belongs to the redirection after it.
fn is_fd_word(w: &Word) -> bool {
    let Some(p) = w.plain() else { return false };
    if !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    p.strip_prefix('{')
        .and_then(|r| r.strip_suffix('}'))
        .is_some_and(is_name)
}

/// Decodes the inside of `$'…'` as bash does: the bytes, and whether a `\u`/`\U` escape above
/// ASCII made the result depend on the locale. A NUL (from any escape) ends the string.
fn ansi_c(content: &[char]) -> (Vec<u8>, bool) {
    let mut out = Vec::new();
    let mut locale = false;
    let mut i = 0;
    let mut buf = [0u8; 4];
    let get = |k: usize| content.get(k).copied();
    while let Some(c) = get(i) {
        if c != '\\' {
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            i += 1;
            continue;
        }
        let Some(e) = get(i + 1) else {
            out.push(b'\\');
            break;
        };
        i += 2;
        let byte: Option<u32> = match e {
            'a' => Some(7),
            'b' => Some(8),
            'e' | 'E' => Some(27),
            'f' => Some(12),
            'n' => Some(10),
            'r' => Some(13),
            't' => Some(9),
            'v' => Some(11),
            '\\' => Some(u32::from(b'\\')),
            '\'' => Some(u32::from(b'\'')),
            '"' => Some(u32::from(b'"')),
            '?' => Some(u32::from(b'?')),
            '0'..='7' => {
                let mut v = crate::text::digit_value(e, 8).unwrap_or(0);
                let mut n = 1;
                while n < 3 {
                    match get(i).and_then(|d| crate::text::digit_value(d, 8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            i += 1;
                            n += 1;
                        }
                        None => break,
                    }
                }
                Some(v & 0xFF)
            }
            'x' => {
                let (v, n) = hex_digits(content, i, 2);
                if n == 0 {
                    out.extend_from_slice(b"\\x");
                    continue;
                }
                i += n;
                Some(v)
            }
            'u' | 'U' => {
                let (v, n) = hex_digits(content, i, if e == 'u' { 4 } else { 8 });
                if n == 0 {
                    out.push(b'\\');
                    out.extend_from_slice(e.encode_utf8(&mut buf).as_bytes());
                    continue;
                }
                i += n;
                if v < 0x80 {
                    Some(v)
                } else {
                    locale = true;
                    match char::from_u32(v) {
                        Some(ch) => out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes()),
                        None => out.extend_from_slice(
                            content
                                .get(i - n - 2..i)
                                .unwrap_or(&[])
                                .iter()
                                .collect::<String>()
                                .as_bytes(),
                        ),
                    }
                    continue;
                }
            }
            'c' => match get(i) {
                None => {
                    out.extend_from_slice(b"\\c");
                    continue;
                }
                Some('\\') => {
                    i += 1;
                    if get(i) == Some('\\') {
                        i += 1;
                    }
                    Some(0x1c)
                }
                Some(x) => {
                    i += 1;
                    let first = x
                        .encode_utf8(&mut buf)
                        .as_bytes()
                        .first()
                        .copied()
                        .unwrap_or(0);
                    let rest: Vec<u8> = x
                        .encode_utf8(&mut buf)
                        .as_bytes()
                        .get(1..)
                        .unwrap_or(&[])
                        .to_vec();
                    let ctrl = if first == b'?' {
                        0x7f
                    } else {
                        u32::from(first.to_ascii_uppercase() & 0x1f)
                    };
                    if ctrl == 0 {
                        break;
                    }
                    out.push(ctrl as u8);
                    out.extend_from_slice(&rest);
                    continue;
                }
            },
            other => {
                out.push(b'\\');
                out.extend_from_slice(other.encode_utf8(&mut buf).as_bytes());
                continue;
            }
        };
        match byte {
            Some(0) => break,
            Some(b) => out.push(b as u8),
            None => {}
        }
    }
    (out, locale)
}

/// Up to `max` hex digits at `content[i..]`: (value, how many).
fn hex_digits(content: &[char], i: usize, max: usize) -> (u32, usize) {
    let mut v: u32 = 0;
    let mut n = 0;
    while n < max {
        match content
            .get(i + n)
            .and_then(|d| crate::text::digit_value(*d, 16))
        {
            Some(d) => {
                v = v.wrapping_mul(16).wrapping_add(d);
                n += 1;
            }
            None => break,
        }
    }
    (v, n)
}

// ---------------------------------------------------------------------------------------------
// Parser: bash's grammar, enough to know which simple commands run, and how surely

#[derive(Clone, Copy, Debug, Default)]
struct Ctx {
    /// The command may not run (inside `if`/loops/`case`/a function, after `&&`/`||`).
    conditional: bool,
    /// The command runs in a subshell (pipeline, `&`, `( )`): no effect on later lines.
    subshell: bool,
    /// Inside a function body.
    function: bool,
}

enum Exec {
    Simple {
        words: Vec<Word>,
        ctx: Ctx,
    },
    /// A variable a loop (or an arithmetic expression) assigns, with what assigns it.
    LoopVar {
        name: String,
        pos: SourcePosition,
        ctx: Ctx,
        by: &'static str,
    },
    Opaque {
        what: &'static str,
        pos: SourcePosition,
        ctx: Ctx,
    },
    Function {
        name: String,
        pos: SourcePosition,
    },
}

impl Exec {
    fn ctx_mut(&mut self) -> Option<&mut Ctx> {
        match self {
            Exec::Simple { ctx, .. } | Exec::LoopVar { ctx, .. } | Exec::Opaque { ctx, .. } => {
                Some(ctx)
            }
            Exec::Function { .. } => None,
        }
    }
}

struct Parser<'s> {
    lx: Lexer<'s>,
    peeked: Option<Tok>,
    execs: Vec<Exec>,
    shell: Shell,
}

const COMPOUND_OPENERS: &[&str] = &["if", "while", "until", "for", "select", "case", "{"];
const RESERVED: &[&str] = &[
    "if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until", "do",
    "done", "function", "{", "}", "!", "[[", "]]", "time", "coproc", "in",
];

impl Parser<'_> {
    fn peek(&mut self, mode: Mode) -> Result<&Tok, ParseError> {
        if self.peeked.is_none() {
            self.peeked = Some(self.lx.next_token(mode)?);
        }
        match &self.peeked {
            Some(t) => Ok(t),
            None => Err(syntax(self.lx.src.end, "internal: no token")),
        }
    }

    fn next(&mut self, mode: Mode) -> Result<Tok, ParseError> {
        match self.peeked.take() {
            Some(t) => Ok(t),
            None => self.lx.next_token(mode),
        }
    }

    fn peek_reserved(&mut self, kws: &[&str]) -> Result<Option<String>, ParseError> {
        Ok(match self.peek(Mode::Command)? {
            Tok::Word(w) => w.plain().filter(|p| kws.contains(&p.as_str())),
            _ => None,
        })
    }

    fn skip_newlines(&mut self) -> Result<(), ParseError> {
        while matches!(self.peek(Mode::Command)?, Tok::Newline(_)) {
            self.next(Mode::Command)?;
        }
        Ok(())
    }

    fn unexpected(tok: &Tok) -> ParseError {
        match tok {
            Tok::Eof(p) => syntax(
                *p,
                "unexpected end of the text: a command or block is not finished",
            ),
            t => syntax(
                t.pos(),
                format!("syntax error near unexpected token {}", t.describe()),
            ),
        }
    }

    fn parse_program(&mut self) -> Result<(), ParseError> {
        loop {
            match self.peek(Mode::Command)? {
                Tok::Eof(_) => {
                    self.flush();
                    return Ok(());
                }
                Tok::Newline(_) => {
                    self.next(Mode::Command)?;
                    self.flush();
                    if self.shell.stopped {
                        return Ok(());
                    }
                    continue;
                }
                _ => {}
            }
            let start = self.execs.len();
            self.parse_and_or(Ctx::default())?;
            match self.peek(Mode::Normal)? {
                Tok::Op(Op::Semi, _) => {
                    self.next(Mode::Normal)?;
                }
                Tok::Op(Op::Amp, _) => {
                    self.next(Mode::Normal)?;
                    self.mark_subshell(start);
                }
                Tok::Newline(_) | Tok::Eof(_) => {}
                t => return Err(Self::unexpected(t)),
            }
        }
    }

    /// Runs the commands of one complete line.
    fn flush(&mut self) {
        for exec in std::mem::take(&mut self.execs) {
            if self.shell.stopped {
                break;
            }
            self.shell.exec(exec);
        }
    }

    fn mark_subshell(&mut self, start: usize) {
        for e in self.execs.iter_mut().skip(start) {
            if let Some(ctx) = e.ctx_mut() {
                ctx.subshell = true;
            }
        }
    }

    /// A compound list ending before one of `stops` (reserved words) or `stop_ops`; returns
    /// how many and-or lists it had.
    fn parse_list(
        &mut self,
        ctx: Ctx,
        stops: &[&str],
        stop_ops: &[Op],
    ) -> Result<usize, ParseError> {
        let mut n = 0;
        loop {
            self.skip_newlines()?;
            match self.peek(Mode::Command)? {
                Tok::Eof(_) => return Ok(n),
                Tok::Op(op, _) if stop_ops.contains(op) => return Ok(n),
                Tok::Word(w) if w.plain().is_some_and(|p| stops.contains(&p.as_str())) => {
                    return Ok(n);
                }
                _ => {}
            }
            let start = self.execs.len();
            self.parse_and_or(ctx)?;
            n += 1;
            match self.peek(Mode::Normal)? {
                Tok::Op(Op::Semi, _) | Tok::Newline(_) => {
                    self.next(Mode::Normal)?;
                }
                Tok::Op(Op::Amp, _) => {
                    self.next(Mode::Normal)?;
                    self.mark_subshell(start);
                }
                Tok::Eof(_) => return Ok(n),
                Tok::Op(op, _) if stop_ops.contains(op) => return Ok(n),
                t => return Err(Self::unexpected(t)),
            }
        }
    }

    fn parse_and_or(&mut self, ctx: Ctx) -> Result<(), ParseError> {
        self.parse_pipeline(ctx)?;
        while matches!(self.peek(Mode::Normal)?, Tok::Op(Op::AndAnd | Op::OrOr, _)) {
            self.next(Mode::Normal)?;
            self.skip_newlines()?;
            self.parse_pipeline(Ctx {
                conditional: true,
                ..ctx
            })?;
        }
        Ok(())
    }

    fn parse_pipeline(&mut self, ctx: Ctx) -> Result<(), ParseError> {
        // `!` negates the status and `time` times it; neither changes what runs.
        let mut prefixed = false;
        while self.peek_reserved(&["!", "time"])?.is_some() {
            self.next(Mode::Command)?;
            prefixed = true;
        }
        if prefixed
            && matches!(
                self.peek(Mode::Command)?,
                Tok::Newline(_) | Tok::Eof(_) | Tok::Op(Op::Semi, _)
            )
        {
            // `!` or `time` alone is a valid, empty pipeline.
            return Ok(());
        }
        let start = self.execs.len();
        self.parse_command(ctx)?;
        let mut piped = false;
        while matches!(self.peek(Mode::Normal)?, Tok::Op(Op::Pipe | Op::PipeAmp, _)) {
            self.next(Mode::Normal)?;
            self.skip_newlines()?;
            piped = true;
            self.parse_command(ctx)?;
        }
        if piped {
            self.mark_subshell(start);
        }
        Ok(())
    }

    fn parse_command(&mut self, ctx: Ctx) -> Result<(), ParseError> {
        if self.lx.nest >= MAX_NEST {
            let at = self.peek(Mode::Command)?.pos();
            return Err(too_deep(at));
        }
        self.lx.nest += 1;
        let result = self.parse_command_inner(ctx);
        self.lx.nest -= 1;
        result
    }

    fn parse_command_inner(&mut self, ctx: Ctx) -> Result<(), ParseError> {
        let inner = Ctx {
            conditional: true,
            ..ctx
        };
        let tok = self.peek(Mode::Command)?.clone();
        match &tok {
            Tok::Word(w) => match w.plain().as_deref() {
                Some("if") => self.parse_if(inner, w.pos)?,
                Some("while" | "until") => self.parse_while(inner, w.pos)?,
                Some("for" | "select") => self.parse_for(inner, w.pos)?,
                Some("case") => self.parse_case(inner, w.pos)?,
                Some("{") => {
                    self.next(Mode::Command)?;
                    self.body(ctx, &["}"], w.pos, "{")?;
                    self.expect_reserved("}", w.pos, "{")?;
                }
                Some("function") => {
                    self.next(Mode::Command)?;
                    let name = match self.next(Mode::Normal)? {
                        Tok::Word(n) => n,
                        t => return Err(Self::unexpected(&t)),
                    };
                    if matches!(self.peek(Mode::Normal)?, Tok::Op(Op::LParen, _)) {
                        self.next(Mode::Normal)?;
                        match self.next(Mode::Normal)? {
                            Tok::Op(Op::RParen, _) => {}
                            t => return Err(Self::unexpected(&t)),
                        }
                    }
                    self.function_body(ctx, name.raw.clone(), name.pos)?;
                    return Ok(());
                }
                Some(p) if RESERVED.contains(&p) && !COMPOUND_OPENERS.contains(&p) => {
                    return Err(Self::unexpected(&tok));
                }
                _ => return self.parse_simple(ctx),
            },
            Tok::Op(Op::Redir { .. }, _) => return self.parse_simple(ctx),
            Tok::Op(Op::LParen, p) => {
                self.next(Mode::Command)?;
                let sub = Ctx {
                    subshell: true,
                    ..ctx
                };
                let n = self.parse_list(sub, &[], &[Op::RParen])?;
                match self.next(Mode::Normal)? {
                    Tok::Op(Op::RParen, _) if n > 0 => {}
                    Tok::Eof(_) => {
                        return Err(syntax(*p, "this `(` is never closed with `)`"));
                    }
                    t => return Err(Self::unexpected(&t)),
                }
            }
            Tok::Arith(p, text) => {
                self.next(Mode::Command)?;
                for name in arith_assigned(text) {
                    self.execs.push(Exec::LoopVar {
                        name,
                        pos: *p,
                        ctx,
                        by: "an arithmetic command `(( … ))`",
                    });
                }
            }
            Tok::Cond(p) => {
                self.next(Mode::Command)?;
                self.execs.push(Exec::Opaque {
                    what: "a test `[[ … ]]`",
                    pos: *p,
                    ctx,
                });
            }
            t => return Err(Self::unexpected(t)),
        }
        self.parse_redirections()
    }

    fn parse_redirections(&mut self) -> Result<(), ParseError> {
        while let Tok::Op(Op::Redir { .. }, _) = self.peek(Mode::Normal)? {
            self.redirection()?;
        }
        Ok(())
    }

    /// Consumes a redirection operator and its target; registers a here-document.
    fn redirection(&mut self) -> Result<(), ParseError> {
        let Tok::Op(
            Op::Redir {
                heredoc,
                strip_tabs,
            },
            pos,
        ) = self.next(Mode::Normal)?
        else {
            return Ok(());
        };
        match self.next(Mode::Normal)? {
            Tok::Word(w) => {
                if heredoc {
                    let delimiter = w
                        .units
                        .iter()
                        .map(|u| match u {
                            Unit::Ch(c, _) => c.to_string(),
                            Unit::Var { raw, .. } | Unit::Dyn { raw, .. } => raw.clone(),
                            Unit::Bytes(b) | Unit::Locale(b) => {
                                String::from_utf8_lossy(b).into_owned()
                            }
                            Unit::Array => String::new(),
                        })
                        .collect();
                    self.lx.heredocs.push(PendingHeredoc {
                        delimiter,
                        strip_tabs,
                        pos,
                    });
                }
                Ok(())
            }
            t => Err(Self::unexpected(&t)),
        }
    }

    fn parse_simple(&mut self, ctx: Ctx) -> Result<(), ParseError> {
        let mut words: Vec<Word> = Vec::new();
        // Still in the assignments before the command name, where `a[i]=x` may stand.
        let mut assigning = true;
        loop {
            let mode = if assigning {
                Mode::Assign
            } else {
                Mode::Normal
            };
            match self.peek(mode)? {
                Tok::Word(_) => {
                    if let Tok::Word(w) = self.next(Mode::Normal)? {
                        assigning = assigning && split_assignment(&w).is_some();
                        words.push(w);
                    }
                }
                Tok::Op(Op::Redir { .. }, _) => self.redirection()?,
                Tok::Op(Op::LParen, _) if words.len() == 1 => {
                    let Some(name) = words.first().filter(|w| is_function_name(w)).cloned() else {
                        let t = self.peek(Mode::Normal)?.clone();
                        return Err(Self::unexpected(&t));
                    };
                    self.next(Mode::Normal)?;
                    match self.next(Mode::Normal)? {
                        Tok::Op(Op::RParen, _) => {}
                        t => return Err(Self::unexpected(&t)),
                    }
                    return self.function_body(ctx, name.raw.clone(), name.pos);
                }
                _ => break,
            }
        }
        if !words.is_empty() {
            self.execs.push(Exec::Simple { words, ctx });
        }
        Ok(())
    }

    fn function_body(
        &mut self,
        ctx: Ctx,
        name: String,
        pos: SourcePosition,
    ) -> Result<(), ParseError> {
        self.skip_newlines()?;
        let body_ok = match self.peek(Mode::Command)? {
            Tok::Word(w) => w
                .plain()
                .is_some_and(|p| COMPOUND_OPENERS.contains(&p.as_str())),
            Tok::Op(Op::LParen, _) | Tok::Arith(..) | Tok::Cond(_) => true,
            _ => false,
        };
        if !body_ok {
            let t = self.peek(Mode::Command)?.clone();
            return Err(Self::unexpected(&t));
        }
        self.execs.push(Exec::Function { name, pos });
        self.parse_command(Ctx {
            conditional: true,
            function: true,
            ..ctx
        })
    }

    /// A non-empty list up to one of `stops`.
    fn body(
        &mut self,
        ctx: Ctx,
        stops: &[&str],
        open: SourcePosition,
        opener: &str,
    ) -> Result<(), ParseError> {
        let n = self.parse_list(ctx, stops, &[])?;
        if n == 0 {
            let t = self.peek(Mode::Command)?.clone();
            if let Tok::Eof(_) = t {
                return Err(syntax(
                    open,
                    format!("`{opener}` is never closed (bash: unexpected end of file)"),
                ));
            }
            return Err(Self::unexpected(&t));
        }
        Ok(())
    }

    fn expect_reserved(
        &mut self,
        kw: &str,
        open: SourcePosition,
        opener: &str,
    ) -> Result<(), ParseError> {
        let t = self.peek(Mode::Command)?.clone();
        match &t {
            Tok::Word(w) if w.is_reserved(kw) => {
                self.next(Mode::Command)?;
                Ok(())
            }
            Tok::Eof(_) => Err(syntax(
                open,
                format!("`{opener}` is never closed with `{kw}` (bash: unexpected end of file)"),
            )),
            _ => Err(Self::unexpected(&t)),
        }
    }

    fn parse_if(&mut self, ctx: Ctx, open: SourcePosition) -> Result<(), ParseError> {
        self.next(Mode::Command)?;
        self.body(ctx, &["then"], open, "if")?;
        self.expect_reserved("then", open, "if")?;
        self.body(ctx, &["elif", "else", "fi"], open, "if")?;
        loop {
            match self.peek_reserved(&["elif", "else", "fi"])?.as_deref() {
                Some("elif") => {
                    self.next(Mode::Command)?;
                    self.body(ctx, &["then"], open, "if")?;
                    self.expect_reserved("then", open, "if")?;
                    self.body(ctx, &["elif", "else", "fi"], open, "if")?;
                }
                Some("else") => {
                    self.next(Mode::Command)?;
                    self.body(ctx, &["fi"], open, "if")?;
                    return self.expect_reserved("fi", open, "if");
                }
                _ => return self.expect_reserved("fi", open, "if"),
            }
        }
    }

    fn parse_while(&mut self, ctx: Ctx, open: SourcePosition) -> Result<(), ParseError> {
        self.next(Mode::Command)?;
        self.body(ctx, &["do"], open, "while")?;
        self.expect_reserved("do", open, "while")?;
        self.body(ctx, &["done"], open, "while")?;
        self.expect_reserved("done", open, "while")
    }

    fn parse_for(&mut self, ctx: Ctx, open: SourcePosition) -> Result<(), ParseError> {
        let select = self.peek_reserved(&["select"])?.is_some();
        self.next(Mode::Command)?;
        if select {
            // `select` reads its answer into REPLY.
            self.execs.push(Exec::LoopVar {
                name: "REPLY".to_owned(),
                pos: open,
                ctx,
                by: "`select`",
            });
        }
        match self.next(Mode::Command)? {
            Tok::Arith(p, text) => {
                for name in arith_assigned(&text) {
                    self.execs.push(Exec::LoopVar {
                        name,
                        pos: p,
                        ctx,
                        by: "the loop's arithmetic",
                    });
                }
            }
            Tok::Word(w) => {
                if let Some(name) = w.plain().filter(|n| is_name(n)) {
                    self.execs.push(Exec::LoopVar {
                        name,
                        pos: w.pos,
                        ctx,
                        by: "the loop",
                    });
                } else {
                    return Err(syntax(
                        w.pos,
                        format!("`{}` is not a valid loop variable name", w.raw),
                    ));
                }
                // Optional newlines, then `in words…` (ended by `;` or a newline), `;`, or `do`.
                self.skip_newlines()?;
                if self.peek_reserved(&["in"])?.is_some() {
                    self.next(Mode::Command)?;
                    loop {
                        match self.next(Mode::Normal)? {
                            Tok::Word(_) => {}
                            Tok::Op(Op::Semi, _) | Tok::Newline(_) => break,
                            t => return Err(Self::unexpected(&t)),
                        }
                    }
                } else if matches!(self.peek(Mode::Normal)?, Tok::Op(Op::Semi, _)) {
                    self.next(Mode::Normal)?;
                }
            }
            t => return Err(Self::unexpected(&t)),
        }
        if matches!(self.peek(Mode::Normal)?, Tok::Op(Op::Semi, _)) {
            self.next(Mode::Normal)?;
        }
        self.skip_newlines()?;
        if self.peek_reserved(&["{"])?.is_some() {
            self.next(Mode::Command)?;
            self.body(ctx, &["}"], open, "{")?;
            return self.expect_reserved("}", open, "{");
        }
        self.expect_reserved("do", open, "for")?;
        self.body(ctx, &["done"], open, "for")?;
        self.expect_reserved("done", open, "for")
    }

    fn parse_case(&mut self, ctx: Ctx, open: SourcePosition) -> Result<(), ParseError> {
        self.next(Mode::Command)?;
        match self.next(Mode::Normal)? {
            Tok::Word(_) => {}
            t => return Err(Self::unexpected(&t)),
        }
        self.skip_newlines()?;
        self.expect_reserved("in", open, "case")?;
        loop {
            self.skip_newlines()?;
            if self.peek_reserved(&["esac"])?.is_some() {
                self.next(Mode::Command)?;
                return Ok(());
            }
            if matches!(self.peek(Mode::Normal)?, Tok::Op(Op::LParen, _)) {
                self.next(Mode::Normal)?;
            }
            loop {
                match self.next(Mode::Normal)? {
                    Tok::Word(_) => {}
                    Tok::Eof(_) => {
                        return Err(syntax(
                            open,
                            "`case` is never closed with `esac` (bash: unexpected end of file)",
                        ));
                    }
                    t => return Err(Self::unexpected(&t)),
                }
                match self.next(Mode::Normal)? {
                    Tok::Op(Op::Pipe, _) => {}
                    Tok::Op(Op::RParen, _) => break,
                    t => return Err(Self::unexpected(&t)),
                }
            }
            self.parse_list(ctx, &["esac"], &[Op::DSemi, Op::SemiAmp, Op::DSemiAmp])?;
            match self.peek(Mode::Command)?.clone() {
                Tok::Op(Op::DSemi | Op::SemiAmp | Op::DSemiAmp, _) => {
                    self.next(Mode::Normal)?;
                }
                Tok::Word(w) if w.is_reserved("esac") => {
                    self.next(Mode::Command)?;
                    return Ok(());
                }
                Tok::Eof(_) => {
                    return Err(syntax(
                        open,
                        "`case` is never closed with `esac` (bash: unexpected end of file)",
                    ));
                }
                t => return Err(Self::unexpected(&t)),
            }
        }
    }
}

fn is_function_name(w: &Word) -> bool {
    w.plain().is_some_and(|p| {
        !p.is_empty() && !has_char(&p, '=') && !RESERVED.contains(&p.as_str()) && !has_char(&p, '$')
    })
}

// ---------------------------------------------------------------------------------------------
// The shell state: what each command does to the variables

#[derive(Clone, Debug, PartialEq)]
enum Val {
    /// Not assigned in the block: whatever the job's environment has.
    Unknown,
    /// Removed by `unset`: empty when expanded.
    Unset,
    Set(String),
}

#[derive(Clone, Debug)]
struct Var {
    val: Val,
    unresolved: bool,
    /// Has the export attribute (so it is in the environment when set).
    export: bool,
    /// Exported explicitly, not only through `set -a`.
    explicit: bool,
    readonly: bool,
}

impl Var {
    fn unknown() -> Self {
        Var {
            val: Val::Unknown,
            unresolved: false,
            export: false,
            explicit: false,
            readonly: false,
        }
    }
}

/// Variables whose value bash changes by itself, so an assignment does not pin them.
const DYNAMIC: &[&str] = &[
    "RANDOM",
    "SRANDOM",
    "SECONDS",
    "LINENO",
    "BASHPID",
    "EPOCHSECONDS",
    "EPOCHREALTIME",
    "BASH_ARGV0",
    "BASH_COMMAND",
    "BASH_SUBSHELL",
    "BASH_LINENO",
    "BASH_SOURCE",
    "FUNCNAME",
    "GROUPS",
    "HISTCMD",
    "DIRSTACK",
    "PWD",
    "OLDPWD",
    "SHLVL",
    "_",
];

/// Variables bash makes read-only.
const BASH_READONLY: &[&str] = &[
    "UID",
    "EUID",
    "PPID",
    "BASHOPTS",
    "SHELLOPTS",
    "BASH_VERSINFO",
];

struct Shell {
    vars: BTreeMap<String, Var>,
    allexport: bool,
    variables: Vec<EnvVariable>,
    notes: Vec<ParseNote>,
    /// Where each name was last assigned, for `reassigned`.
    assigned_at: BTreeMap<String, SourcePosition>,
    functions: BTreeSet<String>,
    /// A `return`/`exit` ended the block.
    stopped: bool,
    /// A `return`/`exit` that may run ended the block: what follows may not run.
    maybe_stopped: bool,
}

/// A value after expansion: the bytes (raw text for the parts only known at run time).
#[derive(Default)]
struct Expanded {
    bytes: Vec<u8>,
    unresolved: bool,
    /// What the unresolved parts depend on, e.g. `$SLURM_JOB_ID`, `a command substitution`.
    depends: Vec<String>,
    locale: bool,
}

/// How many dependencies a note names before it says "…".
const MAX_DEPENDS: usize = 6;

impl Expanded {
    fn depend(&mut self, what: String) {
        self.unresolved = true;
        if self.depends.len() < MAX_DEPENDS && !self.depends.contains(&what) {
            self.depends.push(what);
        } else if self.depends.len() == MAX_DEPENDS {
            self.depends.push("…".to_owned());
        }
    }
}

/// One assignment to perform.
struct Assignment {
    name: String,
    append: bool,
    value: Expanded,
    pos: SourcePosition,
    crlf: bool,
    /// Why the value cannot be known exactly, beyond its expansions.
    caveat: Option<(&'static str, String)>,
}

/// How an assignment is made.
#[derive(Clone, Copy, Default)]
struct How {
    explicit_export: bool,
    readonly: bool,
}

fn describe_invisible(s: &str) -> String {
    let mut out = String::new();
    if has_char(s, '\r') {
        out.push_str(" (it contains a carriage return: the file has CRLF line ends)");
    }
    if has_char(s, '\u{feff}') {
        out.push_str(" (it contains a byte-order mark U+FEFF, invisible in most editors)");
    }
    out
}

fn shown(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().take(80) {
        match c {
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\u{feff}' => out.push_str("\\ufeff"),
            c => out.push(c),
        }
    }
    if crate::text::char_count(s) > 80 {
        out.push('…');
    }
    out
}

impl Shell {
    fn new() -> Self {
        Shell {
            vars: BTreeMap::new(),
            allexport: true,
            variables: Vec::new(),
            notes: Vec::new(),
            assigned_at: BTreeMap::new(),
            functions: BTreeSet::new(),
            stopped: false,
            maybe_stopped: false,
        }
    }

    fn note(&mut self, warning: bool, code: &str, pos: SourcePosition, message: String) {
        self.notes.push(if warning {
            ParseNote::warning(code, pos, message)
        } else {
            ParseNote::info(code, pos, message)
        });
    }

    /// The value of `$name` when it is known before the job runs.
    fn lookup(&self, name: &str) -> Option<&str> {
        if DYNAMIC.contains(&name) {
            return None;
        }
        match self.vars.get(name) {
            Some(Var {
                val: Val::Set(v),
                unresolved: false,
                ..
            }) => Some(v.as_str()),
            Some(Var {
                val: Val::Unset,
                unresolved: false,
                ..
            }) => Some(""),
            _ => None,
        }
    }

    /// Expands the units of a value (no word splitting or globbing: an assignment, or an
    /// argument treated as one). With `tilde`, `~` at the start and after `:` expands.
    fn expand(&self, units: &[Unit], tilde: bool) -> Expanded {
        let mut out = Expanded::default();
        let mut buf = [0u8; 4];
        let mut i = 0;
        while let Some(u) = units.get(i) {
            if tilde {
                let at_start =
                    i == 0 || matches!(units.get(i.wrapping_sub(1)), Some(Unit::Ch(':', false)));
                if at_start && *u == Unit::Ch('~', false) {
                    if let Some(end) = tilde_prefix_end(units, i) {
                        let prefix: String = units
                            .get(i..end)
                            .unwrap_or(&[])
                            .iter()
                            .filter_map(|u| match u {
                                Unit::Ch(c, _) => Some(*c),
                                _ => None,
                            })
                            .collect();
                        out.bytes.extend_from_slice(prefix.as_bytes());
                        out.depend(format!("the tilde expansion `{prefix}` (a home directory)"));
                        i = end;
                        continue;
                    }
                }
            }
            match u {
                Unit::Ch(c, _) => out
                    .bytes
                    .extend_from_slice(c.encode_utf8(&mut buf).as_bytes()),
                Unit::Bytes(b) => out.bytes.extend_from_slice(b),
                Unit::Locale(b) => {
                    out.bytes.extend_from_slice(b);
                    out.locale = true;
                    out.depend("the job's locale (a `$'\\u…'` escape)".to_owned());
                }
                Unit::Var { name, raw, .. } => match self.lookup(name) {
                    Some(v) => out.bytes.extend_from_slice(v.as_bytes()),
                    None => {
                        out.bytes.extend_from_slice(raw.as_bytes());
                        out.depend(format!("${name}"));
                    }
                },
                Unit::Dyn { raw, what, .. } => {
                    out.bytes.extend_from_slice(raw.as_bytes());
                    out.depend(what.clone());
                }
                Unit::Array => {}
            }
            i += 1;
        }
        out
    }

    fn exec(&mut self, mut exec: Exec) {
        if self.maybe_stopped {
            if let Some(ctx) = exec.ctx_mut() {
                ctx.conditional = true;
            }
        }
        match exec {
            Exec::Simple { words, ctx } => self.simple(&words, ctx),
            Exec::LoopVar { name, pos, ctx, by } => {
                if ctx.subshell {
                    return;
                }
                let value = Expanded {
                    unresolved: true,
                    depends: vec![by.to_owned()],
                    ..Default::default()
                };
                self.assign(
                    Assignment {
                        name,
                        append: false,
                        value,
                        pos,
                        crlf: false,
                        caveat: None,
                    },
                    ctx,
                    How::default(),
                );
            }
            Exec::Opaque { what, pos, ctx } => {
                if !ctx.subshell {
                    self.note(
                        true,
                        "opaque-command",
                        pos,
                        format!("{what} is not evaluated; if it assigns variables, they are not seen here"),
                    );
                }
            }
            Exec::Function { name, pos } => {
                self.note(
                    false,
                    "not-an-assignment",
                    pos,
                    format!("function `{name}` is defined; assignments inside it are kept as unresolved, since they run only if it is called"),
                );
                self.functions.insert(name);
            }
        }
    }

    fn simple(&mut self, words: &[Word], ctx: Ctx) {
        if !ctx.subshell {
            // `${NAME:=default}` anywhere on the line assigns NAME while it is expanded.
            for w in words {
                for u in &w.units {
                    if let Unit::Dyn {
                        assigns: Some(name),
                        raw,
                        ..
                    } = u
                    {
                        if self.lookup(name).is_some_and(|v| !v.is_empty()) {
                            continue;
                        }
                        let mut value = Expanded {
                            bytes: raw.clone().into_bytes(),
                            ..Default::default()
                        };
                        value.depend(format!("the default assigned by `{raw}`"));
                        let a = Assignment {
                            name: name.clone(),
                            append: false,
                            value,
                            pos: w.pos,
                            crlf: false,
                            caveat: None,
                        };
                        self.assign(a, ctx, How::default());
                    }
                }
            }
        }
        let split = words
            .iter()
            .position(|w| split_assignment(w).is_none())
            .unwrap_or(words.len());
        let (prefix, rest) = words.split_at(split);
        let Some((cmd, args)) = rest.split_first() else {
            // Only assignments: each is expanded and assigned in turn, left to right.
            for w in prefix {
                if let Some(a) = self.prepare(w) {
                    self.assign(a, ctx, How::default());
                }
            }
            return;
        };
        let name = cmd.literal();
        let declaration = matches!(
            name.as_deref(),
            Some("export" | "declare" | "typeset" | "readonly" | "local")
        );
        let arg_names: BTreeSet<String> = args
            .iter()
            .filter_map(|a| a.literal())
            .map(|t| t.split('=').next().unwrap_or("").to_owned())
            .collect();
        for w in prefix {
            let Some(parts) = split_assignment(w) else {
                continue;
            };
            if declaration && arg_names.contains(&parts.name) {
                // `A=1 export A` keeps A=1 in bash (a quirk of builtins); not modelled exactly.
                let mut value = self.expand(parts.value, true);
                value.depend("an assignment before a declaration builtin".to_owned());
                self.assign(
                    Assignment {
                        name: parts.name,
                        append: false,
                        value,
                        pos: w.pos,
                        crlf: w.crlf,
                        caveat: Some((
                            "unsupported-syntax",
                            "an assignment placed before `export`/`declare` naming the same variable is not modelled exactly".to_owned(),
                        )),
                    },
                    ctx,
                    How::default(),
                );
                continue;
            }
            if ctx.subshell {
                continue;
            }
            let cmd_text = shown(&cmd.raw);
            let extra = if cmd.raw == "\r" {
                " The command is a lone carriage return: the line ends in a space before a CRLF line end. Remove the trailing space and save the file with LF line ends (`dos2unix`)."
            } else if cmd.raw.starts_with('=') {
                " If you meant an assignment, remove the spaces around `=`."
            } else {
                ""
            };
            self.note(
                true,
                "command-prefix",
                w.pos,
                format!(
                    "`{}` is set only for the command `{cmd_text}` on the same line; bash does not keep it for later lines.{extra}",
                    shown(&w.raw)
                ),
            );
        }
        match name.as_deref() {
            Some(n @ ("export" | "declare" | "typeset" | "readonly")) => {
                self.declaration(n, cmd, args, ctx)
            }
            Some("local") => {
                if !ctx.function {
                    self.note(
                        false,
                        "not-an-assignment",
                        cmd.pos,
                        "`local` outside a function fails in bash and assigns nothing".to_owned(),
                    );
                }
            }
            Some("unset") => self.unset(cmd, args, ctx),
            Some("let") => {
                for arg in args {
                    for name in arith_assigned(&arg.raw) {
                        let value = Expanded {
                            unresolved: true,
                            depends: vec!["`let` arithmetic".to_owned()],
                            ..Default::default()
                        };
                        let a = Assignment {
                            name,
                            append: false,
                            value,
                            pos: arg.pos,
                            crlf: false,
                            caveat: None,
                        };
                        self.assign(a, ctx, How::default());
                    }
                }
            }
            Some("set") => self.set(cmd, args, ctx),
            Some("return" | "exit") if ctx.conditional && !ctx.subshell && !ctx.function => {
                if !self.maybe_stopped {
                    self.maybe_stopped = true;
                    self.note(
                        true,
                        "conditional",
                        cmd.pos,
                        format!(
                            "`{}` may end the sourced block here; every assignment after it is marked unresolved",
                            shown(&cmd.raw)
                        ),
                    );
                }
            }
            Some("return" | "exit") if !ctx.subshell && !ctx.function => {
                self.stopped = true;
                self.note(
                    false,
                    "stopped",
                    cmd.pos,
                    format!(
                        "`{}` ends the sourced block here; bash reads nothing after this line",
                        shown(&cmd.raw)
                    ),
                );
            }
            Some(n)
                if matches!(
                    n,
                    "eval"
                        | "source"
                        | "."
                        | "read"
                        | "mapfile"
                        | "readarray"
                        | "getopts"
                        | "builtin"
                        | "command"
                        | "enable"
                        | "shopt"
                ) || (n == "printf"
                    && args.iter().any(|a| a.literal().as_deref() == Some("-v"))) =>
            {
                if !ctx.subshell {
                    self.note(
                        true,
                        "opaque-command",
                        cmd.pos,
                        format!("`{}` may set variables, but commands are not run here; variables it sets are not seen", shown(&cmd.raw)),
                    );
                }
            }
            Some(n) => {
                let spaced = is_name(n)
                    && args
                        .first()
                        .and_then(|a| a.literal())
                        .is_some_and(|a| a.starts_with('='));
                if let Some(bad) = bad_assignment_name(cmd) {
                    self.note(
                        true,
                        "invalid-name",
                        cmd.pos,
                        format!(
                            "`{}` is not a valid variable name{}; bash runs `{}` as a command instead of assigning it. A name starts with a letter or `_` and has only letters, digits and `_`.",
                            shown(&bad),
                            describe_invisible(&bad),
                            shown(&cmd.raw)
                        ),
                    );
                } else if spaced {
                    self.note(
                        true,
                        "spaced-assignment",
                        cmd.pos,
                        format!("bash runs `{}` as a command: there must be no spaces around `=` in an assignment", shown(n)),
                    );
                } else if n == "\r" {
                    self.note(
                        true,
                        "crlf-line-end",
                        cmd.pos,
                        "a line ends in a lone carriage return (CRLF line ends); bash tries to run it as a command. Save the file with LF line ends (`dos2unix`)".to_owned(),
                    );
                } else {
                    let what = if self.functions.contains(n) {
                        format!(
                            "`{}` calls a function defined above; it is not run here",
                            shown(n)
                        )
                    } else {
                        format!(
                            "`{}` is a command, not an assignment{}; skipped (commands are not run)",
                            shown(&cmd.raw),
                            describe_invisible(n)
                        )
                    };
                    self.note(false, "not-an-assignment", cmd.pos, what);
                }
            }
            None => {
                if !ctx.subshell {
                    self.note(
                        true,
                        "opaque-command",
                        cmd.pos,
                        format!(
                            "the command `{}` is only known when the job runs; it is not run here",
                            shown(&cmd.raw)
                        ),
                    );
                }
            }
        }
    }

    /// Expands an assignment word (`NAME=value`).
    fn prepare(&mut self, w: &Word) -> Option<Assignment> {
        let parts = split_assignment(w)?;
        if parts.array {
            self.note(
                true,
                "array-assignment",
                w.pos,
                format!(
                    "`{}` assigns an array (or an array element); bash cannot export arrays, so the job does not see it",
                    shown(&w.raw)
                ),
            );
            return None;
        }
        let value = self.expand(parts.value, true);
        Some(Assignment {
            name: parts.name,
            append: parts.append,
            value,
            pos: w.pos,
            crlf: w.crlf,
            caveat: None,
        })
    }

    fn assign(&mut self, a: Assignment, ctx: Ctx, how: How) {
        if ctx.subshell {
            self.note(
                true,
                "subshell",
                a.pos,
                format!(
                    "`{}` runs in a subshell (a pipeline, `&` or `( )`), so it has no effect on later lines or on the job",
                    a.name
                ),
            );
            return;
        }
        let existing = self.vars.get(&a.name).cloned();
        if existing.as_ref().is_some_and(|v| v.readonly) || BASH_READONLY.contains(&a.name.as_str())
        {
            self.note(
                true,
                "readonly",
                a.pos,
                format!(
                    "`{}` is read-only; bash refuses this assignment and keeps the old value",
                    a.name
                ),
            );
            return;
        }
        let mut value = a.value;
        if a.append {
            let mut bytes = match self.lookup(&a.name) {
                Some(old) => old.as_bytes().to_vec(),
                None => {
                    value.depend(format!("${} (appended to with +=)", a.name));
                    format!("${{{}}}", a.name).into_bytes()
                }
            };
            bytes.append(&mut value.bytes);
            value.bytes = bytes;
        }
        let mut unresolved = value.unresolved;
        let text = match String::from_utf8(value.bytes) {
            Ok(s) => s,
            Err(e) => {
                unresolved = true;
                self.note(
                    true,
                    "non-utf8",
                    a.pos,
                    format!("the value of `{}` is not valid UTF-8 (from `$'\\x…'` or octal escapes); shown with U+FFFD replacement characters", a.name),
                );
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        };
        if DYNAMIC.contains(&a.name.as_str()) {
            unresolved = true;
            self.note(
                true,
                "special-variable",
                a.pos,
                format!("bash changes `{}` by itself, so its value at the job's start is not the one assigned here", a.name),
            );
        }
        if !value.depends.is_empty() && !value.locale {
            self.note(
                true,
                "expansion",
                a.pos,
                format!(
                    "`{}` depends on {}, known only when the job runs; the value is kept as written and marked unresolved",
                    a.name,
                    crate::text::join(&value.depends, ", ")
                ),
            );
        } else if value.locale {
            self.note(
                true,
                "locale",
                a.pos,
                format!("`{}` uses a `$'\\u…'` escape above ASCII: bash writes it in UTF-8 only under a UTF-8 locale (in the C locale it stays as the escape text); shown as UTF-8 and marked unresolved", a.name),
            );
        }
        if let Some((code, message)) = &a.caveat {
            self.note(true, code, a.pos, message.clone());
        }
        if ctx.conditional {
            unresolved = true;
            self.note(
                true,
                "conditional",
                a.pos,
                format!(
                    "`{}` is assigned inside {}, so it may not run; marked unresolved",
                    a.name,
                    if ctx.function {
                        "a function body"
                    } else {
                        "an `if`, a loop, a `case`, or after `&&`/`||`"
                    }
                ),
            );
        }
        if a.crlf && has_char(&text, '\r') {
            self.note(
                true,
                "crlf-line-end",
                a.pos,
                format!(
                    "the line ends with CRLF: sourced by bash, `{}` ends in a carriage return (\"{}\"), which the job sees as part of the value. Save the file with LF line ends (`dos2unix file`, or your editor's line-ending setting)",
                    a.name,
                    shown(&text)
                ),
            );
        }
        if let Some(prev) = self.assigned_at.get(&a.name) {
            let msg = format!(
                "`{}` is assigned again (before: line {}); the later value wins",
                a.name, prev.line
            );
            self.note(false, "reassigned", a.pos, msg);
        }
        self.assigned_at.insert(a.name.clone(), a.pos);
        let old = existing.unwrap_or_else(Var::unknown);
        let export = old.export || self.allexport || how.explicit_export;
        let explicit = old.explicit || how.explicit_export;
        if !export {
            self.note(
                true,
                "not-exported",
                a.pos,
                format!("`{}` is assigned after `set +a` and never exported, so it stays a shell variable the job does not see; write `export {}=…`", a.name, a.name),
            );
        }
        self.variables.push(EnvVariable {
            name: a.name.clone(),
            value: text.clone(),
            line: a.pos.line,
            column: a.pos.column,
            unresolved,
            exported: explicit,
        });
        self.vars.insert(
            a.name,
            Var {
                val: Val::Set(text),
                unresolved,
                export,
                explicit,
                readonly: how.readonly,
            },
        );
    }

    /// `export`, `declare`/`typeset`, `readonly`.
    fn declaration(&mut self, builtin: &str, cmd: &Word, args: &[Word], ctx: Ctx) {
        let mut how = How {
            explicit_export: builtin == "export",
            readonly: builtin == "readonly",
        };
        let mut unexport = false;
        let mut global = false;
        let mut unsupported: Option<String> = None;
        let mut idx = 0;
        while let Some(text) = args.get(idx).and_then(|a| a.literal()) {
            if text == "--" {
                idx += 1;
                break;
            }
            let Some(sign) = text
                .chars()
                .next()
                .filter(|c| (*c == '-' || *c == '+') && text.len() > 1)
            else {
                break;
            };
            for letter in text.chars().skip(1) {
                match (builtin, letter) {
                    ("declare" | "typeset", 'p') => {
                        self.note(
                            false,
                            "not-an-assignment",
                            cmd.pos,
                            format!("`{builtin} -p` only prints variables; bash assigns nothing"),
                        );
                        return;
                    }
                    ("declare" | "typeset", 'g') => global = true,
                    (_, 'p') | ("declare" | "typeset", 't') => {}
                    (_, 'f') | ("declare" | "typeset", 'F') => {
                        self.note(
                            false,
                            "not-an-assignment",
                            cmd.pos,
                            format!("`{builtin} {text}` is about functions; skipped"),
                        );
                        return;
                    }
                    ("export", 'n') if sign == '-' => unexport = true,
                    ("declare" | "typeset", 'x') if sign == '-' => how.explicit_export = true,
                    ("declare" | "typeset", 'r') if sign == '-' => how.readonly = true,
                    (
                        "declare" | "typeset" | "readonly",
                        'a' | 'A' | 'i' | 'l' | 'u' | 'n' | 'I' | 'x' | 'r',
                    ) => {
                        unsupported = Some(format!("`{builtin} {sign}{letter}`"));
                    }
                    _ => {
                        self.note(
                            false,
                            "not-an-assignment",
                            cmd.pos,
                            format!("`{builtin}` does not take the option `{sign}{letter}`; bash fails and assigns nothing"),
                        );
                        return;
                    }
                }
            }
            idx += 1;
        }
        if ctx.function && matches!(builtin, "declare" | "typeset") && !global {
            // `declare` in a function makes a local variable (without -g): not visible outside.
            return;
        }
        enum Plan {
            Assign(Assignment),
            Mark(String, SourcePosition),
        }
        // bash expands every argument before performing any assignment.
        let mut plans = Vec::new();
        for arg in args.iter().skip(idx) {
            if let Some(parts) = split_assignment(arg) {
                if parts.array {
                    self.note(
                        true,
                        "array-assignment",
                        arg.pos,
                        format!("`{}` is an array; bash cannot export arrays, so the job does not see it", shown(&arg.raw)),
                    );
                    continue;
                }
                let mut value = self.expand(parts.value, true);
                let mut caveat = None;
                if has_brace_expansion(parts.value) {
                    value.depend("a brace expansion".to_owned());
                    caveat = Some((
                        "unsupported-syntax",
                        format!(
                            "bash applies brace expansion to the arguments of `{builtin}` (`C={{a,b}}` becomes `C=a C=b`); not modelled"
                        ),
                    ));
                }
                if let Some(u) = &unsupported {
                    value.depend(format!("the option {u}"));
                    caveat = Some((
                        "unsupported-syntax",
                        format!("{u} changes how the value is stored; not modelled"),
                    ));
                }
                plans.push(Plan::Assign(Assignment {
                    name: parts.name,
                    append: parts.append,
                    value,
                    pos: arg.pos,
                    crlf: arg.crlf,
                    caveat,
                }));
                continue;
            }
            // Not written as an assignment: bash expands it as an ordinary word and the
            // builtin then reads `NAME=value` or `NAME` from the result.
            let quoted_prefix: String = arg
                .units
                .iter()
                .map_while(|u| match u {
                    Unit::Ch(c, _) if *c != '=' => Some(*c),
                    _ => None,
                })
                .collect();
            let rest = arg
                .units
                .get(crate::text::char_count(&quoted_prefix)..)
                .unwrap_or(&[]);
            let has_eq = matches!(rest.first(), Some(Unit::Ch('=', _)));
            let splits = arg.units.iter().any(|u| {
                matches!(
                    u,
                    Unit::Var { quoted: false, .. } | Unit::Dyn { quoted: false, .. }
                )
            }) || arg
                .units
                .iter()
                .any(|u| matches!(u, Unit::Ch('*' | '?' | '[' | '~', false)))
                || has_brace_expansion(&arg.units);
            if !is_name(&quoted_prefix) {
                if arg.literal().is_some() || !quoted_prefix.is_empty() {
                    let bad = if has_eq || arg.literal().is_some() {
                        quoted_prefix.clone()
                    } else {
                        arg.raw.clone()
                    };
                    self.note(
                        true,
                        "invalid-name",
                        arg.pos,
                        format!(
                            "`{}` is not a valid variable name{}; `{builtin}` refuses it (the other names on the line are still processed)",
                            shown(&bad),
                            describe_invisible(&bad)
                        ),
                    );
                } else {
                    self.note(
                        true,
                        "opaque-command",
                        arg.pos,
                        format!("the names in `{builtin} {}` come from an expansion known only when the job runs", shown(&arg.raw)),
                    );
                }
                continue;
            }
            if !has_eq {
                if splits || arg.units.len() != crate::text::char_count(&quoted_prefix) {
                    self.note(
                        true,
                        "opaque-command",
                        arg.pos,
                        format!("the names in `{builtin} {}` come from an expansion known only when the job runs", shown(&arg.raw)),
                    );
                    continue;
                }
                plans.push(Plan::Mark(quoted_prefix, arg.pos));
                continue;
            }
            let mut value = self.expand(rest.get(1..).unwrap_or(&[]), false);
            if splits {
                value.depend("word splitting or pathname expansion of an argument not written as an assignment".to_owned());
            }
            if let Some(u) = &unsupported {
                value.depend(format!("the option {u}"));
            }
            plans.push(Plan::Assign(Assignment {
                name: quoted_prefix,
                append: false,
                value,
                pos: arg.pos,
                crlf: arg.crlf,
                caveat: None,
            }));
        }
        for plan in plans {
            match plan {
                Plan::Assign(a) => {
                    if unexport {
                        let mut a = a;
                        a.value.depend("`export -n` with a value".to_owned());
                        self.assign(a, ctx, How::default());
                    } else {
                        self.assign(a, ctx, how);
                    }
                }
                Plan::Mark(name, pos) => self.mark(&name, pos, ctx, how, unexport),
            }
        }
    }

    /// `export NAME`, `export -n NAME`, `readonly NAME`, `declare NAME`.
    fn mark(&mut self, name: &str, pos: SourcePosition, ctx: Ctx, how: How, unexport: bool) {
        if ctx.subshell {
            return;
        }
        let var = self
            .vars
            .entry(name.to_owned())
            .or_insert_with(Var::unknown);
        if unexport {
            let was_set = matches!(var.val, Val::Set(_));
            if ctx.conditional {
                var.unresolved = true;
            } else {
                var.export = false;
                var.explicit = false;
            }
            if was_set {
                self.note(
                    true,
                    "not-exported",
                    pos,
                    format!(
                        "`export -n {name}` removes `{name}` from the environment the job sees"
                    ),
                );
            }
            return;
        }
        if how.explicit_export {
            if ctx.conditional && !var.export && matches!(var.val, Val::Set(_)) {
                var.unresolved = true;
            }
            var.export = true;
            var.explicit = true;
        }
        if how.readonly && !ctx.conditional {
            var.readonly = true;
        }
    }

    fn unset(&mut self, cmd: &Word, args: &[Word], ctx: Ctx) {
        if ctx.subshell {
            return;
        }
        let mut functions = false;
        for arg in args {
            let Some(text) = arg.literal() else {
                self.note(
                    true,
                    "opaque-command",
                    arg.pos,
                    format!(
                        "`unset {}`: the name is only known when the job runs",
                        shown(&arg.raw)
                    ),
                );
                continue;
            };
            if text.starts_with('-') && text.len() > 1 {
                functions = has_char(&text, 'f');
                continue;
            }
            if functions || !is_name(&text) {
                continue;
            }
            let Some(var) = self.vars.get_mut(&text) else {
                // Unset a variable the block never assigned: it is now known to be empty.
                self.vars.insert(
                    text,
                    Var {
                        val: Val::Unset,
                        unresolved: ctx.conditional,
                        ..Var::unknown()
                    },
                );
                continue;
            };
            if var.readonly {
                self.note(
                    true,
                    "readonly",
                    arg.pos,
                    format!("`{text}` is read-only; `unset` fails and it keeps its value"),
                );
                continue;
            }
            if ctx.conditional {
                var.unresolved = true;
            } else {
                *var = Var {
                    val: Val::Unset,
                    ..Var::unknown()
                };
            }
            self.note(
                false,
                "unset",
                cmd.pos,
                format!(
                    "`unset {text}` removes `{text}`{}",
                    if ctx.conditional { " (if it runs)" } else { "" }
                ),
            );
        }
    }

    fn set(&mut self, cmd: &Word, args: &[Word], ctx: Ctx) {
        if ctx.subshell {
            return;
        }
        let mut change: Option<bool> = None;
        let mut i = 0;
        while let Some(text) = args.get(i).and_then(|a| a.literal()) {
            i += 1;
            let Some(on) = (match text.chars().next() {
                Some('-') => Some(true),
                Some('+') => Some(false),
                _ => None,
            }) else {
                break;
            };
            if text == "-" || text == "--" {
                break;
            }
            for letter in text.chars().skip(1) {
                match letter {
                    'a' => change = Some(on),
                    'o' => {
                        if let Some(opt) = args.get(i).and_then(|a| a.literal()) {
                            i += 1;
                            if opt == "allexport" {
                                change = Some(on);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        match change {
            Some(on) if ctx.conditional => self.note(
                true,
                "conditional",
                cmd.pos,
                format!(
                    "`set {}a` may not run; later assignments are read as if it did not",
                    if on { '-' } else { '+' }
                ),
            ),
            Some(true) => {
                self.allexport = true;
                self.note(false, "allexport", cmd.pos, "`set -a`: every later assignment is exported (the block is already read that way)".to_owned());
            }
            Some(false) => {
                self.allexport = false;
                self.note(true, "allexport-off", cmd.pos, "`set +a`: later plain `NAME=value` lines are not exported, so the job does not see them unless `export`ed".to_owned());
            }
            None => self.note(
                false,
                "not-an-assignment",
                cmd.pos,
                format!("`{}` sets shell options; skipped", shown(&cmd.raw)),
            ),
        }
    }
}

/// The end of the tilde-prefix starting at `units[i]` (a `~`) when it expands: the prefix
/// runs to the first unquoted `/` or `:`, and expands only when nothing in it is quoted.
fn tilde_prefix_end(units: &[Unit], i: usize) -> Option<usize> {
    let mut j = i + 1;
    while let Some(u) = units.get(j) {
        match u {
            Unit::Ch('/' | ':', false) => break,
            Unit::Ch(_, false) => j += 1,
            _ => return None,
        }
    }
    Some(j)
}

/// An unquoted `{…}` holding an unquoted `,` or `..`: bash would brace-expand it in an
/// ordinary argument.
fn has_brace_expansion(units: &[Unit]) -> bool {
    // One frame per open `{`: whether a separator was seen at its level.
    let mut frames: Vec<bool> = Vec::new();
    let mut prev_dot = false;
    for u in units {
        match u {
            Unit::Ch('{', false) => frames.push(false),
            Unit::Ch('}', false) if frames.pop() == Some(true) => return true,
            Unit::Ch(',', false) => {
                if let Some(top) = frames.last_mut() {
                    *top = true;
                }
            }
            Unit::Ch('.', false) if prev_dot => {
                if let Some(top) = frames.last_mut() {
                    *top = true;
                }
            }
            _ => {}
        }
        prev_dot = *u == Unit::Ch('.', false);
    }
    false
}

struct AssignParts<'w> {
    name: String,
    append: bool,
    array: bool,
    value: &'w [Unit],
}

/// `NAME=…`, `NAME+=…`, `NAME[i]=…`, `NAME=(…)` with the name unquoted: an assignment word.
fn split_assignment(w: &Word) -> Option<AssignParts<'_>> {
    let mut name = String::new();
    let mut i = 0;
    while let Some(Unit::Ch(c, false)) = w.units.get(i) {
        if name.is_empty() && !is_name_start(*c) || !name.is_empty() && !is_name_char(*c) {
            break;
        }
        name.push(*c);
        i += 1;
    }
    if name.is_empty() {
        return None;
    }
    let mut array = false;
    if let Some(Unit::Ch('[', false)) = w.units.get(i) {
        // NAME[subscript]=: an array element.
        let close = w
            .units
            .iter()
            .skip(i)
            .position(|u| *u == Unit::Ch(']', false))?;
        i += close + 1;
        array = true;
    }
    let mut append = false;
    if let Some(Unit::Ch('+', false)) = w.units.get(i) {
        append = true;
        i += 1;
    }
    if w.units.get(i) != Some(&Unit::Ch('=', false)) {
        return None;
    }
    let value = w.units.get(i + 1..).unwrap_or(&[]);
    if value.first() == Some(&Unit::Array) {
        array = true;
    }
    Some(AssignParts {
        name,
        append,
        array,
        value,
    })
}

/// For a command word that looks like a failed assignment (`1A=x`, `A-B=x`, `"A"=x`), the
/// would-be name.
fn bad_assignment_name(w: &Word) -> Option<String> {
    let mut name = String::new();
    for u in &w.units {
        match u {
            Unit::Ch('=', false) => {
                return (!name.is_empty()).then_some(name);
            }
            Unit::Ch(c, _) => name.push(*c),
            _ => return None,
        }
    }
    None
}

/// Variables an arithmetic expression assigns: `NAME=`, `NAME op=`, `NAME++`, `++NAME`.
fn arith_assigned(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut names: Vec<String> = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
        if !is_name_start(c) || prev.is_some_and(|p| is_name_char(p) || p == '$' || p == '#') {
            i += 1;
            continue;
        }
        let start = i;
        while chars.get(i).copied().is_some_and(is_name_char) {
            i += 1;
        }
        let name: String = chars.get(start..i).unwrap_or(&[]).iter().collect();
        let mut j = i;
        while matches!(chars.get(j), Some(' ' | '\t')) {
            j += 1;
        }
        let after: String = chars
            .get(j..(j + 3).min(chars.len()))
            .unwrap_or(&[])
            .iter()
            .collect();
        let mut k = start;
        while k > 0 && matches!(chars.get(k - 1), Some(' ' | '\t')) {
            k -= 1;
        }
        let before: String = chars
            .get(k.saturating_sub(2)..k)
            .unwrap_or(&[])
            .iter()
            .collect();
        let assigned = (after.starts_with('=') && !after.starts_with("=="))
            || [
                "+=", "-=", "*=", "/=", "%=", "&=", "^=", "|=", "++", "--", "<<=", ">>=",
            ]
            .iter()
            .any(|op| after.starts_with(op))
            || before == "++"
            || before == "--";
        if assigned && seen.insert(name.clone()) {
            names.push(name);
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_continuations_go_as_str_replace_takes_them() {
        for text in ["a\\\nb", "\\\\\nx", "\\", "\n\\", "é\\\n\\\nñ", ""] {
            assert_eq!(
                without_line_continuations(text),
                text.replace("\\\n", ""),
                "{text:?}"
            );
        }
    }

    const DEEP_CASES: &[fn() -> String] = &[
        || format!("A={}x{}", "$(".repeat(120), ")".repeat(120)),
        || format!("A={}x{}", "\"$(".repeat(120), ")\"".repeat(120)),
        || format!("A={}x{}", "${X:-".repeat(120), "}".repeat(120)),
        || format!("{}A=1{}", "( ".repeat(120), ")".repeat(120)),
        || {
            format!(
                "{}A=1\n{}",
                "if true; then\n".repeat(120),
                "fi\n".repeat(120)
            )
        },
        || format!("{}A=1{}", "{ ".repeat(120), "; }".repeat(120)),
        || format!("A={}{}", "<(".repeat(120), ")".repeat(120)),
    ];

    fn env(text: &str) -> crate::env_vars::EnvVars {
        parse_env_block(text).unwrap().env
    }

    fn codes(block: &EnvBlock) -> Vec<&str> {
        block.notes.iter().map(|n| n.code.as_str()).collect()
    }

    fn err(text: &str) -> ParseError {
        parse_env_block(text).unwrap_err()
    }

    #[test]
    fn basic_forms() {
        let e = env("# c\nexport A=1 B=2\nC='x y'\n  D=\"q\"'r's\ndeclare -x E=5\n");
        assert_eq!(e["A"], "1");
        assert_eq!(e["B"], "2");
        assert_eq!(e["C"], "x y");
        assert_eq!(e["D"], "qrs");
        assert_eq!(e["E"], "5");
        let b = parse_env_block("export A=1\nB=2\n").unwrap();
        assert!(b.variables[0].exported);
        assert!(!b.variables[1].exported);
        assert_eq!((b.variables[1].line, b.variables[1].column), (2, 1));
    }

    #[test]
    fn crlf_keeps_the_carriage_return_and_warns() {
        let b = parse_env_block("WANDB_RUN_ID=abc\r\nexport WANDB_RESUME=\"allow\"\r\n").unwrap();
        assert!(b.crlf);
        assert_eq!(b.env["WANDB_RUN_ID"], "abc\r");
        assert_eq!(b.env["WANDB_RESUME"], "allow\r");
        let crlf: Vec<_> = b
            .notes
            .iter()
            .filter(|n| n.code == "crlf-line-end")
            .collect();
        assert_eq!(crlf.len(), 2);
        assert_eq!((crlf[0].line, crlf[0].column), (1, 1));
        assert_eq!((crlf[1].line, crlf[1].column), (2, 8));
        assert!(crlf[0].message.contains("dos2unix"));
        // A space before CRLF makes the CR a command, and the assignment a prefix to it.
        let b = parse_env_block("A=1 \r\n").unwrap();
        assert!(b.env.is_empty());
        assert!(codes(&b).contains(&"command-prefix"));
    }

    #[test]
    fn expansions_are_unresolved_unless_assigned_earlier() {
        let b = parse_env_block("BASE=run\nWANDB_RUN_ID=${BASE}-$SLURM_JOB_ID\nX=$BASE\n").unwrap();
        assert_eq!(b.env["X"], "run");
        assert!(!b.is_unresolved("X"));
        assert!(b.is_unresolved("WANDB_RUN_ID"));
        assert_eq!(b.env["WANDB_RUN_ID"], "run-$SLURM_JOB_ID");
        let note = b.notes.iter().find(|n| n.code == "expansion").unwrap();
        assert!(note.message.contains("$SLURM_JOB_ID"), "{}", note.message);
        assert_eq!((note.line, note.column), (2, 1));
        let b = parse_env_block("A=$(date)\nB=`id -u`\nC=~/x\nD=$((1+2))\n").unwrap();
        assert_eq!(b.unresolved, ["A", "B", "C", "D"]);
        assert_eq!(b.env["A"], "$(date)");
    }

    #[test]
    fn export_expands_all_arguments_first() {
        let e = env("C=old\nexport C=5 E=$C\nA=1 B=$A\n");
        assert_eq!(e["E"], "old");
        assert_eq!(e["B"], "1");
    }

    #[test]
    fn skipped_lines_have_notes() {
        let b = parse_env_block(
            "#SBATCH --time=1:00\nset -a\npython train.py\nA-B=x\nWANDB_MODE=offline python x.py\nA =1\n",
        )
        .unwrap();
        assert!(b.env.is_empty(), "{:?}", b.env);
        let c = codes(&b);
        assert!(c.contains(&"not-an-assignment"));
        assert!(c.contains(&"invalid-name"));
        assert!(c.contains(&"command-prefix"));
        assert!(c.contains(&"spaced-assignment"));
        let inv = b.notes.iter().find(|n| n.code == "invalid-name").unwrap();
        assert_eq!((inv.line, inv.column), (4, 1));
    }

    #[test]
    fn reassigned_unset_and_allexport() {
        let b = parse_env_block("A=1\nA=2\nB=1\nunset B\nset +a\nC=3\nexport D=4\n").unwrap();
        assert_eq!(b.env.get("A").map(String::as_str), Some("2"));
        assert!(!b.env.contains_key("B"));
        assert!(!b.env.contains_key("C"));
        assert_eq!(b.env["D"], "4");
        let c = codes(&b);
        for code in ["reassigned", "unset", "allexport-off", "not-exported"] {
            assert!(c.contains(&code), "{code} in {c:?}");
        }
    }

    #[test]
    fn structure() {
        let b = parse_env_block(
            "if [ -n \"$X\" ]; then\n  A=1\nfi\nB=1 | cat\ntrue && C=1\n(D=1)\n{ E=1; }\nF=1 &\n",
        )
        .unwrap();
        assert_eq!(b.unresolved, ["A", "C"]);
        assert!(!b.env.contains_key("B") && !b.env.contains_key("D") && !b.env.contains_key("F"));
        assert_eq!(b.env["E"], "1");
        assert!(codes(&b).contains(&"subshell"));
        assert!(codes(&b).contains(&"conditional"));
        // here-documents are skipped
        let b = parse_env_block("cat <<EOF >x\nA=1\nEOF\nB=2\ncat <<-'E'\n\tC=3\n\tE\n").unwrap();
        assert_eq!(b.env.keys().collect::<Vec<_>>(), ["B"]);
        let b = parse_env_block("return\nA=1\n").unwrap();
        assert!(b.env.is_empty());
        assert!(codes(&b).contains(&"stopped"));
    }

    #[test]
    fn ansi_c_strings() {
        let e =
            env("A=$'a\\tb\\n\\x41\\101\\u0042\\'\\\\'\nB=$'x\\0y'z\nC=$'\\cA\\c?'\nD=$'\\q'\n");
        assert_eq!(e["A"], "a\tb\nAAB'\\");
        assert_eq!(e["B"], "xz");
        assert_eq!(e["C"], "\u{1}\u{7f}");
        assert_eq!(e["D"], "\\q");
        let b = parse_env_block("A=$'\\u00e9'\nB=$'\\xff'\n").unwrap();
        assert_eq!(b.env["A"], "é");
        assert_eq!(b.unresolved, ["A", "B"]);
        assert!(codes(&b).contains(&"locale"));
        assert!(codes(&b).contains(&"non-utf8"));
    }

    #[test]
    fn error_positions() {
        for (text, code, at) in [
            ("A=1\nB=\"abc\n", "unterminated-quote", Some((2, 3))),
            ("A='x", "unterminated-quote", Some((1, 3))),
            ("X=1\n  A=$'x", "unterminated-quote", Some((2, 5))),
            ("A=${B\n", "unterminated-expansion", Some((1, 3))),
            ("é=1 A=$(x\n", "unterminated-expansion", Some((1, 7))),
            ("A=`x", "unterminated-expansion", None),
            ("A=1\nfi\n", "syntax", Some((2, 1))),
            ("if true; then\nA=1\n", "syntax", Some((1, 1))),
            ("A=1 &&\n", "syntax", None),
            ("A=1;;\n", "syntax", None),
        ] {
            let e = err(text);
            assert_eq!(e.code(), code, "{text:?}: {e}");
            if let Some((line, column)) = at {
                assert_eq!(e.position, SourcePosition::new(line, column), "{text:?}");
            }
        }
        assert!(err("A=\"x").to_string().contains("line 1, column 3"));
    }

    #[test]
    fn nul_is_dropped_with_a_note() {
        let b = parse_env_block("A=x\0y\n").unwrap();
        assert_eq!(b.env["A"], "xy");
        assert_eq!(codes(&b), ["nul-byte"]);
    }

    #[test]
    fn serializes_camel_case() {
        let b = parse_env_block("A=$X\n").unwrap();
        let v = serde_json::from_str::<serde_json::Value>(&crate::codec::to_json(&b)).unwrap();
        assert_eq!(v["env"]["A"], "$X");
        assert_eq!(v["variables"][0]["unresolved"], true);
        assert_eq!(v["crlf"], false);
        assert_eq!(v["unresolved"][0], "A");
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        for (open, close) in [
            ("$(", ")"),
            ("${X:-", "}"),
            ("\"$(", ")\""),
            ("( ", ")"),
            ("{ ", "; }"),
        ] {
            let text = format!("A={}x{}", open.repeat(5000), close.repeat(5000));
            let text = if open == "( " || open == "{ " {
                format!("{}A=1{}", open.repeat(5000), close.repeat(5000))
            } else {
                text
            };
            let e = parse_env_block(&text).unwrap_err();
            assert_eq!(e.code(), "syntax", "{open}: {e}");
            assert!(e.message.contains("nested"), "{e}");
        }
        let text = format!(
            "if true; then\n{}A=1\n{}fi\n",
            "if true; then\n".repeat(300),
            "fi\n".repeat(300)
        );
        assert_eq!(parse_env_block(&text).unwrap_err().code(), "syntax");
        let ok = format!("A={}x{}", "$(".repeat(10), ")".repeat(10));
        assert!(parse_env_block(&ok).unwrap().is_unresolved("A"));
    }

    #[test]
    fn deepest_accepted_nesting_fits_in_one_mib_of_stack() {
        // wasm32 runs with a 1 MiB stack; debug frames are larger than release ones.
        crate::parse_error::test_support::run_on_wasm_sized_stack(DEEP_CASES, parse_env_block);
    }

    #[test]
    fn never_panics_on_random_input() {
        let mut next = crate::parse_error::test_support::xorshift(0x9E37_79B9_7F4A_7C15);
        let alphabet: &[u8] = b"AZ_az09=$'\"\\`{}()[];&|<>#~: \t\n\r!*?,.-+@%^xEOF";
        for _ in 0..4000 {
            let len = (next() % 40) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    let r = next();
                    if r % 5 == 0 {
                        (r >> 8) as u8
                    } else {
                        alphabet[((r >> 8) as usize) % alphabet.len()]
                    }
                })
                .collect();
            let text = String::from_utf8_lossy(&bytes);
            let _ = parse_env_block(&text);
        }
    }
}
