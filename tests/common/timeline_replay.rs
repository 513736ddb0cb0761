//! Replaying the timeline vectors (tests/conformance/timeline-vectors.json, made by
//! tests/conformance/generate_timelines.py): a job configuration launched, ended, restarted
//! and restarted again, each attempt a release's complete `wandb.init` (online or offline)
//! against one fake server that keeps the runs its clients create — compared attempt by
//! attempt with `simulate`. Shared by the timeline conformance test and the rule-mutation
//! check.

use std::collections::HashMap;

use serde_json::Value;
use wandb_resume::{
    Action, Outcome, ResumeFileAction, codec, decide, simulate,
    timeline::{SimulateArgs, Timeline},
};

use super::{ending_replay, replay, server_replay};

const VECTORS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/conformance/timeline-vectors.json"
);

const BRANCH_VECTORS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/conformance/branch-timeline-vectors.json"
);

/// The committed timeline vectors, or the file named by `WANDB_RESUME_TIMELINE_VECTORS`.
pub fn load() -> Value {
    super::load_json("WANDB_RESUME_TIMELINE_VECTORS", VECTORS)
}

/// The committed branching timeline vectors (`WANDB_RESUME_FROM` / `WANDB_FORK_FROM` kept over
/// the restarts, generate_branch_timelines.py), or the file named by
/// `WANDB_RESUME_BRANCH_TIMELINE_VECTORS`. Their timelines are the timeline vectors', with
/// `seed`: the runs the server held before the first launch.
pub fn load_branching() -> Value {
    super::load_json("WANDB_RESUME_BRANCH_TIMELINE_VECTORS", BRANCH_VECTORS)
}

/// The committed mixed timeline vectors (random launches, ends and places,
/// generate_mixed_timelines.py), or the file named by `WANDB_RESUME_MIXED_TIMELINE_VECTORS`.
/// Their timelines are the branching ones', with `mode` where the launch passes `mode=`.
pub fn load_mixed() -> Value {
    super::load_conformance(
        "WANDB_RESUME_MIXED_TIMELINE_VECTORS",
        "mixed-timeline-vectors.json",
    )
}

/// The committed mixed branching timelines (random launches that each rewind or fork, fewer
/// of them beside a `resume`; generate_mixed_branch_timelines.py), or the file named by
/// `WANDB_RESUME_MIXED_BRANCH_TIMELINE_VECTORS`. Their timelines are the mixed ones'.
pub fn load_mixed_branching() -> Value {
    super::load_conformance(
        "WANDB_RESUME_MIXED_BRANCH_TIMELINE_VECTORS",
        "mixed-branch-timeline-vectors.json",
    )
}

/// Asserts that every timeline of `doc` agrees with `simulate` (`what` names them in the
/// report).
pub fn assert_all_agree(what: &str, doc: &Value) {
    super::assert_all_agree(what, doc, |v| check(doc, v), |v| v.case.to_string());
}

/// A recorded timeline's attempts after the first: its restarts.
pub fn restarts<'a>(v: &TimelineVector<'a>) -> &'a [Value] {
    &v.out.as_array().expect("attempts")[1..]
}

/// Whether an attempt started after asking W&B to rewind the run.
pub fn rewound(attempt: &Value) -> bool {
    attempt["operations"]
        .as_array()
        .is_some_and(|ops| ops.iter().any(|op| op == "RewindRun"))
        && attempt["raised"].is_null()
}

/// Whether an attempt started a fork: logging at the step after `branch_step`, no rewind.
pub fn forked(attempt: &Value, branch_step: u64) -> bool {
    attempt["raised"].is_null()
        && !rewound(attempt)
        && (attempt["startingStep"].as_u64() == Some(branch_step + 1)
            || attempt["step"].as_u64() == Some(branch_step + 1))
}

/// How many of `attempts` raised, resumed the run (logging went on after the server's
/// `last_step`) and started from step 0: what a coverage test asks to see of each.
pub fn tally<'a>(attempts: impl IntoIterator<Item = &'a Value>, last_step: u64) -> [usize; 3] {
    let mut counts = [0; 3];
    for a in attempts {
        let kind = if a["raised"].is_object() {
            0
        } else if server_replay::continued(a, last_step) {
            1
        } else {
            2
        };
        counts[kind] += 1;
    }
    counts
}

/// One recorded timeline: `case` is `{launch: {id, resume, env, settings?}, attempts:
/// [{ending, where}]}`, `out` one result per attempt.
pub type TimelineVector<'a> = super::Recorded<'a>;

/// Every recorded timeline of `doc`, release by release.
pub fn vectors(doc: &Value) -> Vec<TimelineVector<'_>> {
    super::recorded(doc)
}

/// `simulate`'s arguments for one timeline: the launch as `wandb.init(id=…, resume=…,
/// settings=…)` in its environment (online unless it names an offline mode), then one restart
/// per attempt after the first, each after the end of the attempt before it, and one more
/// after the last attempt, whose results are not compared: it shows what the last end left of
/// the file. An attempt whose `wandb.init`
/// raised (`outs`) never reached its planned end: its script stopped on the exception.
pub fn simulate_args(version: &str, case: &Value, outs: &[Value]) -> Value {
    let launch = &case["launch"];
    let mut init = serde_json::Map::new();
    for key in ["id", "resume"] {
        if !launch[key].is_null() {
            init.insert(key.into(), launch[key].clone());
        }
    }
    if let Some(settings) = launch.get("settings") {
        // `{form, keys, resume, runId}`: the engine's `init.settings` as it is.
        init.insert("settings".into(), settings.clone());
    }
    for key in ["forkFrom", "resumeFrom", "mode"] {
        // The branching timelines' arguments to wandb.init (and the mixed ones' `mode=`), the
        // engine's input names.
        if let Some(moment) = launch.get(key) {
            init.insert(key.into(), moment.clone());
        }
    }
    let attempts = case["attempts"].as_array().expect("attempts");
    let restarts: Vec<Value> = attempts
        .iter()
        .enumerate()
        .map(|(k, attempt)| {
            let after = if outs.get(k).is_some_and(|o| o["raised"].is_object()) {
                "crashed"
            } else {
                ending_replay::after(attempt["ending"].as_str().expect("ending"))
            };
            let place = attempts
                .get(k + 1)
                .map_or(Value::from("sameDirectory"), |next| next["where"].clone());
            serde_json::json!({ "after": after, "where": place })
        })
        .collect();
    serde_json::json!({
        "input": { "sdk": version, "init": init, "env": launch["env"] },
        "attempts": restarts,
    })
}

/// The engine's timeline for one recorded case (with the extra attempt of [`simulate_args`]);
/// `Err` where the package refuses it.
pub fn timeline(version: &str, case: &Value, outs: &[Value]) -> Result<Timeline, String> {
    let mut args = simulate_args(version, case, outs);
    if let Some(seed) = case["seed"].as_array() {
        // The server held the seeded runs before the first launch: its run exists when the
        // id it settles on is one of them (a generated id never is).
        let first = codec::input_from_json(&args["input"].to_string())
            .map_err(|e| format!("refused: {e}"))?;
        let seeded = decide(&first)
            .run_id
            .is_some_and(|id| seed.iter().any(|s| s.as_str() == Some(id.as_str())));
        args["input"]["context"] = serde_json::json!({ "runExists": seeded });
    }
    let args = args.to_string();
    let args: SimulateArgs = codec::from_json(&args).map_err(|e| format!("refused: {e}"))?;
    simulate(&args.input, &args.attempts).map_err(|e| format!("simulate failed: {e}"))
}

/// Run ids named by the SDK (`job-run`, or `<new-N>` for the N-th id it generated within the
/// timeline) and by the engine (`job-run`, `new0000N`) must name the same runs: one mapping,
/// each way, over the whole timeline.
#[derive(Default)]
struct RunNames<'a> {
    engine_of: HashMap<&'a str, String>,
    sdk_of: HashMap<String, &'a str>,
}

impl<'a> RunNames<'a> {
    /// Whether the SDK's `sdk` and the engine's `engine` can be the same run (and, where
    /// neither was seen before, records that they are).
    fn same(&mut self, sdk: Option<&'a str>, engine: Option<&str>) -> bool {
        match (sdk, engine) {
            (None, None) => true,
            (Some(s), Some(e)) => {
                let known_e = self.engine_of.get(s).map(String::as_str);
                let known_s = self.sdk_of.get(e).copied();
                match (known_e, known_s) {
                    (None, None) => {
                        // A fixed id is itself on both sides; a generated one is a placeholder
                        // on each (`<new-N>`, `new0000N`).
                        let engine_generated = e
                            .strip_prefix("new")
                            .is_some_and(|n| n.len() == 5 && n.bytes().all(|b| b.is_ascii_digit()));
                        if s != e && !(s.starts_with("<new-") && engine_generated) {
                            return false;
                        }
                        self.engine_of.insert(s, e.to_owned());
                        self.sdk_of.insert(e.to_owned(), s);
                        true
                    }
                    (k_e, k_s) => k_e == Some(e) && k_s == Some(s),
                }
            }
            _ => false,
        }
    }
}

/// The disagreements between the engine and what the SDK did over one recorded timeline.
pub fn check(doc: &Value, v: &TimelineVector<'_>) -> Vec<String> {
    let outs = v.out.as_array().expect("one result per attempt");
    let timeline = match timeline(v.version, v.case, outs) {
        Ok(t) => t,
        Err(why) => return vec![why],
    };
    let last_step = doc["meta"]["lastStep"].as_u64().expect("meta.lastStep");
    let mut names = RunNames::default();
    let mut diffs = Vec::new();
    for (k, (out, attempt)) in outs.iter().zip(&timeline.attempts).enumerate() {
        let ours = &attempt.outcome;
        let mut say = |what: String| diffs.push(format!("attempt {}: {what}", k + 1));
        let compared = |ours: &Outcome| {
            server_replay::compare(
                ours,
                &as_engine_quotes(out, &ours.message),
                "\u{0}",
                last_step,
            )
        };
        let mut found = compared(ours);
        if !found.is_empty() && replay::order_dependent(&attempt.decision) {
            // Which error 0.19.0+ meet first varies with the order they load the environment
            // and merge the settings in (the engine warns so, and lists every one): the SDK's
            // must be among them.
            let listed = replay::order_dependent_errors(&attempt.decision);
            if listed.into_iter().any(|said| {
                compared(&Outcome {
                    message: said.to_owned(),
                    ..ours.clone()
                })
                .is_empty()
            }) {
                found.clear();
            }
        }
        for diff in found {
            say(diff);
        }
        if out["raised"].is_object() || ours.action == Action::Fail {
            continue;
        }
        let sdk_run = out["runId"].as_str();
        if !names.same(sdk_run, attempt.run_id.as_deref()) {
            say(format!(
                "the run: engine {:?}, SDK {sdk_run:?}",
                attempt.run_id
            ));
        }
        // A generated id written to the file is the attempt's run.
        let ours_at_init = match attempt.decision.resume_file_action {
            ResumeFileAction::Written => attempt.run_id.as_deref(),
            _ => attempt.decision.resume_file_after.as_deref(),
        };
        let at_init = out["resumeFileAtInit"].as_str();
        if !names.same(at_init, ours_at_init) {
            say(format!(
                "the file once wandb.init returned: engine {ours_at_init:?}, SDK {at_init:?}"
            ));
        }
    }
    for (k, (out, attempt)) in outs.iter().zip(&timeline.attempts).enumerate() {
        let at_end = out["resumeFileAtEnd"].as_str();
        if !names.same(at_end, attempt.resume_file_at_end.as_deref()) {
            diffs.push(format!(
                "attempt {}: the file once it ended: engine {:?}, SDK {at_end:?}",
                k + 1,
                attempt.resume_file_at_end
            ));
        }
    }
    if outs.len() + 1 != timeline.attempts.len() {
        diffs.push(format!(
            "{} attempts recorded, {} simulated (one more than recorded)",
            outs.len(),
            timeline.attempts.len()
        ));
    }
    diffs
}

/// The restart's words of 0.9.x's launch error, and the first launch's, which the engine quotes
/// (naming the restart's beside it).
const DEBUG_LOG_ON_RESTART: (&str, &str) = ("see: wandb/debug.log", "see: /tmp/wandb-debug.log");
/// How the engine's 0.9.x launch error names the restart's log.
const ENGINE_NAMES_RESTART_LOG: &str = "(wandb/debug.log once the directory holds a wandb/ folder";

/// `out` with the SDK's words as the engine, whose message is `engine`, quotes them: a
/// generated id (`<new-N>`) is its `<new id>`, and where the engine names 0.9.x's log on a
/// restart (`wandb/debug.log`, beside the first launch's `/tmp/wandb-debug.log`), the SDK's
/// restart words match its first launch's.
fn as_engine_quotes(out: &Value, engine: &str) -> Value {
    let mut quoted = out.clone();
    let Some(message) = out["raised"]["message"].as_str() else {
        return quoted;
    };
    let mut message = as_engine_writes(message);
    if engine.contains(ENGINE_NAMES_RESTART_LOG) {
        message = message.replace(DEBUG_LOG_ON_RESTART.0, DEBUG_LOG_ON_RESTART.1);
    }
    quoted["raised"]["message"] = Value::from(message);
    if let Some(lines) = out["printedErrors"].as_array() {
        quoted["printedErrors"] = lines
            .iter()
            .map(|l| Value::from(as_engine_writes(l.as_str().unwrap_or_default())))
            .collect();
    }
    quoted
}

/// `message` with each `<new-N>` the generator wrote for a generated id replaced by the
/// engine's `<new id>`.
fn as_engine_writes(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find("<new-") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 5..];
        let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && tail[digits..].starts_with('>') {
            out.push_str("<new id>");
            rest = &tail[digits + 1..];
        } else {
            out.push_str("<new-");
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}
