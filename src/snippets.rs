//! Copyable snippets that reproduce a configuration: the `WANDB_*` environment as shell
//! `export` lines, Dockerfile `ENV` lines and a Kubernetes container `env:` list, and the
//! `wandb.init(...)` arguments as a Python call.
//!
//! Each snippet is meant to give back exactly the values the user entered, byte for byte.
//! `scripts/gen_snippet_vectors.py` checks that with the real interpreters (bash, dash and zsh
//! for the shell lines, Python's own parser for the call, PyYAML for the Kubernetes list, and a
//! port of BuildKit's Dockerfile parser for the `ENV` lines) and records the verified texts in
//! `tests/vectors/snippets.json`.
//!
//! What a syntax cannot hold is left out of that snippet, with a comment line in its place and
//! a [`SnippetNote`] saying why: a NUL character (no environment variable can hold one), a
//! variable name that is not a portable identifier, a line break in a Dockerfile `ENV` value,
//! an `ENV` line longer than the Dockerfile parser reads.
//!
//! Assumptions: the Dockerfile uses the default escape character `\` (no `# escape=` parser
//! directive), and the shell lines are run by a POSIX shell or zsh, not typed into an
//! interactive zsh without `interactivecomments` (where a `#` line is not a comment).

#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

use crate::text::has_char;

use crate::model::{InitArgs, ResumeInput};
use crate::pyunicode::{is_printable, repr};

/// Only environment variables whose name starts with this are rendered.
const PREFIX: &str = "WANDB_";

/// The longest line, in bytes without its newline, that BuildKit's Dockerfile parser reads
/// (`bufio.MaxScanTokenSize - 1`); a longer line fails the build with "dockerfile line greater
/// than max allowed size of 65535".
pub const DOCKERFILE_MAX_LINE: usize = 65_535;

/// The longest entry, in bytes with its terminating NUL, that Linux lets one `NAME=value`
/// string of a process environment be (`MAX_ARG_STRLEN`, 32 pages of 4 KiB); starting a
/// program with a longer one fails with `E2BIG` ("Argument list too long").
pub const ENV_ENTRY_MAX: usize = 131_072;

/// The four snippets for one configuration, with what they could not express.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub struct Snippets {
    /// `export NAME=value` lines for a POSIX shell or zsh, one per `WANDB_*` variable.
    pub shell: String,
    /// The `wandb.init(...)` call with the arguments that are set, as Python literals.
    pub python: String,
    /// `ENV NAME="value"` lines for a Dockerfile, one per `WANDB_*` variable.
    pub dockerfile: String,
    /// The `env:` list of a Kubernetes container spec, as YAML.
    pub kubernetes: String,
    /// Values a syntax cannot express, or writes differently from how they were entered, in
    /// the order of the variables.
    pub notes: Vec<SnippetNote>,
}

crate::json_object!(Snippets {
    "shell": shell,
    "python": python,
    "dockerfile": dockerfile,
    "kubernetes": kubernetes,
    "notes": notes,
});

/// Something a snippet could not express, or expresses in a way worth knowing.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub struct SnippetNote {
    /// Stable kebab-case code, e.g. `nul-in-env`.
    pub code: NoteCode,
    /// What happened and what to do, naming the variable.
    pub message: String,
}

crate::json_object!(SnippetNote { "code": code, "message": message });

/// The kinds of [`SnippetNote`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "kebab-case"))]
pub enum NoteCode {
    /// The name is not a portable identifier (`[A-Za-z_][A-Za-z0-9_]*`): no shell can
    /// `export` it. Left out of the shell, Dockerfile and Kubernetes snippets.
    InvalidEnvName,
    /// The value holds a NUL character, which no environment variable can hold. Left out of
    /// the shell, Dockerfile and Kubernetes snippets.
    NulInEnv,
    /// The value holds a line break (`\n` or `\r`): the shell snippet keeps it inside single
    /// quotes, but a `.env` file reader may read it differently.
    NewlineInEnv,
    /// The value holds a line break, which a Dockerfile `ENV` line cannot hold portably. Left
    /// out of the Dockerfile snippet.
    NewlineInDockerfile,
    /// The `ENV` line would be longer than [`DOCKERFILE_MAX_LINE`]. Left out of the Dockerfile
    /// snippet.
    DockerfileLineTooLong,
    /// `NAME=value` is longer than [`ENV_ENTRY_MAX`]: Linux refuses to start a program with it.
    EnvEntryTooLong,
    /// The value holds `$`, which the Kubernetes snippet writes as `$$` because Kubernetes
    /// expands `$(NAME)` references in env values.
    DollarInKubernetes,
}

crate::json_enum!(NoteCode {
    InvalidEnvName => "invalid-env-name",
    NulInEnv => "nul-in-env",
    NewlineInEnv => "newline-in-env",
    NewlineInDockerfile => "newline-in-dockerfile",
    DockerfileLineTooLong => "dockerfile-line-too-long",
    EnvEntryTooLong => "env-entry-too-long",
    DollarInKubernetes => "dollar-in-kubernetes",
});

/// One line of the Kubernetes list: a comment about a variable left out, or an entry.
enum KubeLine {
    Comment(String),
    Entry { name: String, value: String },
}

/// The snippets that reproduce `input`'s `WANDB_*` environment (keys in map order) and its
/// `wandb.init` arguments. `sdk` and `context` are not configuration and are not rendered.
pub fn snippets(input: &ResumeInput) -> Snippets {
    let mut notes = Vec::new();
    let mut shell: Vec<String> = Vec::new();
    let mut dockerfile: Vec<String> = Vec::new();
    let mut kube: Vec<KubeLine> = Vec::new();
    let mut note = |code: NoteCode, message: String| notes.push(SnippetNote { code, message });

    let vars = input
        .env
        .iter()
        .flatten()
        .filter(|(name, _)| name.starts_with(PREFIX));
    let mut any = false;
    for (name, value) in vars {
        any = true;
        if !is_env_name(name) {
            let shown = repr(name);
            let comment = format!("# {shown} left out: not a valid environment variable name");
            shell.push(comment.clone());
            dockerfile.push(comment.clone());
            kube.push(KubeLine::Comment(comment));
            note(
                NoteCode::InvalidEnvName,
                format!(
                    "{shown} is not a valid environment variable name: only letters, digits \
                     and _ are portable, so it is left out of the shell, Dockerfile and \
                     Kubernetes snippets."
                ),
            );
            continue;
        }
        if has_char(value, '\0') {
            let comment = format!(
                "# {name} left out: its value holds a NUL character, which no environment \
                 variable can hold"
            );
            shell.push(comment.clone());
            dockerfile.push(comment.clone());
            kube.push(KubeLine::Comment(comment));
            note(
                NoteCode::NulInEnv,
                format!(
                    "{name} holds a NUL character, which no environment variable can hold; it \
                     is left out of the shell, Dockerfile and Kubernetes snippets."
                ),
            );
            continue;
        }
        let line_break = value.contains(['\n', '\r']);
        if line_break {
            let terminal = if has_char(value, '\r') {
                " A carriage return pasted into a terminal may also arrive as a newline."
            } else {
                ""
            };
            note(
                NoteCode::NewlineInEnv,
                format!(
                    "{name} holds a line break. The shell snippet keeps it inside single \
                     quotes, but a .env file reader (docker --env-file, python-dotenv, \
                     systemd's EnvironmentFile) may end the value at the line break or read \
                     it differently.{terminal}"
                ),
            );
        }
        let entry = name.len() + 1 + value.len() + 1;
        if entry > ENV_ENTRY_MAX {
            note(
                NoteCode::EnvEntryTooLong,
                format!(
                    "{name}=… is {entry} bytes; Linux refuses to start a program whose \
                     environment holds an entry longer than {ENV_ENTRY_MAX} bytes (\"Argument \
                     list too long\")."
                ),
            );
        }

        shell.push(format!("export {name}={}", shell_word(value)));

        if line_break {
            dockerfile.push(format!(
                "# {name} left out: its value holds a line break, which ENV cannot hold \
                 portably"
            ));
            note(
                NoteCode::NewlineInDockerfile,
                format!(
                    "{name} holds a line break, which a Dockerfile ENV line cannot hold \
                     portably; it is left out of the Dockerfile snippet. Set it when the \
                     container starts instead."
                ),
            );
        } else {
            let line = format!("ENV {name}={}", dockerfile_word(value));
            if line.len() > DOCKERFILE_MAX_LINE {
                dockerfile.push(format!(
                    "# {name} left out: its ENV line would be longer than the Dockerfile \
                     parser reads"
                ));
                note(
                    NoteCode::DockerfileLineTooLong,
                    format!(
                        "The ENV line for {name} would be {} bytes, more than the \
                         {DOCKERFILE_MAX_LINE} the Dockerfile parser reads in one line; it is \
                         left out of the Dockerfile snippet.",
                        line.len()
                    ),
                );
            } else {
                dockerfile.push(line);
            }
        }

        if has_char(value, '$') {
            note(
                NoteCode::DollarInKubernetes,
                format!(
                    "{name} holds $: Kubernetes expands $(NAME) references in env values, so \
                     the Kubernetes snippet writes each $ as $$."
                ),
            );
        }
        kube.push(KubeLine::Entry {
            name: name.clone(),
            value: kubernetes_value(value),
        });
    }
    if !any {
        let none = "# no WANDB_* variables set".to_owned();
        shell.push(none.clone());
        dockerfile.push(none);
    }

    Snippets {
        shell: crate::text::join(&shell, "\n"),
        python: python_call(input.init.as_ref()),
        dockerfile: crate::text::join(&dockerfile, "\n"),
        kubernetes: kubernetes_list(&kube),
        notes,
    }
}

/// True for a name every shell can `export` and Docker and Kubernetes accept:
/// `[A-Za-z_][A-Za-z0-9_]*`.
fn is_env_name(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The value as one shell word: bare when every character is one no shell treats specially
/// anywhere in an assignment, otherwise single-quoted with `'` written as `'\''`.
///
/// `=` is not bare-safe: zsh expands `=cmd` at the start of a value and after `:` (`a:=ls`
/// becomes `a:/bin/ls`). `~` is not either: bash and zsh expand it after `=` and `:`.
fn shell_word(value: &str) -> String {
    let bare = !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_./:@%+,-".contains(&b));
    if bare {
        value.to_owned()
    } else {
        format!("'{}'", value.replace('\'', "'\\''"))
    }
}

/// The value as a double-quoted Dockerfile word: `\`, `"` and `$` escaped with `\` (ENV
/// substitutes `$NAME` and `${NAME}` inside double quotes); everything else is literal.
fn dockerfile_word(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for ch in value.chars() {
        if matches!(ch, '\\' | '"' | '$') {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('"');
    out
}

/// The value as a YAML double-quoted scalar for a Kubernetes env `value:`: `"` and `\`
/// escaped, `\t` `\n` `\r` and every other character Python does not call printable as
/// `\uXXXX` / `\UXXXXXXXX` (this covers YAML's own line breaks U+0085, U+2028 and U+2029),
/// and `$` doubled because Kubernetes reads `$$` as `$` and expands `$(NAME)`.
fn kubernetes_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for ch in value.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '$' => out.push_str("$$"),
            c if !is_printable(c) => {
                let cp = u32::from(c);
                if cp <= 0xffff {
                    out.push_str(&format!("\\u{cp:04x}"));
                } else {
                    out.push_str(&format!("\\U{cp:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn kubernetes_list(lines: &[KubeLine]) -> String {
    let has_entry = lines.iter().any(|l| matches!(l, KubeLine::Entry { .. }));
    let mut out: Vec<String> = Vec::new();
    if !has_entry {
        // A list holding only comments would read as `env: null`.
        for line in lines {
            if let KubeLine::Comment(c) = line {
                out.push(c.clone());
            }
        }
        out.push("env: []".to_owned());
        return crate::text::join(&out, "\n");
    }
    out.push("env:".to_owned());
    for line in lines {
        match line {
            KubeLine::Comment(c) => out.push(format!("  {c}")),
            KubeLine::Entry { name, value } => {
                out.push(format!("  - name: {name}"));
                out.push(format!("    value: {value}"));
            }
        }
    }
    crate::text::join(&out, "\n")
}

/// `wandb.init(...)` with the arguments that are set, in the order id, resume, resume_from,
/// fork_from, mode, notes; each value as Python's `repr()` writes it. More than two arguments go
/// one per line. `settings=` is left to the script: the input names its keys, not their values.
fn python_call(init: Option<&InitArgs>) -> String {
    let mut args: Vec<String> = Vec::new();
    if let Some(init) = init {
        if let Some(id) = &init.id {
            args.push(format!("id={}", repr(id)));
        }
        if let Some(resume) = &init.resume {
            args.push(format!("resume={}", resume.python_literal()));
        }
        if let Some(from) = &init.resume_from {
            args.push(format!("resume_from={}", repr(from)));
        }
        if let Some(from) = &init.fork_from {
            args.push(format!("fork_from={}", repr(from)));
        }
        if let Some(mode) = &init.mode {
            args.push(format!("mode={}", repr(mode)));
        }
        if let Some(notes) = &init.notes {
            args.push(format!("notes={}", repr(notes)));
        }
    }
    if args.len() > 2 {
        let mut out = "wandb.init(\n".to_owned();
        for arg in &args {
            out.push_str("    ");
            out.push_str(arg);
            out.push_str(",\n");
        }
        out.push(')');
        out
    } else {
        format!("wandb.init({})", crate::text::join(&args, ", "))
    }
}

#[cfg(test)]
mod tests {
    use crate::env_vars::EnvVars;

    use super::*;
    use crate::model::ResumeArg;

    fn with_env(pairs: &[(&str, &str)]) -> ResumeInput {
        ResumeInput {
            env: Some(
                pairs
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                    .collect::<EnvVars>(),
            ),
            ..Default::default()
        }
    }

    fn codes(s: &Snippets) -> Vec<&'static str> {
        s.notes.iter().map(|n| n.code.as_str()).collect()
    }

    #[test]
    fn empty_input() {
        let s = snippets(&ResumeInput::default());
        assert_eq!(s.shell, "# no WANDB_* variables set");
        assert_eq!(s.dockerfile, "# no WANDB_* variables set");
        assert_eq!(s.kubernetes, "env: []");
        assert_eq!(s.python, "wandb.init()");
        assert!(s.notes.is_empty());
    }

    #[test]
    fn only_wandb_variables_are_rendered_in_map_order() {
        let s = snippets(&with_env(&[
            ("WANDB_RUN_ID", "abc"),
            ("PATH", "/usr/bin"),
            ("WANDB_RESUME", "allow"),
            ("wandb_mode", "offline"),
        ]));
        assert_eq!(
            s.shell,
            "export WANDB_RESUME=allow\nexport WANDB_RUN_ID=abc"
        );
        assert_eq!(
            s.dockerfile,
            "ENV WANDB_RESUME=\"allow\"\nENV WANDB_RUN_ID=\"abc\""
        );
        assert_eq!(
            s.kubernetes,
            "env:\n  - name: WANDB_RESUME\n    value: \"allow\"\n  - name: WANDB_RUN_ID\n    value: \"abc\""
        );
        // Only non-WANDB keys: nothing to render.
        let s = snippets(&with_env(&[("HOME", "/root")]));
        assert_eq!(s.shell, "# no WANDB_* variables set");
        assert_eq!(s.kubernetes, "env: []");
    }

    #[test]
    fn shell_quoting() {
        assert_eq!(shell_word("a-Z_0.9/x:y@h%2+1,b"), "a-Z_0.9/x:y@h%2+1,b");
        assert_eq!(shell_word("-n"), "-n");
        assert_eq!(shell_word(""), "''");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
        assert_eq!(shell_word("'"), "''\\'''");
        assert_eq!(shell_word("~"), "'~'");
        assert_eq!(shell_word("=ls"), "'=ls'");
        assert_eq!(shell_word("a:=ls"), "'a:=ls'");
        assert_eq!(shell_word("a b"), "'a b'");
        assert_eq!(shell_word("$HOME`x`"), "'$HOME`x`'");
        assert_eq!(shell_word("é"), "'é'");
        assert_eq!(shell_word("a\nb"), "'a\nb'");
    }

    #[test]
    fn dockerfile_escaping() {
        assert_eq!(dockerfile_word(r#"a"b\c$d"#), r#""a\"b\\c\$d""#);
        assert_eq!(dockerfile_word(""), "\"\"");
        assert_eq!(dockerfile_word("'`\t é"), "\"'`\t é\"");
    }

    #[test]
    fn kubernetes_escaping() {
        assert_eq!(kubernetes_value(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(kubernetes_value("$(HOME)$$"), "\"$$(HOME)$$$$\"");
        assert_eq!(
            kubernetes_value("\t\n\r\u{1}\u{7f}"),
            "\"\\t\\n\\r\\u0001\\u007f\""
        );
        assert_eq!(
            kubernetes_value("\u{85}\u{a0}\u{2028}\u{feff}\u{10ffff}é🙂"),
            "\"\\u0085\\u00a0\\u2028\\ufeff\\U0010ffffé🙂\""
        );
    }

    #[test]
    fn python_call_forms() {
        let input = |init: InitArgs| ResumeInput {
            init: Some(init),
            ..Default::default()
        };
        assert_eq!(snippets(&input(InitArgs::default())).python, "wandb.init()");
        assert_eq!(
            snippets(&input(InitArgs {
                resume: Some(ResumeArg::Bool(true)),
                ..Default::default()
            }))
            .python,
            "wandb.init(resume=True)"
        );
        assert_eq!(
            snippets(&input(InitArgs {
                resume: Some(ResumeArg::Text("allow".into())),
                id: Some("it's".into()),
                ..Default::default()
            }))
            .python,
            "wandb.init(id=\"it's\", resume='allow')"
        );
        assert_eq!(
            snippets(&input(InitArgs {
                resume: Some(ResumeArg::Bool(false)),
                id: Some("abc".into()),
                notes: Some("a\nb".into()),
                resume_from: Some("abc?_step=10".into()),
                fork_from: Some("x".into()),
                mode: Some("offline".into()),
                settings: None,
            }))
            .python,
            "wandb.init(\n    id='abc',\n    resume=False,\n    resume_from='abc?_step=10',\n    \
             fork_from='x',\n    mode='offline',\n    notes='a\\nb',\n)"
        );
        // Environment variables never appear in the Python snippet.
        assert_eq!(
            snippets(&with_env(&[("WANDB_RUN_ID", "abc")])).python,
            "wandb.init()"
        );
    }

    #[test]
    fn nul_is_left_out_everywhere_with_a_comment() {
        let s = snippets(&with_env(&[("WANDB_NOTES", "a\0b"), ("WANDB_RUN_ID", "x")]));
        assert_eq!(codes(&s), ["nul-in-env"]);
        assert!(s.notes[0].message.contains("WANDB_NOTES"));
        let comment = "# WANDB_NOTES left out: its value holds a NUL character, which no \
                       environment variable can hold";
        assert_eq!(s.shell, format!("{comment}\nexport WANDB_RUN_ID=x"));
        assert_eq!(s.dockerfile, format!("{comment}\nENV WANDB_RUN_ID=\"x\""));
        assert_eq!(
            s.kubernetes,
            format!("env:\n  {comment}\n  - name: WANDB_RUN_ID\n    value: \"x\"")
        );
        for text in [&s.shell, &s.dockerfile, &s.kubernetes] {
            assert!(!text.contains('\0'));
        }
        // Nothing left: the Kubernetes list stays a list.
        let s = snippets(&with_env(&[("WANDB_NOTES", "\0")]));
        assert_eq!(s.kubernetes, format!("{comment}\nenv: []"));
        assert_eq!(s.shell, comment);
    }

    #[test]
    fn newline_is_fine_in_shell_and_yaml_but_not_dockerfile() {
        let s = snippets(&with_env(&[("WANDB_NOTES", "line 1\nline 2")]));
        assert_eq!(codes(&s), ["newline-in-env", "newline-in-dockerfile"]);
        assert_eq!(s.shell, "export WANDB_NOTES='line 1\nline 2'");
        assert_eq!(
            s.dockerfile,
            "# WANDB_NOTES left out: its value holds a line break, which ENV cannot hold portably"
        );
        assert_eq!(
            s.kubernetes,
            "env:\n  - name: WANDB_NOTES\n    value: \"line 1\\nline 2\""
        );
        assert!(!s.notes[0].message.contains("carriage return"));
        let s = snippets(&with_env(&[("WANDB_NOTES", "a\rb")]));
        assert_eq!(codes(&s), ["newline-in-env", "newline-in-dockerfile"]);
        assert!(s.notes[0].message.contains("carriage return"));
    }

    #[test]
    fn invalid_names_are_left_out() {
        let s = snippets(&with_env(&[("WANDB_RUN-ID", "x"), ("WANDB_\n", "y")]));
        assert_eq!(codes(&s), ["invalid-env-name", "invalid-env-name"]);
        assert_eq!(
            s.shell,
            "# 'WANDB_\\n' left out: not a valid environment variable name\n\
             # 'WANDB_RUN-ID' left out: not a valid environment variable name"
        );
        assert_eq!(s.kubernetes.lines().last(), Some("env: []"));
        assert!(is_env_name("WANDB_") && is_env_name("WANDB_A1_b"));
        assert!(!is_env_name("WANDB_É") && !is_env_name("WANDB_A=B") && !is_env_name(""));
    }

    #[test]
    fn dollar_is_doubled_for_kubernetes_only() {
        let s = snippets(&with_env(&[("WANDB_NOTES", "$(HOME) costs $5")]));
        assert_eq!(codes(&s), ["dollar-in-kubernetes"]);
        assert_eq!(s.shell, "export WANDB_NOTES='$(HOME) costs $5'");
        assert_eq!(s.dockerfile, "ENV WANDB_NOTES=\"\\$(HOME) costs \\$5\"");
        assert!(s.kubernetes.ends_with("value: \"$$(HOME) costs $$5\""));
    }

    #[test]
    fn dockerfile_line_limit() {
        // `ENV WANDB_NOTES="` + value + `"` is 18 bytes more than the value.
        let fits = "a".repeat(DOCKERFILE_MAX_LINE - 18);
        let s = snippets(&with_env(&[("WANDB_NOTES", &fits)]));
        assert_eq!(s.dockerfile.len(), DOCKERFILE_MAX_LINE);
        assert!(s.notes.is_empty());
        let over = format!("{fits}$");
        let s = snippets(&with_env(&[("WANDB_NOTES", &over)]));
        assert_eq!(
            codes(&s),
            ["dockerfile-line-too-long", "dollar-in-kubernetes"]
        );
        assert!(s.dockerfile.starts_with("# WANDB_NOTES left out"));
        assert!(s.shell.starts_with("export WANDB_NOTES=") && s.shell.len() > DOCKERFILE_MAX_LINE);
    }

    #[test]
    fn env_entry_limit() {
        // "WANDB_NOTES=" + value + NUL.
        let fits = "a".repeat(ENV_ENTRY_MAX - 13);
        let s = snippets(&with_env(&[("WANDB_NOTES", &fits)]));
        assert_eq!(codes(&s), ["dockerfile-line-too-long"]);
        let over = "a".repeat(ENV_ENTRY_MAX - 12);
        let s = snippets(&with_env(&[("WANDB_NOTES", &over)]));
        assert_eq!(
            codes(&s),
            ["env-entry-too-long", "dockerfile-line-too-long"]
        );
    }

    #[test]
    fn context_and_sdk_are_not_rendered() {
        let mut input = with_env(&[("WANDB_RESUME", "must")]);
        let plain = snippets(&input);
        input.sdk = Some("0.17.0".into());
        input.context = Some(crate::model::LaunchContext {
            resume_file: Some("zzz".into()),
            ..Default::default()
        });
        assert_eq!(snippets(&input), plain);
    }

    #[test]
    fn serializes_camel_case_with_kebab_codes() {
        let s = snippets(&with_env(&[("WANDB_NOTES", "\0")]));
        let json = serde_json::from_str::<serde_json::Value>(&crate::codec::to_json(&s)).unwrap();
        assert_eq!(json["notes"][0]["code"], "nul-in-env");
        assert!(json["kubernetes"].is_string() && json["dockerfile"].is_string());
        for code in [
            NoteCode::InvalidEnvName,
            NoteCode::NulInEnv,
            NoteCode::NewlineInEnv,
            NoteCode::NewlineInDockerfile,
            NoteCode::DockerfileLineTooLong,
            NoteCode::EnvEntryTooLong,
            NoteCode::DollarInKubernetes,
        ] {
            assert_eq!(
                serde_json::from_str::<serde_json::Value>(&crate::codec::to_json(&code)).unwrap(),
                code.as_str()
            );
        }
    }
}
