//! `decide`, `simulate`, `snippets` and `fix_configuration` on structured configurations:
//! the fuzzer's bytes choose each field among the values the rules care about (modes in
//! every case, booleans, ids at the length and character limits, run moments, versions at
//! rule boundaries) or an arbitrary string, so most inputs reach deep into the engine.
//! Checks the invariants every answer must keep, and that the JSON written reads back.
#![no_main]

use wandb_resume::env_vars::EnvVars;

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use wandb_resume::engine::env_keys;
use wandb_resume::model::{
    InitArgs, LaunchContext, ResumeArg, ResumeInput, SettingsArg, SettingsFile, SettingsForm,
    Severity,
};
use wandb_resume::timeline::{Attempt, Ending, Place};
use wandb_resume::{codec, decide, json, simulate};

const WORDS: &[&str] = &[
    "",
    " ",
    "allow",
    "Allow",
    "ALLOW ",
    "must",
    "never",
    "offline",
    "dryrun",
    "disabled",
    "online",
    "run",
    "shared",
    "auto",
    "true",
    "True",
    "false",
    "none",
    "None",
    "null",
    "1",
    "0",
    "abc",
    "run-1",
    "a b",
    "é",
    "😀",
    "\u{0}",
    "\t\n",
    "x?_step=1",
    "abc?_step=-3",
    "abc?_step=1.5",
    "abc?_step=1e3",
    "?_step=1",
    "abc?step=1",
    "abc?_step=1&_step=2",
    "https://x/y?_step=2",
    "0.9.7",
    "0.10.2",
    "0.12.21",
    "0.13.0",
    "0.16.5",
    "0.17.1",
    "0.18.0",
    "0.19.0",
    "0.19.11",
    "0.20.0",
    "0.21.0",
    "0.31.0",
    "0.99.0",
    "1.0.0",
    "0.22.5",
    "v0.19.0",
    "0.19",
    "0.19.0rc1",
];

fn text(u: &mut Unstructured<'_>) -> arbitrary::Result<String> {
    Ok(match u.int_in_range(0..=9)? {
        0..=5 => (*u.choose(WORDS)?).to_owned(),
        6 => "a".repeat(u.int_in_range(60..=70)?),
        7 => format!("{}{}", u.choose(WORDS)?, u.choose(WORDS)?),
        _ => String::arbitrary(u)?,
    })
}

fn opt_text(u: &mut Unstructured<'_>) -> arbitrary::Result<Option<String>> {
    Ok(if u.ratio(1, 2)? { Some(text(u)?) } else { None })
}

/// The text of a resume file: what wandb writes around a word, cut anywhere, or any text.
fn resume_file_text(u: &mut Unstructured<'_>) -> arbitrary::Result<Option<String>> {
    Ok(match u.int_in_range(0..=5)? {
        0 | 1 => None,
        2 | 3 => {
            let written = format!("{{\"run_id\": {}}}", codec::to_json(&text(u)?));
            let cut = u.int_in_range(0..=written.chars().count())?;
            Some(written.chars().take(cut).collect())
        }
        4 => Some(format!("{{\"run_id\": {}}}", text(u)?)),
        _ => Some(String::arbitrary(u)?),
    })
}

fn env(u: &mut Unstructured<'_>) -> arbitrary::Result<Option<EnvVars>> {
    if u.ratio(1, 4)? {
        return Ok(None);
    }
    // The variables the engine reads, and two it does not.
    let mut keys = env_keys::ALL.to_vec();
    keys.extend(["WANDB_PROJECT", "WANDB_DIR"]);
    let mut env = EnvVars::new();
    for _ in 0..u.int_in_range(0..=5)? {
        let key = if u.ratio(7, 8)? {
            (*u.choose(&keys)?).to_owned()
        } else {
            text(u)?
        };
        env.insert(key, text(u)?);
    }
    Ok(Some(env))
}

/// A `resume` value: none, a bool or any text.
fn resume_arg(u: &mut Unstructured<'_>) -> arbitrary::Result<Option<ResumeArg>> {
    Ok(match u.int_in_range(0..=3)? {
        0 => None,
        1 => Some(ResumeArg::Bool(bool::arbitrary(u)?)),
        _ => Some(ResumeArg::Text(text(u)?)),
    })
}

fn init(u: &mut Unstructured<'_>) -> arbitrary::Result<Option<InitArgs>> {
    if u.ratio(1, 4)? {
        return Ok(None);
    }
    Ok(Some(InitArgs {
        resume: resume_arg(u)?,
        id: opt_text(u)?,
        notes: opt_text(u)?,
        resume_from: opt_text(u)?,
        fork_from: opt_text(u)?,
        mode: opt_text(u)?,
        settings: settings(u)?,
    }))
}

/// `settings=`: either form or none (which the input check refuses), keys the rules care
/// about (some refused) or any text, a mode (any text: the strings above include the modes),
/// a resume, a run id and the service key's value.
fn settings(u: &mut Unstructured<'_>) -> arbitrary::Result<Option<SettingsArg>> {
    if u.ratio(2, 3)? {
        return Ok(None);
    }
    let form = match u.int_in_range(0..=4)? {
        0 => None,
        1 | 2 => Some(SettingsForm::Object),
        _ => Some(SettingsForm::Dict),
    };
    let keys = if u.ratio(1, 4)? {
        None
    } else {
        let mut keys = Vec::new();
        for _ in 0..u.int_in_range(0..=3)? {
            keys.push(if u.ratio(3, 4)? {
                (*u.choose(&[
                    "start_method",
                    "console",
                    "run_id",
                    "resume",
                    "mode",
                    "_disable_service",
                    "x_disable_service",
                ])?)
                .to_owned()
            } else {
                text(u)?
            });
        }
        Some(keys)
    };
    let mode = opt_text(u)?;
    let resume = resume_arg(u)?;
    let run_id = opt_text(u)?;
    let disable_service = if u.ratio(1, 2)? {
        None
    } else {
        Some(u.arbitrary()?)
    };
    Ok(Some(SettingsArg {
        form,
        keys,
        mode,
        resume,
        run_id,
        disable_service,
    }))
}

/// The workspace settings file's mode lines: absent, or the values the CLI writes and any text
/// (some refused by the input check).
fn settings_file(u: &mut Unstructured<'_>) -> arbitrary::Result<Option<SettingsFile>> {
    if u.ratio(2, 3)? {
        return Ok(None);
    }
    let mut line = |known: &[&str]| -> arbitrary::Result<Option<String>> {
        Ok(match u.int_in_range(0..=3)? {
            0 => None,
            1 => Some(text(u)?),
            _ => Some((*u.choose(known)?).to_owned()),
        })
    };
    let mode = line(&["offline", "online", "disabled"])?;
    let disabled = line(&["true"])?;
    Ok(Some(SettingsFile { mode, disabled }))
}

fn input(u: &mut Unstructured<'_>) -> arbitrary::Result<ResumeInput> {
    Ok(ResumeInput {
        sdk: opt_text(u)?,
        env: env(u)?,
        init: init(u)?,
        context: if u.ratio(1, 3)? {
            None
        } else {
            Some(LaunchContext {
                resume_file: opt_text(u)?,
                resume_file_text: resume_file_text(u)?,
                run_exists: Option::<bool>::arbitrary(u)?,
                processes: if u.ratio(1, 2)? {
                    Some(u.int_in_range(0..=2_000_000)?)
                } else {
                    None
                },
                shared_filesystem: Option::<bool>::arbitrary(u)?,
                settings_file: settings_file(u)?,
            })
        },
    })
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(input) = input(&mut u) else { return };
    let d = decide(&input);
    assert_eq!(
        d.valid,
        !d.diagnostics.iter().any(|x| x.severity == Severity::Error)
    );
    assert!(
        d.diagnostics
            .windows(2)
            .all(|w| w[0].severity <= w[1].severity)
    );
    for o in [&d.if_exists, &d.if_missing] {
        assert!(!o.message.is_empty());
    }
    let written = codec::to_json(&d);
    assert!(json::parse(&written).is_ok(), "{written}");
    assert!(!written.contains('<'));
    // An input without lone surrogates (Rust strings have none) writes and reads back.
    let text = codec::to_json(&input);
    assert_eq!(
        codec::from_json::<ResumeInput>(&text).as_ref(),
        Ok(&input),
        "{text}"
    );
    let _ = wandb_resume::snippets::snippets(&input);
    let fixed = wandb_resume::fix::fix_configuration(&input);
    // A fix is kept only when it adds no error, and the decision shown is the fixed input's.
    let errors = |x: &wandb_resume::Decision| {
        x.diagnostics
            .iter()
            .filter(|x| x.severity == Severity::Error)
            .count()
    };
    assert!(errors(&fixed.decision) <= errors(&d));
    assert_eq!(fixed.decision, decide(&fixed.input));
    if fixed.changes.is_empty() {
        assert_eq!(fixed.input, input);
    }
    let mut attempts = Vec::new();
    for _ in 0..u.int_in_range(0..=4).unwrap_or(0) {
        let (Ok(after), Ok(place)) = (
            u.choose(&[
                Ending::Crashed,
                Ending::Preempted,
                Ending::Finished,
                Ending::Exited,
            ]),
            u.choose(&[
                Place::SameDirectory,
                Place::SameFilesystem,
                Place::NewMachine,
            ]),
        ) else {
            break;
        };
        attempts.push(Attempt {
            after: *after,
            place: *place,
            env: env(&mut u).unwrap_or(None),
            init: init(&mut u).unwrap_or(None),
            delete_run: u.ratio(1, 8).unwrap_or(false),
        });
    }
    let timeline = simulate(&input, &attempts).expect("at most 4 attempts");
    assert_eq!(timeline.attempts.len(), attempts.len() + 1);
    assert!(timeline.summary.runs as usize <= timeline.attempts.len());
});
