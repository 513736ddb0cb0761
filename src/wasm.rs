//! The wasm-bindgen layer: turns JS arguments into the core's inputs, forwards, and turns the
//! results back into JS values. It holds no rule of its own.
//!
//! Structured arguments cross as JSON text: one `JSON.stringify` (a catching import) reads
//! the whole object in JS, so getters, proxies and prototype tricks run — and throw — in JS,
//! never in the middle of a Rust frame; then the core's strict reader (`codec`) reports unknown
//! fields, wrong types and lone surrogates with the path of the field. Results go back the
//! same way through `JSON.parse`. Every failure is an `Err` that throws a real `Error` with a
//! `code`; nothing here panics, so the module stays usable after any bad call.

use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::codec::{self, MAX_INPUT_BYTES};
use crate::error::{InputError, MAX_STRING_BYTES};
use crate::json::{FromJson, ToJson};
use crate::model::{Decision, ResumeInput, SanitizedId};
use crate::{generator, method_table, sanitize};

/// A JS `Error` whose `code` property is `code`.
fn js_error(code: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    // Defining a data property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&error, &"code".into(), &code.into());
    error.into()
}

fn input_error(err: &InputError) -> JsValue {
    js_error(err.code(), &err.to_string())
}

fn invalid(path: &str, reason: String) -> JsValue {
    input_error(&InputError::Invalid {
        path: path.to_owned(),
        reason,
    })
}

/// A short description of a JS value's type for messages: `null`, `an array`, `number`, …
fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".to_owned()
    } else if js_sys::Array::is_array(value) {
        "an array".to_owned()
    } else if let Some(number) = value.dyn_ref::<js_sys::Number>() {
        // As JS writes it (`1e+21`, `NaN`, `Infinity`), and without Rust's float
        // formatting in the module.
        let text = number
            .to_string_with_radix(10)
            .map(String::from)
            .unwrap_or_else(|_| "?".to_owned());
        format!("the number {text}")
    } else {
        match value.js_typeof().as_string().as_deref() {
            Some("undefined") => "undefined".to_owned(),
            Some("object") => "an object".to_owned(),
            Some(t) => format!("a {t}"),
            None => "an unknown value".to_owned(),
        }
    }
}

/// Refuses an argument at `path` that is not an array: `expected`, then what it got.
fn require_array(value: &JsValue, path: &str, expected: &str) -> Result<(), JsValue> {
    if js_sys::Array::is_array(value) {
        Ok(())
    } else {
        Err(invalid(
            path,
            format!("{expected}, got {}", type_name(value)),
        ))
    }
}

/// Serializes a JS argument with `JSON.stringify` and reads it as `T`.
fn read_json<T: FromJson>(value: &JsValue, what: &str, example: &str) -> Result<T, JsValue> {
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(invalid(
            "",
            format!(
                "{what} must be an object such as {example}, got {}",
                type_name(value)
            ),
        ));
    }
    let text = stringify(value, what, MAX_INPUT_BYTES)?;
    codec::from_json(&text).map_err(|e| input_error(&e))
}

/// `JSON.stringify(value)`, catching what it throws, refused past `limit` UTF-16 units
/// before it is copied into wasm memory.
fn stringify(value: &JsValue, what: &str, limit: usize) -> Result<String, JsValue> {
    let text = js_sys::JSON::stringify(value).map_err(|thrown| {
        let why = thrown
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "a non-Error value was thrown".to_owned());
        invalid("", format!("{what} could not be read: {why}"))
    })?;
    if text.is_undefined() {
        return Err(invalid("", format!("{what} could not be read as JSON")));
    }
    if text.length() as usize > limit {
        return Err(input_error(&InputError::TooLarge {
            path: "input".to_owned(),
            limit,
            actual: text.length() as usize,
            unit: "UTF-16 units",
        }));
    }
    Ok(String::from(text))
}

/// Turns a result into a JS value through `JSON.parse`.
fn write_json<T: ToJson + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&codec::to_json(value))
        .map_err(|_| js_error("internal", "could not hand the result to JS"))
}

/// Reads a configuration argument (`decide`, `snippets`, `fixConfiguration`) and checks its
/// size limits.
fn read_input(input: &Ts<ResumeInput>) -> Result<ResumeInput, JsValue> {
    let input: ResumeInput = read_json(
        &input.js_value(),
        "the configuration",
        "{ env: { WANDB_RESUME: \"allow\" } }",
    )?;
    input.check_limits().map_err(|e| input_error(&e))?;
    Ok(input)
}

/// Reads a JS string argument named `name`, refusing other types, lone surrogates and
/// strings over `limit` UTF-16 units (the length before they are copied into wasm memory).
fn read_string(value: &JsValue, name: &str, limit: usize) -> Result<String, JsValue> {
    let Some(js) = value.dyn_ref::<js_sys::JsString>() else {
        return Err(invalid(
            name,
            format!("expected a string, got {}", type_name(value)),
        ));
    };
    if js.length() as usize > limit {
        return Err(input_error(&InputError::TooLarge {
            path: name.to_owned(),
            limit,
            actual: js.length() as usize,
            unit: "UTF-16 units",
        }));
    }
    let text = String::from(js);
    // Copying into wasm memory encodes an unpaired surrogate as U+FFFD, so a string without
    // U+FFFD has none. Only then is the exact check needed, which reads the string one UTF-16
    // unit per call into JS (thousands of calls for a pasted block if done for every string).
    if crate::text::has_char(&text, '\u{FFFD}') && !js.is_valid_utf16() {
        return Err(input_error(&InputError::LoneSurrogate {
            fields: vec![name.to_owned()],
        }));
    }
    Ok(text)
}

/// Reads an optional whole-number argument (absent → `default`).
fn read_count(value: &JsValue, name: &str, default: u32) -> Result<u32, JsValue> {
    if value.is_undefined() {
        return Ok(default);
    }
    match value.as_f64() {
        Some(n) if n.is_finite() && n.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&n) => {
            Ok(n as u32)
        }
        _ => Err(invalid(
            name,
            format!(
                "expected a whole number from 0 to {}, got {}",
                u32::MAX,
                type_name(value)
            ),
        )),
    }
}

/// What W&B will do with `input` on one launch. Throws an `Error` with `code`
/// `invalid-input`, `lone-surrogate` or `input-too-large` for input it cannot read.
#[wasm_bindgen(js_name = decide)]
pub fn decide_js(input: Ts<ResumeInput>) -> Result<Ts<Decision>, JsValue> {
    let input = read_input(&input)?;
    let decision = crate::engine::decide(&input);
    Ok(Ts::new_unchecked(write_json(&decision)?))
}

/// `decide` for many configurations in one call: the array crosses the boundary once each
/// way, so per-configuration cost is the engine's alone. Throws like `decide`, with the index
/// in the path (`[3].init.resume`), and `input-too-large` past 100 000 configurations.
#[wasm_bindgen(js_name = decideMany, unchecked_return_type = "Decision[]")]
pub fn decide_many_js(
    #[wasm_bindgen(unchecked_param_type = "ResumeInput[]")] inputs: JsValue,
) -> Result<JsValue, JsValue> {
    require_array(
        &inputs,
        "",
        "the configurations must be an array such as [{ env: { WANDB_RESUME: \"allow\" } }]",
    )?;
    let text = stringify(&inputs, "the configurations", codec::MAX_BATCH_BYTES)?;
    let decisions = codec::decide_many_json(&text).map_err(|e| input_error(&e))?;
    js_sys::JSON::parse(&decisions)
        .map_err(|_| js_error("internal", "could not hand the result to JS"))
}

/// `decideMany` on JSON text: a JSON array of configurations in, the JSON array of their
/// decisions out (the value `decideMany` returns; `<`, `>`, `&` written as `\u003c`… as in
/// every answer of the edge API, so the text can be embedded anywhere). For callers
/// that hold JSON already (a request body, a file, a queue message) neither side builds JS
/// objects: a third of `decideMany`'s time on typical configurations (`npm run bench`).
/// Throws like `decideMany`; text that is not JSON is `invalid-input` with the line and
/// column.
#[wasm_bindgen(js_name = decideManyJson)]
pub fn decide_many_json_js(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<String, JsValue> {
    let text = read_string(&text, "text", codec::MAX_BATCH_BYTES)?;
    codec::decide_many_json(&text).map_err(|e| input_error(&e))
}

/// Options of `sanitizeRunId`.
#[derive(tsify::Tsify, Default)]
pub struct SanitizeOptions {
    /// wandb SDK version whose rules judge the raw id; absent = the newest known.
    #[tsify(optional)]
    pub sdk: Option<String>,
}

crate::json_optional_fields!(SanitizeOptions { "sdk": sdk });

/// The documented run-id rule applied to `raw` (every non-word character → `-`), with what
/// the SDK would do with the raw id and a suggested id it accepts.
#[wasm_bindgen(js_name = sanitizeRunId)]
pub fn sanitize_run_id_js(
    #[wasm_bindgen(unchecked_param_type = "string")] raw: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SanitizeOptions")] opts: JsValue,
) -> Result<Ts<SanitizedId>, JsValue> {
    let raw = read_string(&raw, "raw", MAX_STRING_BYTES)?;
    let opts: SanitizeOptions = if opts.is_undefined() {
        SanitizeOptions::default()
    } else {
        read_json(&opts, "the options", "{ sdk: \"0.31.0\" }")?
    };
    if opts.sdk.as_ref().is_some_and(|s| s.len() > 64) {
        return Err(invalid(
            "sdk",
            "a version string is at most 64 bytes".to_owned(),
        ));
    }
    let result = sanitize::sanitize_run_id(&raw, opts.sdk.as_deref());
    Ok(Ts::new_unchecked(write_json(&result)?))
}

/// `count` fresh random run ids of `length` (default 8) characters from `[a-z0-9]`, drawn
/// from `crypto.getRandomValues`, as one string of `count × length` characters: the JS side
/// (`js/ids.js`) cuts it into ids, so a batch crosses the boundary once. Throws
/// `invalid-length` for 0 or over 128, `invalid-count` over 100 000, `no-csprng` when the
/// platform has no CSPRNG.
#[wasm_bindgen(js_name = generateIdBlock)]
pub fn generate_id_block_js(
    #[wasm_bindgen(unchecked_param_type = "number")] count: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "number")] length: JsValue,
) -> Result<String, JsValue> {
    let count = read_count(&count, "count", 1)?;
    let length = read_count(&length, "length", generator::DEFAULT_ID_LENGTH)?;
    generator::generate_ids(count, length).map_err(|e| js_error(e.code(), &e.to_string()))
}

/// Probability that at least two of `runs` random ids of `length` (default 8) characters
/// collide (the birthday bound).
#[wasm_bindgen(js_name = collisionProbability)]
pub fn collision_probability_js(
    #[wasm_bindgen(unchecked_param_type = "number")] runs: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "number")] length: JsValue,
) -> Result<f64, JsValue> {
    let Some(count) = runs.as_f64().filter(|r| r.is_finite() && *r >= 0.0) else {
        return Err(invalid(
            "runs",
            format!("expected a number of runs ≥ 0, got {}", type_name(&runs)),
        ));
    };
    let length = read_count(&length, "length", generator::DEFAULT_ID_LENGTH)?;
    generator::collision_probability(count, length).map_err(|e| js_error(e.code(), &e.to_string()))
}

/// A launch and its restarts: for each attempt the decision, the branch the server state
/// selects, the run it logs to, and the auto-resume file; plus how many runs the job ends up
/// split into. Throws like `decide`.
#[wasm_bindgen(js_name = simulate)]
pub fn simulate_js(
    input: Ts<ResumeInput>,
    #[wasm_bindgen(unchecked_param_type = "Attempt[]")] attempts: JsValue,
) -> Result<Ts<crate::timeline::Timeline>, JsValue> {
    require_array(
        &attempts,
        "attempts",
        "expected an array of restarts such as [{ after: \"preempted\", where: \"newMachine\" }]",
    )?;
    let args = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&args, &"input".into(), &input.js_value());
    let _ = js_sys::Reflect::set(&args, &"attempts".into(), &attempts);
    let args: crate::timeline::SimulateArgs =
        read_json(&args.into(), "the arguments", "{ input, attempts }")?;
    args.input.check_limits().map_err(|e| input_error(&e))?;
    let timeline = crate::timeline::simulate(&args.input, &args.attempts)
        .map_err(|e| js_error(e.code(), &e.to_string()))?;
    Ok(Ts::new_unchecked(write_json(&timeline)?))
}

/// The ready-made restart scenarios (preemptible job, SLURM requeue, Kubernetes restart, …).
#[wasm_bindgen(js_name = scenarios)]
pub fn scenarios_js() -> Result<Ts<ScenarioList>, JsValue> {
    Ok(Ts::new_unchecked(write_json(
        &crate::scenarios::scenarios(),
    )?))
}

/// The list `scenarios()` returns.
#[derive(tsify::Tsify)]
#[serde(transparent)]
pub struct ScenarioList(pub Vec<crate::scenarios::Scenario>);

/// Options of `deriveRunId`.
#[derive(tsify::Tsify, Default)]
pub struct DeriveOptions {
    /// Length of the id, 1–49 (default 16).
    #[tsify(optional)]
    pub length: Option<u32>,
}

crate::json_optional_fields!(DeriveOptions { "length": length });

/// A run id derived deterministically from a stable job key (e.g. `$SLURM_JOB_ID-$SLURM_ARRAY_TASK_ID`),
/// so a restart without a shared filesystem reattaches to its run. Throws `empty-key` or
/// `invalid-length`.
#[wasm_bindgen(js_name = deriveRunId)]
pub fn derive_run_id_js(
    #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DeriveOptions")] opts: JsValue,
) -> Result<String, JsValue> {
    let key = read_string(&key, "key", MAX_STRING_BYTES)?;
    let opts: DeriveOptions = if opts.is_undefined() {
        DeriveOptions::default()
    } else {
        read_json(&opts, "the options", "{ length: 16 }")?
    };
    crate::derive::derive_run_id(
        &key,
        opts.length.unwrap_or(crate::derive::DEFAULT_DERIVED_LENGTH),
    )
    .map_err(|e| js_error(e.code(), &e.to_string()))
}

/// The documentation's method table as data.
#[wasm_bindgen(js_name = methodTable)]
pub fn method_table_js() -> Result<Ts<method_table::MethodTable>, JsValue> {
    Ok(Ts::new_unchecked(
        write_json(&method_table::method_table())?,
    ))
}

/// Shell `export` lines, a `wandb.init(...)` call, Dockerfile `ENV` lines and a Kubernetes
/// `env:` list that reproduce the configuration's environment and init arguments exactly,
/// with notes on what a syntax cannot hold. Throws like `decide`.
#[cfg(feature = "tools")]
#[wasm_bindgen(js_name = snippets)]
pub fn snippets_js(input: Ts<ResumeInput>) -> Result<Ts<crate::snippets::Snippets>, JsValue> {
    let input = read_input(&input)?;
    Ok(Ts::new_unchecked(write_json(&crate::snippets::snippets(
        &input,
    ))?))
}

#[cfg(feature = "tools")]
#[wasm_bindgen(typescript_custom_section)]
const PASTE_TYPES: &str = r#"
/** A finding that did not stop a parse. */
export interface ParseNote { code: string; severity: "warning" | "info"; message: string; line: number; column: number }
/** One assignment, as bash performs it. */
export interface EnvVariable { name: string; value: string; line: number; column: number; unresolved: boolean; exported: boolean }
/** The environment a pasted shell block gives the job (`set -a; source block`). */
export interface EnvBlock { env: Record<string, string>; unresolved: string[]; variables: EnvVariable[]; notes: ParseNote[]; crlf: boolean }
/** A read argument whose value is an environment lookup, e.g. `id=os.environ["RUN_ID"]`. */
export interface FromEnvironment { field: "resume" | "id" | "notes" | "resume_from" | "fork_from"; variable: string; default?: string | null; line: number; column: number }
/** What a pasted `wandb.init(...)` call (or keyword list) passes for resuming. */
export interface InitCall { init: InitArgs; explicitNone: string[]; fromEnvironment: FromEnvironment[]; otherArguments: string[]; notes: ParseNote[] }
"#;

#[cfg(feature = "tools")]
/// A `ParseError` as a JS `Error` with `code`, `line` and `column`.
fn parse_error(err: &crate::parse_error::ParseError) -> JsValue {
    let error = js_error(err.code(), &err.to_string());
    let _ = js_sys::Reflect::set(&error, &"line".into(), &err.position.line.into());
    let _ = js_sys::Reflect::set(&error, &"column".into(), &err.position.column.into());
    error
}

/// Reads a pasted `.env` / `export` block the way bash does (`set -a; source`): quotes,
/// escapes, comments, `export`, CRLF line ends (flagged: bash keeps the `\r`). Throws an
/// `Error` with `code`, `line` and `column` (e.g. `unterminated-quote`).
#[cfg(feature = "tools")]
#[wasm_bindgen(js_name = parseEnvBlock, unchecked_return_type = "EnvBlock")]
pub fn parse_env_block_js(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    let text = read_string(&text, "text", MAX_INPUT_BYTES)?;
    let block = crate::env_block::parse_env_block(&text).map_err(|e| parse_error(&e))?;
    write_json(&block)
}

/// Reads a pasted `wandb.init(...)` call, or a bare keyword list (`resume=True, id="abc"`),
/// with Python's literal rules; `os.environ[...]` values are reported as coming from the
/// environment. Throws an `Error` with `code`, `line` and `column` (e.g. `non-literal`).
#[cfg(feature = "tools")]
#[wasm_bindgen(js_name = parseInitCall, unchecked_return_type = "InitCall")]
pub fn parse_init_call_js(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    let text = read_string(&text, "text", MAX_INPUT_BYTES)?;
    let call = crate::init_call::parse_init_call(&text).map_err(|e| parse_error(&e))?;
    write_json(&call)
}

/// The configuration with every mechanical fix applied (wrong case, literals written as
/// strings, an empty `WANDB_RESUME`, ids the SDK refuses, a fixed id without resume), each
/// checked by deciding again; what needs the user's choice is left alone. Throws like
/// `decide`.
#[cfg(feature = "tools")]
#[wasm_bindgen(js_name = fixConfiguration)]
pub fn fix_configuration_js(
    input: Ts<ResumeInput>,
) -> Result<Ts<crate::fix::FixedConfiguration>, JsValue> {
    let input = read_input(&input)?;
    Ok(Ts::new_unchecked(write_json(
        &crate::fix::fix_configuration(&input),
    )?))
}

/// The wandb versions worth checking against, newest first: the newest release, and for each
/// rule boundary the first release with the rule and the last one without it.
#[wasm_bindgen(js_name = sdkVersions)]
pub fn sdk_versions_js() -> Vec<String> {
    crate::profile::boundary_versions()
        .iter()
        .map(ToString::to_string)
        .collect()
}
