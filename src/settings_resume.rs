//! The settings' own `resume` and `run_id` (`settings=wandb.Settings(resume="allow",
//! run_id="abc")`, or the same keys in a dict): where each release applies them, as the
//! settings-resume vectors (tests/conformance/settings-resume-vectors.json) show.
//!
//! - 0.10.0–0.12.9: an object's values beat `resume=`, `id=` and the environment, and its
//!   `run_id` is not dropped in a sweep (a non-empty dict raises: [`crate::settings_arg`]);
//! - 0.12.10–0.12.15: what an object sets is ignored; a dict's values apply as below;
//! - 0.12.16–0.18.7: below `resume=` / `id=`, above `WANDB_RESUME` / `WANDB_RUN_ID`, stored as
//!   given (no `True` → `auto`, no run id read out of `resume`), the `run_id` checked even where
//!   `id=` replaces it and kept in a sweep (beside `id=`, which the sweep drops first); a stored
//!   `True` makes 0.15.6–0.18.7 raise as `wandb.init` turns the settings into their protobuf,
//!   and a stored `resume` passes `wandb.init`'s check against `resume_from=` / `fork_from=` to
//!   meet the backend's; what the backend makes of a stored value that is not a mode is
//!   [`stored_reading`]'s (the settings-server vectors);
//! - 0.19.0+: as `wandb.init`'s own arguments, which are assigned onto the same settings after
//!   the object is built (and checked): dropped in a sweep, `True` read as `auto`.
//!
//! Where the engine models an applied value, it stands in for the argument it replaces
//! ([`fold`]) and the diagnostics about that argument name the settings key
//! ([`Folded::rename_fields`]).

use std::borrow::Cow;

use crate::check_order;
use crate::diagnostics::{Code, DiagnosticExt, diagnostic};
use crate::model::{Diagnostic, InitArgs, ResumeArg, SettingsArg, Severity};
use crate::profile::{Profile, Rule};
use crate::resume_value;
use crate::run_id::check_run_id;
use crate::text;

/// The input field of the settings' `resume`.
pub(crate) const RESUME: &str = "init.settings.resume";
/// The input field of the settings' `run_id`.
pub(crate) const RUN_ID: &str = "init.settings.runId";

/// What 0.15.6–0.18.7 raise handing a settings `resume=True` to the service process (wrapped
/// in "An unexpected error occurred" until 0.16.5).
const TRUE_RAISES: &str = "Parameter to CopyFrom() must be instance of same class: expected <class 'google.protobuf.wrappers_pb2.StringValue'> got <class 'google.protobuf.wrappers_pb2.BoolValue'>.";

/// How a release applies the settings' `resume` and `run_id`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Applied {
    /// Never: a non-empty dict makes 0.10.0–0.12.9 raise ([`crate::settings_arg`]).
    DictRaises,
    /// Not at all (an object in 0.12.10–0.12.15).
    Ignored,
    /// Over `wandb.init`'s arguments and the environment (an object in 0.10.0–0.12.9).
    OverInit,
    /// Below the arguments, above the environment, as given (0.12.16–0.18.7; a dict from
    /// 0.12.10).
    BelowInit,
    /// As `wandb.init`'s own arguments (0.19.0+).
    AsInit,
}

impl Applied {
    /// How `profile`'s SDK applies what `settings` sets.
    fn of(profile: &Profile, settings: &SettingsArg) -> Self {
        if profile.has(Rule::StrictResume) {
            Applied::AsInit
        } else if !settings.is_object() && !profile.has(Rule::SettingsDictAccepted) {
            Applied::DictRaises
        } else if !settings.is_object() || profile.has(Rule::SettingsObjectBelowInit) {
            Applied::BelowInit
        } else if profile.has(Rule::SettingsObjectIgnored) {
            Applied::Ignored
        } else {
            Applied::OverInit
        }
    }

    /// Whether the release stores the value as given, where `wandb.init` would read its
    /// argument (before 0.19.0).
    fn stored_as_given(self) -> bool {
        matches!(self, Applied::OverInit | Applied::BelowInit)
    }
}

/// `wandb.init`'s arguments with the settings' `resume` and `run_id` in, as the release
/// applies them, and where each value came from.
pub(crate) struct Folded<'a> {
    /// The arguments the engine decides with.
    pub init: Cow<'a, InitArgs>,
    /// The settled `resume` argument is the settings'.
    pub resume_from_settings: bool,
    /// The settled `resume` is the settings', stored past `wandb.init`'s own checks (before
    /// 0.19.0): 0.16.5–0.18.7 count only the call's `resume=` against `resume_from=` and
    /// `fork_from=`, as they count `WANDB_RESUME`.
    pub resume_stored: bool,
    /// The settled `id` argument is the settings'.
    pub run_id_from_settings: bool,
    /// The settings' id is stored past `wandb.init`'s sweep check (before 0.19.0), so a sweep
    /// does not drop it.
    pub run_id_kept_in_sweep: bool,
    /// The settings hold a value the release rejects.
    pub rejected: bool,
    /// The settings are a `wandb.Settings` object, built (and its run id checked) as the
    /// call's arguments are evaluated, before any argument error; a dict is built in
    /// `wandb.init`.
    object: bool,
    /// A stored `resume=True` makes the release raise: the resume is set, not unset, though
    /// the engine decides without it.
    true_raises: bool,
    /// The run id the call's own `resume="<run id>"` names where an object's `resume`
    /// replaces the mode (0.10.0–0.12.9): `wandb.init` has read the id out of it first, so
    /// it still names the run.
    pub call_resume_id: Option<String>,
    /// The settings' `run_id` replaces the call's own `id=` — an object's over it
    /// (0.10.0–0.12.9), or below it in a sweep, which drops `id=` first (0.10.22–0.18.7): a
    /// note that the sweep ignores an id is about the call's.
    call_id_replaced: bool,
}

/// How the messages name the run id the engine reads as `id=`: the settings' where they gave
/// it.
pub(crate) fn id_name(from_settings: bool) -> &'static str {
    if from_settings {
        "the settings' run_id"
    } else {
        "init id"
    }
}

impl Folded<'_> {
    /// Points the diagnostics about `id=` and `resume=` at the settings keys, where those
    /// values came from the settings (and drops the note that resume is unset where the
    /// settings' `True` raises).
    pub fn rename_fields(&self, out: &mut Vec<Diagnostic>) {
        let unset_note = out.iter().position(|d| d.code == Code::NoResume.as_str());
        if let (true, Some(at)) = (self.true_raises, unset_note) {
            out.remove(at);
        }
        if !self.run_id_from_settings && !self.resume_from_settings {
            return;
        }
        for d in out {
            if self.call_id_replaced && d.code == Code::SweepIgnoresRunId.as_str() {
                continue;
            }
            let renamed = match d.field.as_deref() {
                Some("init.id") if self.run_id_from_settings => ("`init.id`", RUN_ID),
                Some("init.resume") if self.resume_from_settings => ("`init.resume`", RESUME),
                _ => continue,
            };
            let (quoted, field) = renamed;
            let as_key = if field == RUN_ID {
                "`init.settings.runId`"
            } else {
                "`init.settings.resume`"
            };
            d.message = text::replace(&d.message, quoted, as_key);
            if let Some(hint) = &mut d.hint {
                *hint = text::replace(hint, quoted, as_key);
            }
            if field == RUN_ID && self.object && d.stage.is_none() {
                d.stage = Some(check_order::CALL_ARGUMENTS);
            }
            d.field = Some(field.to_owned());
        }
    }
}

/// The arguments `profile`'s SDK decides with once the settings' `resume` and `run_id` are
/// applied (see the module's list), with the checks it makes of a settings value that an
/// argument then replaces, and the notes where the settings are ignored or win.
pub(crate) fn fold<'a>(
    profile: &Profile,
    init: &'a InitArgs,
    in_sweep: bool,
    out: &mut Vec<Diagnostic>,
) -> Folded<'a> {
    let mut folded = Folded {
        init: Cow::Borrowed(init),
        resume_from_settings: false,
        resume_stored: false,
        run_id_from_settings: false,
        run_id_kept_in_sweep: false,
        rejected: false,
        object: false,
        true_raises: false,
        call_resume_id: None,
        call_id_replaced: false,
    };
    let Some(settings) = &init.settings else {
        return folded;
    };
    if !profile.has(Rule::SettingsObject)
        || (settings.resume.is_none() && settings.run_id.is_none())
    {
        return folded;
    }
    let applied = Applied::of(profile, settings);
    folded.object = settings.is_object();
    let v = profile.version;
    // Before 0.19.0 `wandb.init` reads a `resume` string that is not a mode as the run id
    // (where the call gives no `id=`, or a sweep has dropped it) before the settings are
    // weighed against its arguments: below them, that id replaces the settings' `run_id`;
    // over them, it outlives the object's `resume`.
    let call_resume_id = if applied.stored_as_given() {
        resume_value::resolve(profile, init.resume.as_ref(), None, &mut Vec::new()).id_from_value
    } else {
        None
    };
    // Below the arguments (before 0.19.0) a sweep drops the call's `id=` (0.10.22+) before the
    // settings are weighed, so the settings' `run_id`, stored past that check, names the run
    // unless the call's `resume=` string does.
    let sweep_drops_call_id = in_sweep
        && applied == Applied::BelowInit
        && init.id.is_some()
        && profile.has(Rule::SweepIgnoresInitId);
    let settings_id_replaced =
        call_resume_id.is_some() || (init.id.is_some() && !sweep_drops_call_id);
    match applied {
        Applied::DictRaises => return folded,
        Applied::Ignored => {
            let (field, key) = if settings.run_id.is_some() {
                (RUN_ID, "run_id")
            } else {
                (RESUME, "resume")
            };
            out.push(
                diagnostic(
                    Code::SettingsResumeIgnored,
                    Severity::Warning,
                    Some(field),
                    format!(
                        "wandb {v} ignores the resume and run_id a wandb.Settings object sets: its {key} is not applied."
                    ),
                )
                .hint("Pass resume= and id= to wandb.init (or set WANDB_RESUME / WANDB_RUN_ID), or give the settings as a dict."),
            );
            return folded;
        }
        Applied::OverInit => {
            for (given, argument, key, field) in [
                (
                    settings.run_id.is_some() && init.id.is_some(),
                    "id=",
                    "run_id",
                    RUN_ID,
                ),
                (
                    settings.resume.is_some() && init.resume.is_some(),
                    "resume=",
                    "resume",
                    RESUME,
                ),
            ] {
                if given {
                    let effect = match (&call_resume_id, field == RESUME) {
                        (Some(id), true) if settings.run_id.is_none() && init.id.is_none() => {
                            format!(
                                ": the mode is the object's, while wandb.init has already read resume={} as the run id, which stays",
                                crate::pyunicode::repr(id)
                            )
                        }
                        _ => format!(", so {argument} is ignored"),
                    };
                    out.push(
                        diagnostic(
                            Code::SettingsOverrideInit,
                            Severity::Warning,
                            Some(field),
                            format!(
                                "wandb {v} takes the {key} a wandb.Settings object sets over wandb.init's {argument}{effect}."
                            ),
                        )
                        .hint("Give each value in one place only: the object's wins here."),
                    );
                }
            }
        }
        Applied::BelowInit | Applied::AsInit => {
            // The settings are built (and checked) before the argument replaces a value; the
            // fields say when (check_order).
            if let (Some(id), true) = (&settings.run_id, settings_id_replaced) {
                let at = out.len();
                folded.rejected |= !check_run_id(id, RUN_ID, profile, out);
                if folded.object {
                    check_order::met_at(&mut out[at..], check_order::CALL_ARGUMENTS);
                }
            }
            if let (Some(ResumeArg::Text(text)), Some(_), Applied::AsInit) =
                (&settings.resume, &init.resume, applied)
            {
                if resume_value::mode_of(text).is_none() {
                    resume_value::reject_strict(profile, RESUME, text, out);
                    folded.rejected = true;
                }
            }
        }
    }
    let over_init = applied == Applied::OverInit;
    let mut args = init.clone();
    let resume_applied = over_init || args.resume.is_none();
    let true_raises = settings.resume == Some(ResumeArg::Bool(true))
        && resume_applied
        && applied.stored_as_given()
        && profile.has(Rule::SettingsResumeTrueRaises);
    if true_raises {
        // Stored as given, the boolean does not fit the string the service process expects.
        out.push(
            diagnostic(
                Code::SettingsResumeTrueRaises,
                Severity::Error,
                Some(RESUME),
                format!(
                    "wandb {v} stores the settings' resume=True as given (before 0.19.0 only resume= reads True as \"auto\"), and wandb.init raises TypeError handing the settings to the service process."
                ),
            )
            .hint("Pass resume=True (or resume=\"auto\") to wandb.init instead, or set resume=\"auto\" in the settings.")
            .sdk(TRUE_RAISES)
            .at(check_order::RUN_START),
        );
        folded.rejected = true;
        folded.true_raises = true;
    }
    if let Some(id) = &settings.run_id {
        if over_init || !settings_id_replaced {
            folded.call_id_replaced = (over_init || sweep_drops_call_id) && args.id.is_some();
            args.id = Some(id.clone());
            folded.run_id_from_settings = true;
            folded.run_id_kept_in_sweep = applied.stored_as_given();
        }
    }
    // What the backend reads from the settings' resume, where it stands (not replaced by the
    // call's). A True that raises is still stored over `WANDB_RESUME` first, so `wandb.init`
    // neither writes nor reads the auto-resume file before the service process refuses it (the
    // mixed launches: `WANDB_RESUME=auto` beside it leaves no file in 0.15.6–0.18.0): it weighs
    // as the "allow" a True that does not raise is read as, without that note.
    let applied_resume = match &settings.resume {
        Some(_) if resume_applied && true_raises => Some(ResumeArg::Text("allow".to_owned())),
        Some(resume) if resume_applied => {
            if applied.stored_as_given() {
                stored_reading(profile, folded.object, resume, out)
            } else {
                Some(resume.clone())
            }
        }
        _ => None,
    };
    if let Some(resume) = applied_resume {
        args.resume = Some(resume);
        folded.resume_from_settings = true;
        folded.resume_stored = applied.stored_as_given();
        if over_init && settings.run_id.is_none() {
            folded.call_resume_id = call_resume_id;
        }
    }
    folded.init = Cow::Owned(args);
    folded
}

/// What the backend of a release that stores the settings' `resume` as given (before 0.19.0)
/// makes of `resume`, as the `resume=` argument the engine decides with (`None`: not applied),
/// with a note where that differs from the argument's own reading. The Python sender and
/// wandb-core compare the stored value with "must" and "never" only and ask about the run for
/// any other value that is not empty, so a `True` (where it does not raise) or a string that is
/// not a mode acts as "allow" — no run id read out of it, no auto-resume file; a `False` or
/// `""` is stored as unset, clearing `WANDB_RESUME` as `resume=False` does, but an object's
/// `False` is not applied from 0.15.6 (the settings-resume and settings-server vectors).
fn stored_reading(
    profile: &Profile,
    object: bool,
    resume: &ResumeArg,
    out: &mut Vec<Diagnostic>,
) -> Option<ResumeArg> {
    let v = profile.version;
    match resume {
        ResumeArg::Text(text) if resume_value::mode_of(text).is_some() => Some(resume.clone()),
        // Stored as unset, as a `False` is, but applied from an object too.
        ResumeArg::Text(text) if text.is_empty() => Some(ResumeArg::Bool(false)),
        ResumeArg::Bool(false) if object && profile.has(Rule::SettingsObjectDropsFalse) => {
            out.push(
                diagnostic(
                    Code::SettingsResumeFalseDropped,
                    Severity::Info,
                    Some(RESUME),
                    format!(
                        "wandb {v} does not apply a wandb.Settings object's resume=False: WANDB_RESUME still decides."
                    ),
                ),
            );
            None
        }
        ResumeArg::Bool(false) => Some(resume.clone()),
        ResumeArg::Bool(true) | ResumeArg::Text(_) => {
            let literal = resume.python_literal();
            out.push(
                diagnostic(
                    Code::SettingsResumeStoredAsAllow,
                    Severity::Warning,
                    Some(RESUME),
                    format!(
                        "wandb {v} stores the settings' resume={literal} as given, and its backend reads any value but \"must\" and \"never\" as \"allow\": the run resumes if W&B has it, else starts; no auto-resume file, no run id read from it."
                    ),
                )
                .hint("Pass resume= (and id=) to wandb.init, or set the settings' resume to a mode."),
            );
            Some(ResumeArg::Text("allow".to_owned()))
        }
    }
}

#[cfg(test)]
mod tests {

    use serde_json::Value;

    use crate::model::{Decision, Diagnostic, ResumeInput, RunIdSource, Severity};
    use crate::{codec, decide};

    fn input(json: &str) -> ResumeInput {
        codec::from_json::<ResumeInput>(json).unwrap_or_else(|e| panic!("{json}: {e}"))
    }

    /// `decide` on a launch with `settings` (JSON) and the rest of `init` / `env`.
    fn launch(sdk: &str, settings: &str, init: &str, env: &str) -> Decision {
        let json =
            format!(r#"{{"sdk":"{sdk}","env":{{{env}}},"init":{{"settings":{settings}{init}}}}}"#);
        let input = input(&json);
        input
            .check_limits()
            .unwrap_or_else(|e| panic!("{json}: {e}"));
        decide(&input)
    }

    /// What release `sdk` did with the same launch, as tests/conformance/
    /// settings-resume-vectors.json recorded it (the case with nothing else set; the
    /// generator's own environment aside): the expected values come from the real SDK.
    fn recorded(sdk: &str, settings: &str, init: &str, env: &str) -> &'static Value {
        const FILE: &str = "settings-resume-vectors.json";
        let want: Value = serde_json::from_str(&format!(
            r#"{{"env":{{{env}}},"init":{{"settings":{settings}{init}}}}}"#
        ))
        .expect("a case");
        let launch_env = crate::recorded::vectors(FILE)["meta"]["launchEnv"]
            .as_object()
            .expect("launchEnv");
        crate::recorded::result(FILE, sdk, &want.to_string(), |c| {
            let mut env = c["env"].as_object().cloned().unwrap_or_default();
            env.retain(|k, _| !launch_env.contains_key(k));
            c["init"] == want["init"] && Value::Object(env) == want["env"] && c["context"].is_null()
        })
    }

    /// The run id the engine settles (empty: generated), and the recorded one.
    fn run_ids(sdk: &str, settings: &str, init: &str, env: &str) -> (String, String) {
        let ours = launch(sdk, settings, init, env).run_id.unwrap_or_default();
        let sdk_id = recorded(sdk, settings, init, env)["runId"]
            .as_str()
            .unwrap_or("");
        (ours, sdk_id.to_owned())
    }

    fn has(d: &Decision, code: &str) -> bool {
        d.diagnostics.iter().any(|x| x.code == code)
    }

    /// The diagnostic `code` of `d`; fails the test (with `what` and the list) where none is.
    fn found<'d>(d: &'d Decision, code: &str, what: &str) -> &'d Diagnostic {
        d.diagnostics
            .iter()
            .find(|x| x.code == code)
            .unwrap_or_else(|| panic!("{what}: no {code} in {:?}", d.diagnostics))
    }

    const OBJECT_ID: &str = r#"{"form":"object","keys":["run_id"],"runId":"abc"}"#;
    const DICT_ID: &str = r#"{"form":"dict","keys":["run_id"],"runId":"abc"}"#;

    #[test]
    fn each_release_weighs_the_settings_id_against_id_and_the_environment() {
        let beside_init = r#","id":"xyz""#;
        let env = r#""WANDB_RUN_ID":"env1""#;
        // An object beats id= until 0.12.9, is ignored in 0.12.10–0.12.15, loses to it after
        // (the recorded ids say which; the notes are the engine's).
        let (ours, sdk) = run_ids("0.12.9", OBJECT_ID, beside_init, "");
        assert_eq!(ours, sdk);
        let d = launch("0.12.9", OBJECT_ID, beside_init, "");
        assert_eq!(d.run_id_source, RunIdSource::Init);
        assert!(has(&d, "settings-override-init"));
        for sdk in ["0.12.10", "0.12.15"] {
            let (ours, recorded) = run_ids(sdk, OBJECT_ID, "", env);
            assert_eq!(ours, recorded, "{sdk}");
            assert!(has(
                &launch(sdk, OBJECT_ID, "", ""),
                "settings-resume-ignored"
            ));
            // a dict's is applied
            let (ours, recorded) = run_ids(sdk, DICT_ID, "", env);
            assert_eq!(ours, recorded, "{sdk}");
        }
        for sdk in ["0.12.16", "0.18.7", "0.19.0", "0.31.0"] {
            for (settings, init, env) in [
                (OBJECT_ID, beside_init, ""),
                (OBJECT_ID, "", env),
                (DICT_ID, "", env),
            ] {
                let (ours, recorded) = run_ids(sdk, settings, init, env);
                assert_eq!(ours, recorded, "{sdk} {settings} {init} {env}");
            }
            let d = launch(sdk, OBJECT_ID, beside_init, env);
            assert!(!has(&d, "settings-override-init") && !has(&d, "settings-resume-ignored"));
        }
    }

    #[test]
    fn a_sweep_drops_the_settings_id_from_0_19_0_only() {
        let sweep = r#""WANDB_SWEEP_ID":"sw1","WANDB_RUN_ID":"sweeprun""#;
        for sdk in ["0.12.9", "0.12.16", "0.18.7"] {
            let (ours, recorded) = run_ids(sdk, OBJECT_ID, "", sweep);
            assert_eq!(ours, recorded, "{sdk}");
            let d = launch(sdk, OBJECT_ID, "", sweep);
            let replaced = found(&d, "sweep-run-id-replaced", sdk);
            assert_eq!(replaced.field.as_deref(), Some("init.settings.runId"));
            assert!(
                replaced.message.contains("the settings' run_id"),
                "{}",
                replaced.message
            );
        }
        for sdk in ["0.19.0", "0.31.0"] {
            let (ours, recorded) = run_ids(sdk, OBJECT_ID, "", sweep);
            assert_eq!(ours, recorded, "{sdk}");
            assert!(
                has(&launch(sdk, OBJECT_ID, "", sweep), "sweep-ignores-run-id"),
                "{sdk}"
            );
        }
        // Beside id= in a sweep, before 0.19.0, the sweep drops id= first and the settings' id,
        // stored past that check, names the run over the agent's (the mixed launches ran it).
        let beside_id = format!(r#"{{"id":"xyz","settings":{OBJECT_ID}}}"#);
        for (sdk, stored) in [
            ("0.12.16", true),
            ("0.18.0", true),
            ("0.19.0", false),
            ("0.31.0", false),
        ] {
            let (out, d) = mixed(sdk, &beside_id, sweep);
            assert_eq!(d.run_id.as_deref(), out["runId"].as_str(), "{sdk}");
            let replaced = out["runId"] == "abc";
            assert_eq!(replaced, stored, "{sdk}: the vectors see both sides: {out}");
            assert_eq!(has(&d, "sweep-run-id-replaced"), replaced, "{sdk}");
            let ignored = found(&d, "sweep-ignores-run-id", sdk);
            assert!(ignored.message.contains("'xyz'"), "{}", ignored.message);
            // … with the warning the release printed
            let printed = ignored.sdk_message.as_deref().unwrap_or("-");
            assert!(
                out["warnings"]
                    .as_array()
                    .is_some_and(|w| w.iter().any(|x| x == printed)),
                "{sdk}: {printed} / {}",
                out["warnings"]
            );
        }
    }

    #[test]
    fn the_settings_resume_is_read_as_resume_from_0_19_0_and_stored_as_given_before() {
        let resume =
            |value: &str| format!(r#"{{"form":"dict","keys":["resume"],"resume":{value}}}"#);
        // The engine's resume is the recorded one: True read as auto from 0.19.0, a mode
        // over WANDB_RUN_ID's launch, resume= over the settings from 0.12.16, an object's over
        // resume= before 0.12.10.
        let object = r#"{"form":"object","keys":["resume"],"resume":"must"}"#;
        for (sdk, settings, init, env) in [
            ("0.19.0", resume("true"), "", ""),
            (
                "0.18.7",
                resume(r#""must""#),
                "",
                r#""WANDB_RUN_ID":"env1""#,
            ),
            ("0.18.7", resume(r#""must""#), r#","resume":"allow""#, ""),
            ("0.11.2", object.to_owned(), r#","resume":"allow""#, ""),
        ] {
            let ours = launch(sdk, &settings, init, env).resume.map(|m| m.as_str());
            let sdk_resume = recorded(sdk, &settings, init, env)["resume"].as_str();
            assert!(sdk_resume.is_some(), "{sdk} {settings}: a mode recorded");
            assert_eq!(ours, sdk_resume, "{sdk} {settings} {init} {env}");
        }
        // True, False and run ids are stored as given before 0.19.0: True makes 0.15.6–0.18.7
        // raise, unless resume= replaces it (as recorded).
        for sdk in ["0.16.2", "0.18.7"] {
            let d = launch(sdk, &resume("true"), "", "");
            assert_eq!(
                recorded(sdk, &resume("true"), "", "")["rejected"],
                true,
                "{sdk}"
            );
            assert!(!d.valid && has(&d, "settings-resume-true-raises"), "{sdk}");
            assert!(!has(&d, "no-resume"), "{sdk}: the resume is set");
            assert_eq!(
                d.diagnostics[0].field.as_deref(),
                Some("init.settings.resume")
            );
            let replaced = r#","resume":"allow""#;
            let d = launch(sdk, &resume("true"), replaced, "");
            assert_ne!(
                recorded(sdk, &resume("true"), replaced, "")["rejected"],
                true
            );
            assert!(d.valid && !has(&d, "settings-resume-true-raises"), "{sdk}");
        }
    }

    /// A stored True that raises still replaces `WANDB_RESUME=auto` first: `wandb.init` writes
    /// no auto-resume file before the service process refuses it (the mixed launches' second
    /// draw found the engine writing one; the expected file comes from the recorded launch).
    #[test]
    fn a_true_that_raises_writes_no_auto_resume_file() {
        let settings =
            r#"{"form":"object","keys":["mode","resume","console"],"mode":"dryrun","resume":true}"#;
        let settings_value: Value = serde_json::from_str(settings).expect("settings");
        let matches = |c: &Value| {
            c["init"]["settings"] == settings_value
                && c["init"]["id"] == "prev1"
                && c["env"]["WANDB_RESUME"] == "auto"
                && c["env"]["WANDB_RUN_ID"] == "env1"
        };
        for sdk in ["0.15.6", "0.16.2", "0.18.0"] {
            let out = crate::recorded::result("mixed-vectors.json", sdk, settings, matches);
            assert_eq!(out["rejected"], true, "{sdk}");
            assert!(out["resumeFileAfter"].is_null(), "{sdk}: {out}");
            let d = launch(
                sdk,
                settings,
                r#","id":"prev1","mode":"dryrun""#,
                r#""WANDB_RESUME":"auto","WANDB_RUN_ID":"env1","WANDB_MODE":"offline""#,
            );
            assert!(has(&d, "settings-resume-true-raises"), "{sdk}");
            assert_eq!(d.resume_file_after, None, "{sdk}");
        }
    }

    const SERVER_FILE: &str = "settings-server-vectors.json";

    /// What release `sdk` did online, against the fake server holding the run in `state`,
    /// with `wandb.Settings(resume=…)` of `value` (JSON) in `form`, as
    /// tests/conformance/settings-server-vectors.json recorded it (`no_service`: in the
    /// environment that turns the service process off, else in none).
    fn server_out(
        sdk: &str,
        form: &str,
        value: &str,
        state: &str,
        no_service: bool,
    ) -> &'static Value {
        let value: Value = serde_json::from_str(value).expect("a value");
        let env = if no_service {
            &crate::recorded::vectors(SERVER_FILE)["meta"]["noService"]
        } else {
            &Value::Null
        };
        crate::recorded::result(SERVER_FILE, sdk, state, |c| {
            c["settings"]["form"] == form
                && c["settings"]["resume"] == value
                && c["state"] == state
                && c["env"] == *env
        })
    }

    /// Resumed: logging went on after the existing run's last step (the file's
    /// `meta.server.lastStep`).
    fn continued(out: &Value) -> bool {
        let last_step = crate::recorded::vectors(SERVER_FILE)["meta"]["server"]["lastStep"]
            .as_u64()
            .expect("meta.server.lastStep");
        out["step"] == last_step + 1 || out["startingStep"] == last_step + 1
    }

    /// Before 0.19.0 the backend compares a stored settings `resume` with "must" and "never"
    /// only, so a `True` (before 0.15.6) or a run id acts as "allow" and a `False` as unset —
    /// and 0.15.6+ raise on a `True` whatever runs the backend.
    #[test]
    fn a_stored_settings_resume_meets_the_server_as_recorded() {
        let settings = |form: &str, value: &str| {
            format!(r#"{{"form":"{form}","keys":["resume"],"resume":{value}}}"#)
        };
        let existing = r#","id":"resumable-run""#;
        for (sdk, form, value) in [
            ("0.10.3", "object", "true"),
            ("0.12.16", "dict", "true"),
            ("0.14.1", "object", "true"),
            ("0.14.1", "object", r#""abc""#),
            ("0.18.7", "dict", r#""abc""#),
        ] {
            let sdk_out = server_out(sdk, form, value, "exists", false);
            assert!(continued(sdk_out), "{sdk} {value}: {sdk_out}");
            let d = launch(sdk, &settings(form, value), existing, "");
            assert_eq!(d.if_exists.action, crate::model::Action::Resume, "{sdk}");
            let note = found(&d, "settings-resume-stored-as-allow", sdk);
            assert_eq!(note.field.as_deref(), Some("init.settings.resume"));
            assert!(!server_out(sdk, form, value, "missing", false)["raised"].is_object());
            assert_eq!(d.if_missing.action, crate::model::Action::Create, "{sdk}");
        }
        for sdk in ["0.10.3", "0.15.12", "0.18.7"] {
            let sdk_out = server_out(sdk, "object", "false", "exists", false);
            assert!(!continued(sdk_out), "{sdk}: {sdk_out}");
            let d = launch(sdk, &settings("object", "false"), existing, "");
            assert_eq!(d.resume, None, "{sdk}");
            assert_eq!(d.if_exists.action, crate::model::Action::Overwrite, "{sdk}");
        }
        for (sdk, raises) in [("0.14.1", false), ("0.15.12", true), ("0.16.1", true)] {
            for (no_service, env) in [(false, ""), (true, r#""WANDB_DISABLE_SERVICE":"true""#)] {
                let sdk_out = server_out(sdk, "object", "true", "exists", no_service);
                assert_eq!(sdk_out["raised"].is_object(), raises, "{sdk} {sdk_out}");
                let d = launch(sdk, &settings("object", "true"), existing, env);
                assert_eq!(!d.valid, raises, "{sdk} service off: {no_service}");
            }
        }
    }

    /// The notes about what the backend makes of a stored value appear only where the value
    /// stands: not where it raises, nor where the call's own `resume=` replaces it.
    #[test]
    fn a_stored_value_is_noted_only_where_it_stands() {
        let stored = |form: &str, value: &str| {
            format!(r#"{{"form":"{form}","keys":["resume"],"resume":{value}}}"#)
        };
        let notes = |d: &Decision| {
            d.diagnostics
                .iter()
                .filter(|x| {
                    x.code == "settings-resume-stored-as-allow"
                        || x.code == "settings-resume-false-dropped"
                })
                .count()
        };
        let d = launch("0.15.6", &stored("dict", "true"), "", "");
        assert!(has(&d, "settings-resume-true-raises"));
        assert_eq!(notes(&d), 0, "{:?}", d.diagnostics);
        let replaced = r#","resume":"must","id":"a""#;
        for (form, value) in [("dict", r#""abc""#), ("object", "false"), ("dict", "true")] {
            let d = launch("0.18.7", &stored(form, value), replaced, "");
            assert_eq!(notes(&d), 0, "{form} {value}: {:?}", d.diagnostics);
        }
        assert_eq!(notes(&launch("0.15.5", &stored("dict", "true"), "", "")), 1);
    }

    /// An empty settings `resume` is stored as unset, as `False` is, and clears
    /// `WANDB_RESUME` — an object's too, from 0.15.6 as well (where its `False` is not
    /// applied); against the server it never asks about the run.
    #[test]
    fn an_empty_settings_resume_is_unset_in_either_form() {
        let env = r#""WANDB_RESUME":"must","WANDB_RUN_ID":"env1""#;
        for sdk in ["0.12.16", "0.15.12", "0.18.7"] {
            for form in ["object", "dict"] {
                let settings = format!(r#"{{"form":"{form}","keys":["resume"],"resume":""}}"#);
                let sdk_out = recorded(sdk, &settings, "", env);
                assert!(sdk_out["resume"].is_null(), "{sdk} {form}: {sdk_out}");
                let d = launch(sdk, &settings, "", env);
                assert_eq!(d.resume, None, "{sdk} {form}");
                assert_eq!(d.resume.map(|m| m.as_str()), sdk_out["resume"].as_str());
                assert!(!has(&d, "settings-resume-stored-as-allow"), "{sdk} {form}");
            }
        }
        for sdk in ["0.10.3", "0.14.1", "0.18.7"] {
            let sdk_out = server_out(sdk, "object", r#""""#, "exists", false);
            assert!(!continued(sdk_out), "{sdk}: {sdk_out}");
            assert_eq!(sdk_out["operations"], serde_json::json!(["UpsertBucket"]));
        }
    }

    /// A `wandb.Settings` object's `resume=False` clears `WANDB_RESUME` until 0.15.5 and is
    /// not applied from 0.15.6 (a dict's clears it until 0.18.7), as recorded.
    #[test]
    fn an_object_false_is_dropped_from_0_15_6() {
        let env = r#""WANDB_RESUME":"must","WANDB_RUN_ID":"env1""#;
        for (sdk, form, note) in [
            ("0.14.1", "object", false),
            ("0.15.12", "object", true),
            ("0.18.7", "object", true),
            ("0.18.7", "dict", false),
        ] {
            let settings = format!(r#"{{"form":"{form}","keys":["resume"],"resume":false}}"#);
            let ours = launch(sdk, &settings, "", env).resume.map(|m| m.as_str());
            let sdk_resume = recorded(sdk, &settings, "", env)["resume"].as_str();
            assert_eq!(ours, sdk_resume, "{sdk} {form}");
            let d = launch(sdk, &settings, "", env);
            assert_eq!(
                has(&d, "settings-resume-false-dropped"),
                note,
                "{sdk} {form}"
            );
        }
    }

    /// `wandb.init` counts only its own `resume=` against `resume_from=` / `fork_from=`; the
    /// backend counts a stored settings `resume` as it counts `WANDB_RESUME`: 0.18.0+ raise
    /// when the run starts (offline too), 0.17.x's Python sender only online.
    #[test]
    fn a_stored_settings_resume_meets_resume_from_in_the_backend() {
        let moment = r#","resumeFrom":"prev?_step=10""#;
        for form in ["object", "dict"] {
            let must = format!(r#"{{"form":"{form}","keys":["resume"],"resume":"must"}}"#);
            for sdk in ["0.17.8", "0.18.7"] {
                let sdk_out = recorded(sdk, &must, moment, "");
                assert_eq!(sdk_out["fullInit"], true, "{sdk}: the complete wandb.init");
                // Online (no WANDB_MODE here), which is how the vectors ran 0.17.8's sender.
                let d = launch(sdk, &must, moment, "");
                let exclusive = found(&d, "branching-args-exclusive", sdk);
                assert!(
                    exclusive.message.contains("resume (init.settings.resume)"),
                    "{}",
                    exclusive.message
                );
                let raised = sdk_out["error"]["message"]
                    .as_str()
                    .or(sdk_out["sender"]["error"]["message"].as_str())
                    .unwrap_or_else(|| panic!("{sdk}: {sdk_out}"));
                let quoted = exclusive.sdk_message.as_deref().unwrap_or("-");
                assert!(raised.contains(quoted), "{sdk}: {raised} / {quoted}");
                assert!(!d.valid, "{sdk}");
            }
        }
    }

    #[test]
    fn a_settings_value_is_checked_under_its_own_name_even_where_an_argument_replaces_it() {
        let bad = r#"{"form":"object","keys":["run_id"],"runId":"a/b"}"#;
        let d = launch("0.31.0", bad, "", "");
        let error = d.diagnostics.iter().find(|x| x.severity == Severity::Error);
        let error = error.unwrap_or_else(|| panic!("{:?}", d.diagnostics));
        assert_eq!(error.field.as_deref(), Some("init.settings.runId"));
        assert!(!error.message.contains("`init.id`"), "{}", error.message);
        // replaced by id=: still checked (as recorded), and the first error met (the object
        // is built first)
        let beside_init = r#","id":"xyz""#;
        assert_eq!(recorded("0.31.0", bad, beside_init, "")["rejected"], true);
        let d = launch("0.31.0", bad, beside_init, "");
        assert!(!d.valid);
        assert_eq!(
            d.diagnostics[0].field.as_deref(),
            Some("init.settings.runId"),
            "{:?}",
            d.diagnostics
        );
        let resume = r#"{"form":"dict","keys":["resume"],"resume":"sometimes"}"#;
        let d = launch("0.31.0", resume, r#","resume":"allow""#, "");
        assert_eq!(
            d.diagnostics[0].field.as_deref(),
            Some("init.settings.resume")
        );
        // both rejected: the id's check raises at once, the resume's is collected (0.19.0+)
        let both =
            r#"{"form":"object","keys":["resume","run_id"],"resume":"sometimes","runId":" abc"}"#;
        for sdk in ["0.19.0", "0.31.0"] {
            let d = launch(sdk, both, "", "");
            assert_eq!(
                d.diagnostics[0].field.as_deref(),
                Some("init.settings.runId"),
                "{sdk}"
            );
            let raised = recorded(sdk, both, "", "")["error"]["message"].as_str();
            assert_eq!(d.diagnostics[0].sdk_message.as_deref(), raised, "{sdk}");
        }
        // an empty id replaced by id=: checked where the release checks it (0.15.6+; the
        // vectors see both sides)
        let empty = r#"{"form":"dict","keys":["run_id"],"runId":""}"#;
        let raised = |sdk| recorded(sdk, empty, beside_init, "")["rejected"] == true;
        assert_ne!(raised("0.18.7"), raised("0.14.1"));
        for sdk in ["0.18.7", "0.14.1"] {
            assert_eq!(
                !launch(sdk, empty, beside_init, "").valid,
                raised(sdk),
                "{sdk}"
            );
        }
    }

    #[test]
    fn a_key_without_its_value_is_refused() {
        for (key, path) in [
            ("resume", "init.settings.resume"),
            ("run_id", "init.settings.runId"),
        ] {
            let json = format!(r#"{{"init":{{"settings":{{"form":"object","keys":["{key}"]}}}}}}"#);
            let err = input(&json).check_limits().unwrap_err().to_string();
            assert!(err.contains(path) && err.contains("missing"), "{err}");
        }
    }

    /// What release `sdk` did with the pinned launch `init` (JSON) and `env` (JSON members)
    /// of the mixed vectors (tests/conformance/mixed-vectors.json; the generator's own
    /// environment aside), and the engine's decision on the same launch.
    fn mixed(sdk: &str, init: &str, env: &str) -> (&'static Value, Decision) {
        const FILE: &str = "mixed-vectors.json";
        let launch_env = crate::recorded::vectors(FILE)["meta"]["launchEnv"]
            .as_object()
            .expect("launchEnv");
        let want_init: Value = serde_json::from_str(init).expect("init");
        let want_env: Value = serde_json::from_str(&format!("{{{env}}}")).expect("env");
        let out = crate::recorded::result(FILE, sdk, &format!("{init} {env}"), |c| {
            let mut case_env = c["env"].as_object().cloned().unwrap_or_default();
            case_env.retain(|k, _| !launch_env.contains_key(k));
            c["init"] == want_init && Value::Object(case_env) == want_env && c["context"].is_null()
        });
        let mut all_env = launch_env.clone();
        all_env.extend(want_env.as_object().expect("env").clone());
        let json = format!(
            r#"{{"sdk":"{sdk}","init":{init},"env":{}}}"#,
            Value::Object(all_env)
        );
        let input = input(&json);
        input
            .check_limits()
            .unwrap_or_else(|e| panic!("{json}: {e}"));
        (out, decide(&input))
    }

    /// Before 0.19.0 `wandb.init` reads a `resume` string that is not a mode as the run id
    /// before the settings are weighed against its arguments: below them (0.12.16+, a dict
    /// from 0.12.10) it beats the settings' run_id; over them (an object until 0.12.9) the
    /// object's run_id beats it, and it outlives the object's resume.
    #[test]
    fn a_resume_string_names_the_run_before_the_settings_are_weighed() {
        let beside_run_id = |form: &str| {
            format!(
                r#"{{"resume":"sometimes","settings":{{"form":"{form}","keys":["run_id"],"runId":"abc"}}}}"#
            )
        };
        for (sdk, form, want) in [
            ("0.12.9", "object", "abc"),
            ("0.12.10", "dict", "sometimes"),
            ("0.12.16", "object", "sometimes"),
            ("0.12.16", "dict", "sometimes"),
            ("0.16.5", "object", "sometimes"),
            ("0.18.0", "dict", "sometimes"),
        ] {
            let (out, d) = mixed(sdk, &beside_run_id(form), "");
            assert_eq!(out["runId"], want, "{sdk} {form}: recorded");
            assert_eq!(d.run_id.as_deref(), Some(want), "{sdk} {form}");
        }
        let object_mode = r#""settings":{"form":"object","keys":["resume"],"resume":"must"}"#;
        for sdk in ["0.10.33", "0.11.2", "0.12.9"] {
            for (init, env, want) in [
                (
                    format!(r#"{{"resume":"prev1",{object_mode}}}"#),
                    "",
                    "prev1",
                ),
                (
                    format!(r#"{{"resume":"prev1",{object_mode}}}"#),
                    r#""WANDB_RUN_ID":"env1""#,
                    "prev1",
                ),
                (
                    format!(r#"{{"resume":"prev1","id":"xyz",{object_mode}}}"#),
                    "",
                    "xyz",
                ),
            ] {
                let (out, d) = mixed(sdk, &init, env);
                assert_eq!(
                    (&out["runId"], &out["resume"]),
                    (&Value::from(want), &Value::from("must")),
                    "{sdk} {init} {env}: recorded"
                );
                assert_eq!(d.run_id.as_deref(), Some(want), "{sdk} {init} {env}");
                assert_eq!(d.resume.map(|m| m.as_str()), Some("must"), "{sdk} {init}");
                // The note says the call's string still names the run exactly where it does.
                let note = found(&d, "settings-override-init", &format!("{sdk} {init}"));
                assert_eq!(
                    note.message.contains("as the run id, which stays"),
                    want == "prev1",
                    "{sdk} {init}: {}",
                    note.message
                );
            }
        }
        // In a sweep, which drops `id=` first, the call's resume string names the run.
        let in_sweep = r#"{"id":"xyz","resume":"sometimes","settings":{"form":"object","keys":["resume"],"resume":"never"}}"#;
        for sdk in ["0.10.33", "0.11.2", "0.12.9"] {
            let (out, d) = mixed(sdk, in_sweep, r#""WANDB_SWEEP_ID":"sw1""#);
            assert_eq!(out["runId"], "sometimes", "{sdk}: recorded");
            assert_eq!(d.run_id.as_deref(), Some("sometimes"), "{sdk}");
        }
        // `resume=""` as each release reads it, beside a dict's run_id.
        let empty = r#"{"resume":"","settings":{"form":"dict","keys":["run_id"],"runId":"abc"}}"#;
        for sdk in ["0.12.10", "0.12.16", "0.15.5", "0.16.5", "0.18.0"] {
            let (out, d) = mixed(sdk, empty, "");
            assert_eq!(out["rejected"] == true, !d.valid, "{sdk}");
            if d.valid {
                assert_eq!(
                    d.run_id.as_deref(),
                    out["runId"].as_str().filter(|_| out["generated"] != true),
                    "{sdk}"
                );
            }
        }
    }

    /// In a sweep, 0.10.22–0.12.9 drop the call's `id=` (with a warning) before an object's
    /// run_id replaces the agent's id.
    #[test]
    fn a_sweep_drops_the_call_id_before_an_object_run_id_replaces_it() {
        let init = r#"{"id":"xyz","settings":{"form":"object","keys":["run_id"],"runId":"abc"}}"#;
        let env = r#""WANDB_SWEEP_ID":"sw1","WANDB_RUN_ID":"sweeprun""#;
        for sdk in ["0.10.33", "0.11.2", "0.12.9"] {
            let (out, d) = mixed(sdk, init, env);
            let printed = out["warnings"][0].as_str().expect("a warning");
            assert!(
                printed.starts_with("Ignored wandb.init() arg id"),
                "{sdk}: {printed}"
            );
            assert_eq!(d.run_id.as_deref(), out["runId"].as_str(), "{sdk}");
            let note = found(&d, "sweep-ignores-run-id", sdk);
            assert_eq!(note.sdk_message.as_deref(), Some(printed), "{sdk}");
            assert_eq!(note.field.as_deref(), Some("init.id"), "{sdk}");
            assert!(has(&d, "sweep-run-id-replaced"), "{sdk}");
        }
    }
}
