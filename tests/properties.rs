//! Property tests of the core: no input makes it panic, and the documented invariants hold
//! for arbitrary strings, not just the examples in the unit tests.

use wandb_resume::env_vars::EnvVars;

use proptest::prelude::*;
use wandb_resume::{
    Attempt, Ending, InitArgs, LaunchContext, Place, ResumeArg, ResumeInput, SettingsArg,
    SettingsFile, SettingsForm, Severity, decide, engine::env_keys, generate_id,
    sanitize::replace_non_word, sanitize_run_id, simulate,
};

/// The text of a resume file: what wandb writes around an interesting id, cut short or
/// edited, or any string at all.
fn resume_file_text() -> impl Strategy<Value = String> {
    prop_oneof![
        interesting_string().prop_map(|id| format!("{{\"run_id\": {}}}", serde_json::json!(id))),
        (interesting_string(), 0usize..24).prop_map(|(id, cut)| {
            let text = format!("{{\"run_id\": {}}}", serde_json::json!(id));
            text.chars().take(cut).collect()
        }),
        prop::sample::select(vec![
            "",
            "{}",
            "[]",
            "null",
            "{\"run_id\": null}",
            "{\"run_id\": 1}",
            "\u{feff}{}",
            "{\"run_id\": \"\\ud800\"}",
            "{\"a\": [1, {\"b\": NaN}]}",
            "{\"run_id\": \"a\"}\r\n",
        ])
        .prop_map(str::to_owned),
        ".{0,40}",
    ]
}

/// Strings that exercise the rules: mode names in any case, ids with reserved characters,
/// whitespace, Unicode, run moments, and arbitrary text.
fn interesting_string() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        prop::sample::select(vec![
            "allow",
            "must",
            "never",
            "auto",
            "ALLOW",
            "Must",
            "true",
            "false",
            "None",
            "True",
            " allow",
            "abc",
            "abc?_step=10",
            "abc?_step=-1",
            "x?_step=1e3",
            "run:1",
            "a b",
            " a",
            "a\n",
            "ä中",
            "%41",
            "a\\b",
            "0.19.0",
            "0.9.7",
            "0.31.0",
            "0.22.5",
            "1.0.0",
            "offline",
            "dryrun",
            "disabled",
            "online",
            "run",
            "shared",
        ])
        .prop_map(str::to_owned),
        "[a-z0-9]{1,12}",
        "[ -~]{0,20}",
        "\\PC{0,10}",
        "[a-z]{1,8}\\?_step=[0-9]{1,4}",
    ]
}

fn resume_arg() -> impl Strategy<Value = Option<ResumeArg>> {
    prop_oneof![
        Just(None),
        any::<bool>().prop_map(|b| Some(ResumeArg::Bool(b))),
        interesting_string().prop_map(|s| Some(ResumeArg::Text(s))),
    ]
}

fn env() -> impl Strategy<Value = Option<EnvVars>> {
    // The variables the engine reads, and one it does not.
    let mut keys = env_keys::ALL.to_vec();
    keys.push("HOME");
    let key = prop::sample::select(keys).prop_map(str::to_owned);
    prop::option::of(
        prop::collection::btree_map(key, interesting_string(), 0..6)
            .prop_map(|vars| vars.into_iter().collect::<EnvVars>()),
    )
}

/// `settings=`: either form (or none, which the input check refuses), keys that do and do
/// not bear on resuming, and any string; a mode of each kind, modelled or not; a resume and a
/// run id as the arguments take them; the service key's value.
/// Boxed: its value tree nested in `input()`'s overflows a test thread's stack in a debug build.
fn settings_arg() -> BoxedStrategy<SettingsArg> {
    (
        prop::option::of(prop_oneof![
            Just(SettingsForm::Object),
            Just(SettingsForm::Dict)
        ]),
        prop::option::of(prop::collection::vec(
            prop_oneof![
                Just("start_method".to_owned()),
                Just("console".to_owned()),
                Just("run_id".to_owned()),
                Just("resume".to_owned()),
                Just("mode".to_owned()),
                Just("_disable_service".to_owned()),
                Just("x_disable_service".to_owned()),
                interesting_string(),
            ],
            0..3,
        )),
        prop::option::of(prop_oneof![
            Just("offline".to_owned()),
            Just("online".to_owned()),
            Just("dryrun".to_owned()),
            Just("disabled".to_owned()),
            Just("shared".to_owned()),
            interesting_string(),
        ]),
        resume_arg(),
        prop::option::of(interesting_string()),
        prop::option::of(any::<bool>()),
    )
        .prop_map(
            |(form, keys, mode, resume, run_id, disable_service)| SettingsArg {
                form,
                keys,
                mode,
                resume,
                run_id,
                disable_service,
            },
        )
        .boxed()
}

/// The workspace settings file's mode lines: what the CLI writes, and strings.
fn settings_file() -> BoxedStrategy<SettingsFile> {
    let value = |known: &'static [&'static str]| {
        prop::option::of(prop_oneof![
            prop::sample::select(known).prop_map(str::to_owned),
            interesting_string(),
        ])
    };
    (
        value(&["offline", "online", "disabled"]),
        value(&["true", "false"]),
    )
        .prop_map(|(mode, disabled)| SettingsFile { mode, disabled })
        .boxed()
}

fn input() -> impl Strategy<Value = ResumeInput> {
    (
        prop::option::of(interesting_string()),
        env(),
        prop::option::of((
            resume_arg(),
            prop::option::of(interesting_string()),
            prop::option::of(interesting_string()),
            prop::option::of(interesting_string()),
            prop::option::of(interesting_string()),
            prop::option::of(interesting_string()),
            prop::option::of(settings_arg()),
        )),
        prop::option::of((
            prop::option::of(interesting_string()),
            prop::option::of(resume_file_text()),
            prop::option::of(any::<bool>()),
            prop::option::of(0u32..5),
            prop::option::of(any::<bool>()),
            prop::option::of(settings_file()),
        )),
    )
        .prop_map(|(sdk, env, init, context)| ResumeInput {
            sdk,
            env,
            init: init.map(
                |(resume, id, notes, resume_from, fork_from, mode, settings)| InitArgs {
                    resume,
                    id,
                    notes,
                    resume_from,
                    fork_from,
                    mode,
                    settings,
                },
            ),
            context: context.map(
                |(
                    resume_file,
                    resume_file_text,
                    run_exists,
                    processes,
                    shared_filesystem,
                    settings_file,
                )| LaunchContext {
                    resume_file,
                    resume_file_text,
                    run_exists,
                    processes,
                    shared_filesystem,
                    settings_file,
                },
            ),
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn decide_never_panics_and_is_consistent(input in input()) {
        let d = decide(&input);
        // valid ⇔ no error diagnostic.
        prop_assert_eq!(d.valid, !d.diagnostics.iter().any(|x| x.severity == Severity::Error));
        // Diagnostics come errors first, then warnings, then info.
        prop_assert!(d.diagnostics.windows(2).all(|w| w[0].severity <= w[1].severity));
        // `resumed` is only ever true when the run is resumed.
        for o in [&d.if_exists, &d.if_missing] {
            prop_assert!(!o.resumed || o.action == wandb_resume::Action::Resume);
            prop_assert!(!o.message.is_empty());
        }
        // Codes are the documented kebab-case names, each with a message.
        for x in &d.diagnostics {
            prop_assert!(wandb_resume::diagnostics::Code::ALL.iter().any(|c| c.as_str() == x.code));
            prop_assert!(!x.message.is_empty());
        }
        // The decision's JSON is valid JSON carrying the same values.
        let json = decision_as_json(&d);
        prop_assert_eq!(&json["valid"], d.valid);
        prop_assert_eq!(json["runId"].as_str(), d.run_id.as_deref());
        prop_assert_eq!(json["ifExists"]["message"].as_str(), Some(d.if_exists.message.as_str()));
        let codes: Vec<&str> = json["diagnostics"]
            .as_array()
            .map(|list| list.iter().filter_map(|x| x["code"].as_str()).collect())
            .unwrap_or_default();
        prop_assert_eq!(codes, d.diagnostics.iter().map(|x| x.code).collect::<Vec<_>>());
        // The input written as JSON reads back the same.
        let text = wandb_resume::codec::to_json(&input);
        prop_assert_eq!(wandb_resume::codec::from_json::<wandb_resume::ResumeInput>(&text), Ok(input));
    }

    #[test]
    fn sanitize_is_idempotent_and_never_lengthens(raw in "\\PC{0,80}") {
        let (once, _) = replace_non_word(&raw);
        let (twice, replaced) = replace_non_word(&once);
        prop_assert_eq!(&twice, &once);
        prop_assert_eq!(once.chars().count(), raw.chars().count());
        // Only dashes can be "replaced" (by themselves) the second time.
        prop_assert_eq!(replaced as usize, once.chars().filter(|c| *c == '-').count());
        let s = sanitize_run_id(&raw, None);
        prop_assert_eq!(s.sanitized.chars().count(), raw.chars().count());
        if let Some(suggested) = &s.suggested {
            // A suggestion is accepted by the SDK: no error about the suggested id itself.
            let again = sanitize_run_id(suggested, None);
            prop_assert!(again.diagnostics.iter().all(|d| d.severity != Severity::Error), "{:?}", again);
        }
    }

    #[test]
    fn generated_ids_match_the_alphabet(length in 1u32..=128) {
        let id = generate_id(length).unwrap();
        prop_assert_eq!(id.len(), length as usize);
        prop_assert!(id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    }
}

fn attempt() -> impl Strategy<Value = Attempt> {
    (
        prop::sample::select(vec![
            Ending::Crashed,
            Ending::Preempted,
            Ending::Finished,
            Ending::Exited,
        ]),
        prop::sample::select(vec![
            Place::SameDirectory,
            Place::SameFilesystem,
            Place::NewMachine,
        ]),
        env(),
        prop::option::of(resume_arg()),
        any::<bool>(),
    )
        .prop_map(|(after, place, env, resume, delete_run)| Attempt {
            after,
            place,
            env,
            init: resume.map(|resume| InitArgs {
                resume,
                ..Default::default()
            }),
            delete_run,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn simulate_never_panics_and_starts_with_decide(
        input in input(),
        attempts in prop::collection::vec(attempt(), 0..5),
    ) {
        let t = simulate(&input, &attempts).unwrap();
        prop_assert_eq!(t.attempts.len(), attempts.len() + 1);
        prop_assert_eq!(&t.attempts[0].decision, &decide(&input));
        prop_assert!(t.summary.runs as usize <= t.attempts.len());
        prop_assert_eq!(
            t.summary.failed_attempts as usize,
            t.attempts.iter().filter(|a| a.run_id.is_none()).count()
        );
    }
}

/// The decision's JSON as read by a reference reader.
fn decision_as_json(d: &wandb_resume::Decision) -> serde_json::Value {
    serde_json::from_str(&wandb_resume::codec::to_json(d)).expect("valid JSON")
}

/// Any JSON value, nested a few levels, with keys that are sometimes `run_id`.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        interesting_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(
                (prop_oneof![Just("run_id".to_owned()), "[a-z_]{0,6}"], inner),
                0..4
            )
            .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Python's `json` reads every document strict JSON allows (it also reads `NaN` and
    /// friends), so whatever serde_json writes, compact or pretty, with CRLF line ends or
    /// not, the decoder must read as the same value: the object's `run_id`, or what it is
    /// instead. And no cut of it makes the decoder panic.
    #[test]
    fn the_resume_file_decoder_reads_what_json_writes(
        value in json_value(),
        pretty in any::<bool>(),
        crlf in any::<bool>(),
        cut in any::<prop::sample::Index>(),
    ) {
        use wandb_resume::resume_file_text::{FileContent, JsonKind, read};
        let mut text = if pretty {
            serde_json::to_string_pretty(&value).unwrap()
        } else {
            serde_json::to_string(&value).unwrap()
        };
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        let expected = match &value {
            serde_json::Value::Object(members) => match members.get("run_id") {
                None => FileContent::NoRunId,
                Some(serde_json::Value::String(id)) => FileContent::RunId(id.clone()),
                Some(serde_json::Value::Null) => FileContent::NullRunId,
                Some(_) => {
                    prop_assert!(matches!(read(&text), FileContent::Unmodeled(_)), "{}", text);
                    return Ok(());
                }
            },
            serde_json::Value::Array(_) => FileContent::NotAnObject(JsonKind::List),
            serde_json::Value::String(_) => FileContent::NotAnObject(JsonKind::Str),
            serde_json::Value::Null => FileContent::NotAnObject(JsonKind::Null),
            serde_json::Value::Bool(_) => FileContent::NotAnObject(JsonKind::Bool),
            serde_json::Value::Number(n) => FileContent::NotAnObject(if n.is_f64() {
                JsonKind::Float
            } else {
                JsonKind::Int
            }),
        };
        prop_assert_eq!(read(&text), expected, "{}", text);
        let cut_at = cut.index(text.chars().count() + 1);
        let _ = read(&text.chars().take(cut_at).collect::<String>());
    }
}
