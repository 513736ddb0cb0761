//! Replaying the server-outcome vectors (tests/conformance/server-vectors.json, made by
//! tests/conformance/generate_server.py): each release's complete, online `wandb.init` against
//! a fake W&B server, compared with `decide`'s two branches. Shared by the server conformance
//! test and the rule-mutation check.

use serde_json::Value;
use wandb_resume::{Action, Decision, Outcome, codec, decide};

const VECTORS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/conformance/server-vectors.json"
);

/// What the engine writes where a run id is generated at launch; the vectors write
/// `meta.server.generatedId` where the SDK printed the id it generated.
const ENGINE_GENERATED_ID: &str = "<new id>";

/// Lines wandb prints that say nothing of why `wandb.init` raised: what 0.10.x–0.12.x print
/// for any error, and what the Python internal process prints as it goes down after refusing
/// `resume_from` beside a `resume` (0.17.x, and 0.18.x with the service off).
const SAY_NOTHING_OF_WHY: [&str; 2] = [
    "Abnormal program exit",
    "Internal wandb error: file data was not synced",
];

/// A pydantic error's text without its last line, the link to pydantic's documentation
/// ("For further information visit https://errors.pydantic.dev/…"), which the engine does not
/// quote: what driver.py's `clean_message` drops where it records an error (server_driver.py
/// records `str()` as it is).
fn without_pydantic_link(message: &str) -> &str {
    match message.rfind("\n    For further information visit ") {
        Some(at) => &message[..at],
        None => message,
    }
}

/// What each validator said in pydantic's `ValidationError` text (0.19.0+ settings: "1
/// validation error for Settings\n  Value error, <what it said> [type=…, input_value=…]"),
/// which the engine quotes without pydantic's frame; empty for any other text.
fn pydantic_errors(message: &str) -> Vec<&str> {
    let Some((head, rest)) = message.split_once('\n') else {
        return Vec::new();
    };
    if !head.ends_with(" for Settings") || !head.contains(" validation error") {
        return Vec::new();
    }
    rest.lines()
        .filter_map(|line| line.strip_prefix("  "))
        .map(|line| {
            let line = line.strip_prefix("Value error, ").unwrap_or(line);
            line.split_once(" [type=").map_or(line, |(said, _)| said)
        })
        .collect()
}

/// The committed server outcomes, or the file named by `WANDB_RESUME_SERVER_VECTORS`.
pub fn load() -> Value {
    super::load_json("WANDB_RESUME_SERVER_VECTORS", VECTORS)
}

/// The committed server outcomes of a stored settings `resume`
/// (tests/conformance/settings-server-vectors.json, made by generate_settings_server.py), or
/// the file named by `WANDB_RESUME_SETTINGS_SERVER_VECTORS`.
pub fn load_settings() -> Value {
    super::load_json(
        "WANDB_RESUME_SETTINGS_SERVER_VECTORS",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/conformance/settings-server-vectors.json"
        ),
    )
}

/// The server outcomes with the service process off, and of two branching arguments
/// (tests/conformance/server-service-vectors.json, made by generate_server_service.py), or the
/// file named by `WANDB_RESUME_SERVER_SERVICE_VECTORS`.
pub fn load_service() -> Value {
    super::load_json(
        "WANDB_RESUME_SERVER_SERVICE_VECTORS",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/conformance/server-service-vectors.json"
        ),
    )
}

/// The server outcomes of `mode="online"` over `WANDB_MODE=offline`
/// (tests/conformance/server-mode-vectors.json, made by generate_server_modes.py), or the file
/// named by `WANDB_RESUME_SERVER_MODE_VECTORS`.
pub fn load_modes() -> Value {
    super::load_json(
        "WANDB_RESUME_SERVER_MODE_VECTORS",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/conformance/server-mode-vectors.json"
        ),
    )
}

/// The server outcomes of `mode="online"` over the settings file's offline mode
/// (tests/conformance/server-file-mode-vectors.json, made by generate_server_file_modes.py), or
/// the file named by `WANDB_RESUME_SERVER_FILE_MODE_VECTORS`.
pub fn load_file_modes() -> Value {
    super::load_json(
        "WANDB_RESUME_SERVER_FILE_MODE_VECTORS",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/conformance/server-file-mode-vectors.json"
        ),
    )
}

/// The server outcomes of the settings' own online mode over `WANDB_MODE=offline`
/// (tests/conformance/server-settings-mode-vectors.json, made by
/// generate_server_settings_modes.py), or the file named by
/// `WANDB_RESUME_SERVER_SETTINGS_MODE_VECTORS`.
pub fn load_settings_modes() -> Value {
    super::load_json(
        "WANDB_RESUME_SERVER_SETTINGS_MODE_VECTORS",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/conformance/server-settings-mode-vectors.json"
        ),
    )
}

/// The committed server outcomes of an online `mode=` over `WANDB_MODE=disabled`
/// (tests/conformance/generate_server_disabled_modes.py), or the file named by
/// `WANDB_RESUME_SERVER_DISABLED_MODE_VECTORS`.
pub fn load_disabled_modes() -> Value {
    super::load_json(
        "WANDB_RESUME_SERVER_DISABLED_MODE_VECTORS",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/conformance/server-disabled-mode-vectors.json"
        ),
    )
}

/// The decision for one case: `wandb.init(id=…, resume=…, settings=…, fork_from=…,
/// resume_from=…, mode=…)` as the case passes them, in the case's environment where it has one; `Err` where the package refuses the input (every
/// recorded case is one it must model), with why.
pub fn decide_case(version: &str, case: &Value) -> Result<Decision, String> {
    let mut init = serde_json::Map::new();
    if let Some(id) = case["id"].as_str() {
        init.insert("id".into(), id.into());
    }
    if let Some(resume) = case.get("resume") {
        init.insert("resume".into(), resume.clone());
    }
    if let Some(settings) = case.get("settings") {
        // The settings-server vectors' `settings=` (`{form, keys, resume}`), the engine's input
        // as is.
        init.insert("settings".into(), settings.clone());
    }
    for key in ["forkFrom", "resumeFrom", "mode"] {
        // The server-service vectors' branching arguments and the server-mode vectors' mode,
        // the engine's input names.
        if let Some(point) = case.get(key) {
            init.insert(key.into(), point.clone());
        }
    }
    let mut input = serde_json::json!({ "sdk": version, "init": init });
    if let Some(lines) = case.get("settingsFile") {
        // The server-file-mode vectors' `wandb/settings` (`{mode, disabled}`), the engine's
        // `context.settingsFile` as is.
        input["context"] = serde_json::json!({ "settingsFile": lines });
    }
    if let Some(env) = case.get("env") {
        // The shared-mode server vectors' writers (`WANDB_MODE`, `WANDB__PRIMARY`), the
        // server-service vectors' `WANDB_DISABLE_SERVICE` and `WANDB_RESUME`.
        input["env"] = env.clone();
    }
    let input = codec::input_from_json(&input.to_string()).map_err(|e| format!("refused: {e}"))?;
    Ok(decide(&input))
}

/// Logging went on after the existing run's last step: the run was resumed, whatever the
/// flag says (0.18.0's is False).
pub fn continued(out: &Value, last_step: u64) -> bool {
    let next = Some(last_step + 1);
    out["step"].as_u64() == next || out["startingStep"].as_u64() == next
}

/// The step a rewind or a fork branches at, as the engine's outcome names it ("rewinds run
/// 'a' to step 5", "forked from run 'a' at step 5"); `None` for any other outcome.
fn branched_at(message: &str) -> Option<u64> {
    let after = if message.contains("rewinds run") {
        " to step "
    } else if message.contains("fork") {
        " at step "
    } else {
        return None;
    };
    let rest = &message[message.find(after)? + after.len()..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    rest[..digits].parse().ok()
}

/// Whether the case asks for the shared mode, by `mode=` or the settings' mode.
pub fn names_shared(v: &ServerVector<'_>) -> bool {
    v.case["mode"] == "shared" || v.case["settings"]["mode"] == "shared"
}

/// Whether the release refused the case's `shared` mode, `mode=` or the settings' (its
/// settings raise naming the value among the modes they know, before 0.16.3): the package refuses such a launch as not
/// modelled ([`super::mode_replay::shared_refused`] says the same of the batch records).
pub fn shared_refused(v: &ServerVector<'_>) -> bool {
    let raised = &v.out["raised"];
    names_shared(v)
        && [&raised["message"], &raised["cause"]["message"]]
            .iter()
            .any(|m| {
                m.as_str()
                    .is_some_and(|m| m.contains("Settings field") && m.contains("shared"))
            })
}

/// Whether the case asks for the shared mode beside the settings file's `disabled` line in a
/// release that reads the line (it never asked W&B: 0.17.x–0.18.x launch offline after printing
/// the mode's warning, 0.19.x–0.23.x raise on the line before it): the package refuses such a
/// launch as not modelled.
pub fn shared_beside_disabled_line(v: &ServerVector<'_>) -> bool {
    names_shared(v)
        && !v.case["settingsFile"]["disabled"].is_null()
        && v.out["operations"].as_array().is_some_and(Vec::is_empty)
}

/// Whether the package refuses the case as not modelled: the shared mode where the release
/// refused it ([`shared_refused`]), met it beside the settings file's `disabled` line
/// ([`shared_beside_disabled_line`]) or raised on the disabled mode before reading it
/// ([`shared_after_unknown_disabled`]).
pub fn not_modelled(v: &ServerVector<'_>) -> bool {
    shared_refused(v) || shared_beside_disabled_line(v) || shared_after_unknown_disabled(v)
}

/// Whether the case asks for the shared mode in a release that raised on `WANDB_MODE=disabled`
/// before it read `mode=` (0.10.0–0.10.9 know no disabled mode): the package refuses the shared
/// mode of the releases before 0.16.3 as not modelled, whatever they raise on first.
pub fn shared_after_unknown_disabled(v: &ServerVector<'_>) -> bool {
    names_shared(v)
        && v.out["raised"]["cause"]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("Settings field mode: disabled not in"))
}

/// [`check`], with a shared launch checked as the shared-mode server outcomes are (its
/// warning, its step note: [`super::shared_replay::check_server`]) — but where the settings
/// raised on being a dict (0.10.x–0.12.9, before the mode is read): no shared launch began.
pub fn check_any_mode(doc: &Value, v: &ServerVector<'_>) -> Vec<String> {
    let dict_raised = v.out["raised"]["cause"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("'dict' object has no attribute"));
    if names_shared(v) && !dict_raised {
        super::shared_replay::check_server(doc, v)
    } else {
        check(doc, v)
    }
}

/// A settings error about the mode up to the list of the modes the release knows, which
/// 0.10.x–0.18.x print in an order that depends on Python's string hashing (the engine quotes
/// the part before it); any other message whole.
fn before_mode_list(message: &str) -> &str {
    const LIST: &str = " not in";
    match message.find(LIST) {
        Some(at) if message.starts_with("Settings field mode: ") => &message[..at + LIST.len()],
        _ => message,
    }
}

/// The differences between what the engine says of one branch and what the SDK did.
pub fn compare(branch: &Outcome, out: &Value, generated: &str, last_step: u64) -> Vec<String> {
    let mut diffs = Vec::new();
    let raised = out["raised"].as_object();
    if branch.action == Action::Fail {
        match raised {
            None => diffs.push(format!(
                "engine: fail ({}); SDK: wandb.init returned (resumed {})",
                branch.message, out["resumed"]
            )),
            Some(raised) => {
                let said = without_pydantic_link(raised["message"].as_str().unwrap_or_default())
                    .replace(generated, ENGINE_GENERATED_ID);
                // Where the SDK wrapped what failed ("An unexpected error occurred"), quoting
                // the cause will do (the settings-server vectors record it).
                let cause = raised
                    .get("cause")
                    .and_then(|c| c["message"].as_str())
                    .filter(|c| branch.message.contains(before_mode_list(c)));
                // pydantic's frame around what a settings validator said is not quoted.
                let errors = pydantic_errors(&said);
                let quotes_errors =
                    !errors.is_empty() && errors.iter().all(|e| branch.message.contains(e));
                if !branch.message.contains(&said) && cause.is_none() && !quotes_errors {
                    diffs.push(format!(
                        "engine's message does not quote the SDK's {}:\n      engine: {}\n      SDK:    {said}",
                        raised["type"], branch.message
                    ));
                }
            }
        }
        // Where wandb printed why before raising (0.9.x: a generic LaunchError), the engine
        // quotes that too; lines that say nothing of why are not quoted.
        if let Some(printed) = out["printedErrors"]
            .as_array()
            .and_then(|lines| lines.first())
            .and_then(Value::as_str)
            .filter(|line| !SAY_NOTHING_OF_WHY.contains(line))
        {
            let printed = printed.replace(generated, ENGINE_GENERATED_ID);
            if !branch.message.contains(&printed) {
                diffs.push(format!(
                    "engine's message does not quote what wandb printed:\n      engine: {}\n      SDK:    wandb: ERROR {printed}",
                    branch.message
                ));
            }
        }
        return diffs;
    }
    if let Some(raised) = raised {
        diffs.push(format!(
            "engine: {:?} ({}); SDK raised {}: {}",
            branch.action, branch.message, raised["type"], raised["message"]
        ));
        return diffs;
    }
    if out["resumed"].as_bool() != Some(branch.resumed) {
        diffs.push(format!(
            "wandb.run.resumed: engine {}, SDK {}",
            branch.resumed, out["resumed"]
        ));
    }
    // A rewind or a fork carries on after the step it branched at, which the engine names:
    // the SDK's step, or its starting_step with step at 0, is the one after it.
    if let Some(at) = branched_at(&branch.message) {
        let after = Some(at + 1);
        if out["step"].as_u64() != after && out["startingStep"].as_u64() != after {
            diffs.push(format!(
                "where logging continues: engine \"{}\"; SDK step {}, starting_step {}",
                branch.message, out["step"], out["startingStep"]
            ));
        }
    }
    let next = last_step + 1;
    let continued = continued(out, last_step);
    let rewinds = branch.message.contains("rewinds run");
    // Where the operations were recorded: a rewind is W&B's doing, asked for by name.
    if let Some(ops) = out["operations"].as_array() {
        let asked = ops.iter().any(|op| op == "RewindRun");
        if asked != rewinds {
            diffs.push(format!(
                "engine: {:?} ({}); SDK {} W&B to rewind the run",
                branch.action,
                branch.message,
                if asked { "asked" } else { "never asked" }
            ));
        }
    }
    if continued != (branch.action == Action::Resume && !rewinds) {
        diffs.push(format!(
            "engine: {:?} ({}); SDK: {}",
            branch.action,
            branch.message,
            if continued {
                "resumed the existing run"
            } else {
                "started a fresh run"
            }
        ));
    }
    if continued && branch.action == Action::Resume && !rewinds {
        // Where logging continues: wandb.run.step itself, or starting_step with step at 0.
        let step_continues = out["step"].as_u64() == Some(next);
        let says_step = branch
            .message
            .contains("wandb.run.step is where logging continues");
        let says_starting = branch.message.contains("wandb.run.starting_step");
        // The run's saved config is in wandb.config, unless the engine says it comes back
        // empty (wandb-core 0.18.0-0.18.5); where it was recorded (not in the timelines).
        if let Some(config_back) = out["configRestored"].as_bool() {
            if config_back == branch.message.contains("wandb.config comes back empty") {
                diffs.push(format!(
                    "the run's config: engine \"{}\"; SDK {}",
                    branch.message,
                    if config_back {
                        "restored it"
                    } else {
                        "left wandb.config empty"
                    }
                ));
            }
        }
        if step_continues != says_step
            || (!step_continues && (!says_starting || out["startingStep"].as_u64() != Some(next)))
        {
            diffs.push(format!(
                "where logging continues: engine \"{}\"; SDK step {}, starting_step {}",
                branch.message, out["step"], out["startingStep"]
            ));
        }
    }
    // An overwrite is a start that never asked whether the run exists, unless the engine
    // says it checks (0.10.2's must).
    if branch.action == Action::Overwrite
        && !branch.message.contains("checks that it exists")
        && out["operations"]
            .as_array()
            .is_some_and(|ops| ops.iter().any(|op| op == "RunResumeStatus"))
    {
        diffs.push(format!(
            "engine: {} — but the SDK asked the server about the run first",
            branch.message
        ));
    }
    diffs
}

/// One recorded case: `case` is `{state, id, resume}` (and `settings`, `env` in other files).
pub type ServerVector<'a> = super::Recorded<'a>;

/// Every recorded case of `doc`, release by release.
pub fn vectors(doc: &Value) -> Vec<ServerVector<'_>> {
    super::recorded(doc)
}

/// The disagreements between the engine and what the SDK did in one recorded case.
pub fn check(doc: &Value, v: &ServerVector<'_>) -> Vec<String> {
    match decide_case(v.version, v.case) {
        Ok(d) => check_decision(doc, v, &d),
        Err(refused) => vec![refused],
    }
}

/// [`check`] with the case's decision `d` made.
pub fn check_decision(doc: &Value, v: &ServerVector<'_>, d: &Decision) -> Vec<String> {
    let meta = &doc["meta"]["server"];
    let generated = meta["generatedId"]
        .as_str()
        .expect("meta.server.generatedId");
    let last_step = meta["lastStep"].as_u64().expect("meta.server.lastStep");
    let (out, mut diffs) = without_ignored_file_error(v.out, d);
    let out = &out;
    if super::replay::rejected_locally(d) {
        // Rejected before the server is asked: the SDK raises without asking either.
        diffs.extend(compare(&d.if_missing, out, generated, last_step));
        if out["operations"]
            .as_array()
            .is_some_and(|ops| !ops.is_empty())
        {
            diffs.push(format!(
                "engine: rejected before W&B is contacted; SDK sent {}",
                out["operations"]
            ));
        }
        return diffs;
    }
    let branch = match v.case["state"].as_str().expect("state") {
        "exists" => &d.if_exists,
        "missing" | "generated" => &d.if_missing,
        "precreated" => {
            // The engine says which releases count a run created but never started (as a
            // sweep does ahead of time) as missing: in the text of its must-and-missing
            // outcome. That holds for every resume value.
            // The same launch (its environment, mode and settings) with resume must.
            let mut must_case = v.case.clone();
            must_case["resume"] = "must".into();
            let must = decide_case(v.version, &must_case);
            if must.is_ok_and(|m| m.if_missing.message.contains("never started")) {
                &d.if_missing
            } else {
                &d.if_exists
            }
        }
        other => panic!("unknown state {other}"),
    };
    diffs.extend(compare(branch, out, generated, last_step));
    diffs
}

/// 0.24.1+ print pydantic's error for a settings file they then ignore (a `disabled` line)
/// before the launch goes on: those lines say why the engine's `settings-file-ignored` warning
/// is there (which must quote them), not why `wandb.init` raised later. `out` without them,
/// and the disagreement where the warning does not quote what was printed.
fn without_ignored_file_error(out: &Value, d: &Decision) -> (Value, Vec<String>) {
    let mut kept = out.clone();
    let Some(said) = d
        .diagnostics
        .iter()
        .find(|x| x.code == "settings-file-ignored")
        .and_then(|x| x.sdk_message.as_deref())
    else {
        return (kept, Vec::new());
    };
    let printed: Vec<&str> = out["printedErrors"]
        .as_array()
        .map(|l| l.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if !printed.iter().any(|l| l.contains(said)) {
        let diff = format!("settings-file-ignored quotes {said:?}; the SDK printed {printed:?}");
        return (kept, vec![diff]);
    }
    kept["printedErrors"] = Value::Array(Vec::new());
    (kept, Vec::new())
}
