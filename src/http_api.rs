//! The edge API as a pure function: (method, URL, content type, body) → (status, headers,
//! body). Every runtime — workerd, Deno, Vercel Edge, a test — gets the same answers and the
//! same limits because none of them decides anything; the wasm adapter only copies the
//! request in and the response out.
//!
//! Every answer is JSON. Errors are `{"error": {"code", "message", "status"}}` with a stable
//! `code`: malformed JSON 400, a well-formed body of the wrong shape 422, a body over
//! [`BODY_LIMIT`] 413, a wrong method 405 (with `Allow`), a wrong content type 415, an
//! unknown route 404. Nothing a client sends produces a 5xx. No state survives a request.

use core::fmt;

use crate::codec;
use crate::error::InputError;
use crate::json::{self, FromJson, JsonWriter, Path, Quoted, ToJson, read_object};
use crate::model::ResumeInput;
use crate::query_string::{QueryError, QueryParams};
use crate::{derive, generator, method_table, sanitize, scenarios, timeline};

/// Largest request body accepted, in bytes. A configuration is a few hundred bytes, a
/// timeline with every restart a few KiB; adapters stop reading past this.
pub const BODY_LIMIT: usize = 64 * 1024;

/// Most ids `GET /api/id` returns at once.
pub const MAX_IDS_PER_REQUEST: u32 = 1000;

/// The request body as the adapter could read it.
#[derive(Clone, Copy, Debug)]
pub enum RequestBody<'a> {
    /// The bytes, complete (empty when the request had none).
    Read(&'a [u8]),
    /// More than [`BODY_LIMIT`] bytes were announced or sent; reading stopped there.
    TooLarge,
    /// The body stream failed (the client went away, a broken chunked encoding).
    Unreadable,
}

/// One HTTP request, as much of it as the API looks at.
#[derive(Clone, Copy, Debug)]
pub struct ApiRequest<'a> {
    /// The method, e.g. `POST` (compared exactly, as HTTP methods are case-sensitive).
    pub method: &'a str,
    /// The request target: an absolute URL (`https://host/api/id?count=2`) or a path with
    /// an optional query (`/api/id?count=2`).
    pub url: &'a str,
    /// The `Content-Type` header, if any.
    pub content_type: Option<&'a str>,
    /// The body.
    pub body: RequestBody<'a>,
}

/// One HTTP response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiResponse {
    /// The status code.
    pub status: u16,
    /// Header names (lower case) and values, in order. Every value is one of the API's own
    /// constants, so building a response allocates nothing for its headers.
    pub headers: Vec<(&'static str, &'static str)>,
    /// The body: JSON text, or empty for `204` and `HEAD`.
    pub body: String,
}

impl ApiResponse {
    /// The value of header `name`, if set.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }
}

/// HTTP methods a route answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteMethod {
    /// `GET` (and `HEAD`).
    Get,
    /// `POST` with a JSON body.
    Post,
}

crate::json_enum!(RouteMethod { Get => "GET", Post => "POST" });

/// One route of the API.
#[derive(Clone, Copy, Debug)]
pub struct Route {
    /// The method it answers.
    pub method: RouteMethod,
    /// The exact path.
    pub path: &'static str,
    /// The query parameters it takes.
    pub query_params: &'static [&'static str],
    /// What it returns.
    pub summary: &'static str,
}

crate::json_object!(Route {
    "method": method,
    "path": path,
    "query": query_params,
    "summary": summary,
});

/// Every route, in the order `GET /api` lists them.
pub const ROUTES: &[Route] = &[
    Route {
        method: RouteMethod::Post,
        path: "/api/decide",
        query_params: &[],
        summary: "body: ResumeInput → Decision (what W&B does on one launch)",
    },
    Route {
        method: RouteMethod::Post,
        path: "/api/simulate",
        query_params: &[],
        summary: "body: { input: ResumeInput, attempts: Attempt[] } → Timeline (launch and restarts)",
    },
    Route {
        method: RouteMethod::Post,
        path: "/api/sanitize",
        query_params: &[],
        summary: "body: { raw: string, sdk?: string } → SanitizedId",
    },
    Route {
        method: RouteMethod::Get,
        path: "/api/id",
        query_params: &["count", "length"],
        summary: "?count=1..1000&length=1..128 → { ids } (random run ids, CSPRNG)",
    },
    Route {
        method: RouteMethod::Get,
        path: "/api/derive",
        query_params: &["key", "length"],
        summary: "?key=…&length=1..49 → { key, length, runId } (deterministic run id)",
    },
    Route {
        method: RouteMethod::Get,
        path: "/api/method-table",
        query_params: &[],
        summary: "→ MethodTable (the documentation's table as data)",
    },
    Route {
        method: RouteMethod::Get,
        path: "/api/scenarios",
        query_params: &[],
        summary: "→ Scenario[] (ready-made restart scenarios)",
    },
    Route {
        method: RouteMethod::Get,
        path: "/api",
        query_params: &[],
        summary: "→ this list",
    },
    Route {
        method: RouteMethod::Get,
        path: "/healthz",
        query_params: &[],
        summary: "→ { status: \"ok\", version, newestSdk }",
    },
];

/// Why a request was refused; each maps to one status and one stable code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// No route has this path.
    NotFound(String),
    /// The route exists but not for this method.
    MethodNotAllowed {
        /// The method used.
        method: String,
        /// The methods the route answers, for `Allow`.
        allow: &'static str,
    },
    /// A body route called without `Content-Type: application/json`.
    UnsupportedMediaType(Option<String>),
    /// The body is over [`BODY_LIMIT`].
    BodyTooLarge,
    /// The body could not be read to its end.
    BodyUnreadable,
    /// The body is empty where a JSON object is needed.
    EmptyBody,
    /// The body is not UTF-8; `valid_up_to` bytes were.
    NotUtf8 {
        /// Length of the valid prefix.
        valid_up_to: usize,
    },
    /// The body is not JSON at all.
    MalformedJson(String),
    /// The query string was refused.
    Query(QueryError),
    /// Well-formed JSON that is not what the route takes (wrong type, unknown field, …).
    Input(InputError),
    /// A well-formed request the domain refuses, with the domain's code (e.g.
    /// `invalid-length`, `empty-key`).
    Unprocessable {
        /// The domain's code.
        code: &'static str,
        /// The domain's message.
        message: String,
    },
    /// The platform has no CSPRNG: the server's fault, never degraded to a weaker source.
    NoRandomness(String),
}

impl ApiError {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        match self {
            ApiError::NotFound(_) => 404,
            ApiError::MethodNotAllowed { .. } => 405,
            ApiError::UnsupportedMediaType(_) => 415,
            ApiError::BodyTooLarge => 413,
            ApiError::BodyUnreadable
            | ApiError::EmptyBody
            | ApiError::NotUtf8 { .. }
            | ApiError::MalformedJson(_)
            | ApiError::Query(_) => 400,
            ApiError::Input(_) | ApiError::Unprocessable { .. } => 422,
            ApiError::NoRandomness(_) => 503,
        }
    }

    /// Stable code for callers to switch on.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::NotFound(_) => "not-found",
            ApiError::MethodNotAllowed { .. } => "method-not-allowed",
            ApiError::UnsupportedMediaType(_) => "unsupported-media-type",
            ApiError::BodyTooLarge => "body-too-large",
            ApiError::BodyUnreadable => "body-unreadable",
            ApiError::EmptyBody => "empty-body",
            ApiError::NotUtf8 { .. } => "body-not-utf8",
            ApiError::MalformedJson(_) => "malformed-json",
            ApiError::Query(_) => "invalid-query",
            ApiError::Input(e) => e.code(),
            ApiError::Unprocessable { code, .. } => code,
            ApiError::NoRandomness(_) => "no-csprng",
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::NotFound(path) => {
                write!(f, "no route {}; GET /api lists the routes", Quoted(path))
            }
            ApiError::MethodNotAllowed { method, allow } => {
                write!(f, "{method} is not allowed here; use {allow}")
            }
            ApiError::UnsupportedMediaType(None) => write!(
                f,
                "send the body as JSON with the header `Content-Type: application/json`"
            ),
            ApiError::UnsupportedMediaType(Some(given)) => write!(
                f,
                "the body must be JSON (`Content-Type: application/json`), not {}",
                Quoted(&given.chars().take(100).collect::<String>())
            ),
            ApiError::BodyTooLarge => write!(
                f,
                "the body is larger than {BODY_LIMIT} bytes; a configuration is a few hundred"
            ),
            ApiError::BodyUnreadable => write!(f, "the request body could not be read to its end"),
            ApiError::EmptyBody => write!(f, "the body is empty; send a JSON object"),
            ApiError::NotUtf8 { valid_up_to } => write!(
                f,
                "the body is not UTF-8 (invalid byte at offset {valid_up_to}); JSON must be UTF-8"
            ),
            ApiError::MalformedJson(why) => write!(f, "the body is not valid JSON: {why}"),
            ApiError::Query(e) => e.fmt(f),
            ApiError::Input(e) => e.fmt(f),
            ApiError::Unprocessable { message, .. } => f.write_str(message),
            ApiError::NoRandomness(why) => write!(f, "no random source on this server: {why}"),
        }
    }
}

impl std::error::Error for ApiError {}

impl From<QueryError> for ApiError {
    fn from(e: QueryError) -> Self {
        ApiError::Query(e)
    }
}

impl From<InputError> for ApiError {
    fn from(e: InputError) -> Self {
        ApiError::Input(e)
    }
}

impl From<generator::GenerateIdError> for ApiError {
    fn from(e: generator::GenerateIdError) -> Self {
        match e {
            generator::GenerateIdError::NoRandomness(why) => ApiError::NoRandomness(why),
            other => ApiError::Unprocessable {
                code: other.code(),
                message: other.to_string(),
            },
        }
    }
}

/// The error body: `{"error": {"code", "message", "status"}}`.
impl ToJson for ApiError {
    fn write_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.key("error");
        w.begin_object();
        w.field("code", self.code());
        w.field("message", &self.to_string());
        w.field("status", &self.status());
        w.end_object();
        w.end_object();
    }
}

/// Answers one request. Never panics; every outcome is a JSON response.
pub fn respond(request: &ApiRequest<'_>) -> ApiResponse {
    let (path, query) = split_target(request.url);
    let Some(route) = ROUTES.iter().find(|r| r.path == path) else {
        return error_response(&ApiError::NotFound(truncate(path, 200)));
    };
    let allow = match route.method {
        RouteMethod::Get => "GET, HEAD, OPTIONS",
        RouteMethod::Post => "POST, OPTIONS",
    };
    let head = request.method == "HEAD";
    let method_ok = match route.method {
        RouteMethod::Get => request.method == "GET" || head,
        RouteMethod::Post => request.method == "POST",
    };
    if request.method == "OPTIONS" {
        return preflight(allow);
    }
    if !method_ok {
        let mut response = error_response(&ApiError::MethodNotAllowed {
            method: truncate(request.method, 20),
            allow,
        });
        response.headers.push(("allow", allow));
        return response;
    }
    let mut response = match answer(route, query, request) {
        Ok(json) => json_response(200, json),
        Err(error) => error_response(&error),
    };
    if head {
        response.body.clear();
    }
    response
}

/// The route's answer as JSON text.
fn answer(route: &Route, query: &str, request: &ApiRequest<'_>) -> Result<String, ApiError> {
    let params = QueryParams::parse(query, route.query_params)?;
    let body = || json_body(request);
    match route.path {
        "/api/decide" => {
            let input: ResumeInput = read_body(body()?)?;
            input.check_limits()?;
            Ok(codec::to_json(&crate::engine::decide(&input)))
        }
        "/api/simulate" => {
            let args: timeline::SimulateArgs = read_body(body()?)?;
            args.input.check_limits()?;
            let result = timeline::simulate(&args.input, &args.attempts).map_err(|e| {
                ApiError::Unprocessable {
                    code: e.code(),
                    message: e.to_string(),
                }
            })?;
            Ok(codec::to_json(&result))
        }
        "/api/sanitize" => {
            let args: SanitizeBody = read_body(body()?)?;
            if args.raw.len() > crate::error::MAX_STRING_BYTES {
                return Err(ApiError::Input(InputError::TooLarge {
                    path: "raw".to_owned(),
                    limit: crate::error::MAX_STRING_BYTES,
                    actual: args.raw.len(),
                    unit: "bytes",
                }));
            }
            if args.sdk.as_ref().is_some_and(|s| s.len() > 64) {
                return Err(ApiError::Input(InputError::Invalid {
                    path: "sdk".to_owned(),
                    reason: "a version string is at most 64 bytes".to_owned(),
                }));
            }
            Ok(codec::to_json(&sanitize::sanitize_run_id(
                &args.raw,
                args.sdk.as_deref(),
            )))
        }
        "/api/id" => {
            let count = params.number("count", 1)?;
            if count == 0 || count > MAX_IDS_PER_REQUEST {
                return Err(ApiError::Unprocessable {
                    code: "invalid-count",
                    message: format!("count must be from 1 to {MAX_IDS_PER_REQUEST}, got {count}"),
                });
            }
            let length = params.number("length", generator::DEFAULT_ID_LENGTH)?;
            let block = generator::generate_ids(count, length)?;
            // `length` was accepted, so it is at least 1 and the block is ASCII.
            let width = (length as usize).max(1);
            let ids: Vec<&str> = (0..block.len() / width)
                .map(|k| block.get(k * width..(k + 1) * width).unwrap_or_default())
                .collect();
            let mut w = JsonWriter::with_capacity(16 + ids.len() * (length as usize + 3));
            w.begin_object();
            w.field("ids", &ids);
            w.end_object();
            Ok(w.finish())
        }
        "/api/derive" => {
            let key = params.get("key").ok_or(QueryError::Missing("key"))?;
            let length = params.number("length", derive::DEFAULT_DERIVED_LENGTH)?;
            let run_id =
                derive::derive_run_id(key, length).map_err(|e| ApiError::Unprocessable {
                    code: e.code(),
                    message: e.to_string(),
                })?;
            let mut w = JsonWriter::with_capacity(64 + key.len());
            w.begin_object();
            w.field("key", key);
            w.field("length", &length);
            w.field("runId", &run_id);
            w.end_object();
            Ok(w.finish())
        }
        "/api/method-table" => Ok(codec::to_json(&method_table::method_table())),
        "/api/scenarios" => Ok(codec::to_json(&scenarios::scenarios())),
        "/api" => {
            let mut w = JsonWriter::with_capacity(2048);
            w.begin_object();
            w.field("routes", ROUTES);
            w.field("bodyLimit", &BODY_LIMIT);
            w.end_object();
            Ok(w.finish())
        }
        "/healthz" => {
            let mut w = JsonWriter::with_capacity(96);
            w.begin_object();
            w.field("status", "ok");
            w.field("version", env!("CARGO_PKG_VERSION"));
            w.field("newestSdk", &crate::version::SdkVersion::NEWEST.to_string());
            w.end_object();
            Ok(w.finish())
        }
        _ => Err(ApiError::NotFound(route.path.to_owned())),
    }
}

/// The body of a JSON route as text, after the content type, size and encoding checks.
/// Syntax is checked by the caller's parse; see [`classify_parse_error`].
fn json_body<'a>(request: &ApiRequest<'a>) -> Result<&'a str, ApiError> {
    if !is_json_media_type(request.content_type) {
        return Err(ApiError::UnsupportedMediaType(
            request.content_type.map(str::to_owned),
        ));
    }
    let bytes = match request.body {
        RequestBody::Read(bytes) if bytes.len() > BODY_LIMIT => return Err(ApiError::BodyTooLarge),
        RequestBody::Read(bytes) => bytes,
        RequestBody::TooLarge => return Err(ApiError::BodyTooLarge),
        RequestBody::Unreadable => return Err(ApiError::BodyUnreadable),
    };
    let text = core::str::from_utf8(bytes).map_err(|e| ApiError::NotUtf8 {
        valid_up_to: e.valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_matches([' ', '\t', '\n', '\r']).is_empty() {
        return Err(ApiError::EmptyBody);
    }
    Ok(text)
}

/// Reads a JSON body as `T`: a body that is not JSON at all is a 400, one of the wrong
/// shape a 422.
fn read_body<T: FromJson>(text: &str) -> Result<T, ApiError> {
    let value = json::parse(text).map_err(|e| ApiError::MalformedJson(e.to_string()))?;
    Ok(T::from_json(&value, &mut Path::default())?)
}

/// The body of `POST /api/sanitize`.
struct SanitizeBody {
    raw: String,
    sdk: Option<String>,
}

impl FromJson for SanitizeBody {
    fn from_json<'a>(value: &json::Json<'a>, path: &mut Path<'a>) -> Result<Self, InputError> {
        let (mut raw, mut sdk) = (None, None);
        read_object(
            value,
            path,
            "an object such as { raw: \"my run\" }",
            &["raw", "sdk"],
            |field, value, path| {
                match field {
                    0 => raw = Some(String::from_json(value, path)?),
                    _ => sdk = FromJson::from_json(value, path)?,
                }
                Ok(())
            },
        )?;
        Ok(SanitizeBody {
            raw: json::required(raw, path, "raw")?,
            sdk,
        })
    }
}

/// `application/json`, in any letter case, with optional parameters; a `charset` other than
/// UTF-8 is refused since the body is read as UTF-8.
fn is_json_media_type(content_type: Option<&str>) -> bool {
    let Some(value) = content_type else {
        return false;
    };
    let mut parts = value.split(';');
    let essence = parts.next().unwrap_or("").trim();
    if !essence.eq_ignore_ascii_case("application/json") {
        return false;
    }
    parts.all(|param| {
        let (name, value) = param.split_once('=').unwrap_or((param, ""));
        !name.trim().eq_ignore_ascii_case("charset")
            || value.trim().trim_matches('"').eq_ignore_ascii_case("utf-8")
    })
}

/// Splits a request target into its path and its query, dropping any fragment.
fn split_target(url: &str) -> (&str, &str) {
    let url = url.split_once('#').map_or(url, |(before, _)| before);
    // A byte scan for "://" rather than a substring search: the general searcher is a
    // sizeable piece of code for every request to run through.
    let scheme_end = url.as_bytes().windows(3).position(|w| w == b"://");
    let from_path = match scheme_end {
        Some(i) => {
            let after_scheme = &url[i + 3..];
            after_scheme
                .find(['/', '?'])
                .map_or("", |i| &after_scheme[i..])
        }
        None => url,
    };
    let (path, query) = from_path.split_once('?').unwrap_or((from_path, ""));
    (if path.is_empty() { "/" } else { path }, query)
}

fn truncate(text: &str, max_chars: usize) -> String {
    text.chars().take(max_chars).collect()
}

/// The headers every API response carries: JSON, readable from any origin (the API holds
/// no credentials and no state), never cached, never sniffed as HTML.
pub const JSON_HEADERS: [(&str, &str); 4] = [
    ("content-type", "application/json; charset=utf-8"),
    ("access-control-allow-origin", "*"),
    ("cache-control", "no-store"),
    ("x-content-type-options", "nosniff"),
];

fn common_headers() -> Vec<(&'static str, &'static str)> {
    JSON_HEADERS.to_vec()
}

impl ApiResponse {
    /// True when the headers are exactly [`JSON_HEADERS`] (every answer but the preflight
    /// and `405`), so an adapter may reuse one prepared header set.
    pub fn has_json_headers_only(&self) -> bool {
        self.headers.len() == JSON_HEADERS.len()
            && self
                .headers
                .iter()
                .zip(JSON_HEADERS)
                .all(|((n, v), (jn, jv))| *n == jn && *v == jv)
    }
}

fn json_response(status: u16, body: String) -> ApiResponse {
    ApiResponse {
        status,
        headers: common_headers(),
        body,
    }
}

/// The JSON error response for `error`.
pub fn error_response(error: &ApiError) -> ApiResponse {
    json_response(error.status(), codec::to_json(error))
}

/// The CORS preflight answer for a route answering `allow`.
fn preflight(allow: &'static str) -> ApiResponse {
    let mut headers = common_headers();
    headers.retain(|(n, _)| *n != "content-type");
    headers.extend([
        ("allow", allow),
        ("access-control-allow-methods", allow),
        ("access-control-allow-headers", "content-type"),
        ("access-control-max-age", "86400"),
    ]);
    ApiResponse {
        status: 204,
        headers,
        body: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(method: &str, url: &str, content_type: Option<&str>, body: &[u8]) -> ApiResponse {
        respond(&ApiRequest {
            method,
            url,
            content_type,
            body: RequestBody::Read(body),
        })
    }

    fn post(url: &str, body: &str) -> ApiResponse {
        call("POST", url, Some("application/json"), body.as_bytes())
    }

    fn json(response: &ApiResponse) -> serde_json::Value {
        serde_json::from_str(&response.body).expect("every body is JSON")
    }

    fn error_code(response: &ApiResponse) -> String {
        json(response)["error"]["code"].as_str().unwrap().to_owned()
    }

    #[test]
    fn decide_answers_with_a_decision() {
        let r = post(
            "http://localhost:8787/api/decide",
            r#"{"env":{"WANDB_RESUME":"must"}}"#,
        );
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(
            r.header("content-type"),
            Some("application/json; charset=utf-8")
        );
        assert_eq!(r.header("access-control-allow-origin"), Some("*"));
        let d = json(&r);
        assert_eq!(d["valid"], false);
        assert_eq!(d["diagnostics"][0]["code"], "must-without-run-id");
    }

    /// The resume file as text over HTTP: an empty file is a decision (0.19.0 fails), a
    /// run_id the package does not model is a 422 naming the field, never a guess.
    #[test]
    fn decide_reads_the_resume_file_text() {
        let r = post(
            "/api/decide",
            r#"{"sdk":"0.19.0","init":{"resume":true},"context":{"resumeFileText":""}}"#,
        );
        assert_eq!(r.status, 200, "{}", r.body);
        let d = json(&r);
        assert_eq!(d["valid"], false);
        assert_eq!(d["diagnostics"][0]["code"], "resume-file-unreadable");
        // The decision decide() gives (whose quote of Python the vectors check), unchanged.
        let input = crate::model::ResumeInput {
            sdk: Some("0.19.0".into()),
            init: Some(crate::model::InitArgs {
                resume: Some(crate::model::ResumeArg::Bool(true)),
                ..Default::default()
            }),
            context: Some(crate::model::LaunchContext {
                resume_file_text: Some(String::new()),
                ..Default::default()
            }),
            ..Default::default()
        };
        assert_eq!(
            r.body,
            crate::codec::to_json(&crate::engine::decide(&input))
        );
        let r = post(
            "/api/decide",
            r#"{"context":{"resumeFileText":"{\"run_id\": 7}"}}"#,
        );
        assert_eq!(r.status, 422, "{}", r.body);
        assert_eq!(error_code(&r), "invalid-input");
        assert!(r.body.contains("context.resumeFileText"), "{}", r.body);
    }

    /// The run mode over HTTP: offline (disabled) is a decision with both branches offline
    /// (disabled); a mode the package does not model is a 422 naming the field.
    #[test]
    fn decide_reads_the_run_mode() {
        let r = post(
            "/api/decide",
            r#"{"env":{"WANDB_MODE":"offline","WANDB_RESUME":"must"}}"#,
        );
        assert_eq!(r.status, 200, "{}", r.body);
        let d = json(&r);
        assert_eq!(d["ifExists"]["action"], "offline");
        assert_eq!(d["ifMissing"]["action"], "offline");
        let r = post("/api/decide", r#"{"init":{"mode":"disabled"}}"#);
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(json(&r)["ifMissing"]["action"], "disabled");
        let r = post(
            "/api/decide",
            r#"{"sdk":"0.16.2","init":{"mode":"shared"}}"#,
        );
        assert_eq!(r.status, 422, "{}", r.body);
        assert_eq!(error_code(&r), "invalid-input");
        assert!(r.body.contains("init.mode"), "{}", r.body);
    }

    #[test]
    fn every_route_answers() {
        assert_eq!(
            post(
                "/api/simulate",
                r#"{"input":{},"attempts":[{"after":"crashed","where":"sameDirectory"}]}"#
            )
            .status,
            200
        );
        let s = json(&post("/api/sanitize", r#"{"raw":"a b"}"#));
        assert_eq!(s["sanitized"], "a-b");
        let ids = json(&call("GET", "/api/id?count=3&length=12", None, b""));
        let ids = ids["ids"].as_array().unwrap();
        assert_eq!(ids.len(), 3);
        assert!(ids.iter().all(|id| id.as_str().unwrap().len() == 12));
        let d = json(&call("GET", "/api/derive?key=job-7", None, b""));
        assert_eq!(
            d["runId"],
            crate::derive::derive_run_id("job-7", 16).unwrap()
        );
        assert_eq!(call("GET", "/api/method-table", None, b"").status, 200);
        assert_eq!(call("GET", "/api/scenarios", None, b"").status, 200);
        let index = json(&call("GET", "/api", None, b""));
        assert_eq!(index["routes"].as_array().unwrap().len(), ROUTES.len());
        assert_eq!(json(&call("GET", "/healthz", None, b""))["status"], "ok");
    }

    #[test]
    fn errors_have_the_right_status_and_code() {
        // (method, url, content type, body, status, code)
        type Case<'a> = (&'a str, &'a str, Option<&'a str>, &'a [u8], u16, &'a str);
        let cases: &[Case] = &[
            ("GET", "/nope", None, b"", 404, "not-found"),
            ("GET", "/api/decide", None, b"", 405, "method-not-allowed"),
            ("PUT", "/api/id", None, b"", 405, "method-not-allowed"),
            (
                "post",
                "/api/decide",
                Some("application/json"),
                b"{}",
                405,
                "method-not-allowed",
            ),
            (
                "POST",
                "/api/decide",
                None,
                b"{}",
                415,
                "unsupported-media-type",
            ),
            (
                "POST",
                "/api/decide",
                Some("text/plain"),
                b"{}",
                415,
                "unsupported-media-type",
            ),
            (
                "POST",
                "/api/decide",
                Some("application/json; charset=latin1"),
                b"{}",
                415,
                "unsupported-media-type",
            ),
            (
                "POST",
                "/api/decide",
                Some("application/json"),
                b"",
                400,
                "empty-body",
            ),
            (
                "POST",
                "/api/decide",
                Some("application/json"),
                b"{\"env\":",
                400,
                "malformed-json",
            ),
            (
                "POST",
                "/api/decide",
                Some("application/json"),
                b"{} x",
                400,
                "malformed-json",
            ),
            (
                "POST",
                "/api/decide",
                Some("application/json"),
                b"{\"a\xff\":1}",
                400,
                "body-not-utf8",
            ),
            (
                "POST",
                "/api/decide",
                Some("application/json"),
                b"{\"init\":{\"resume\":5}}",
                422,
                "invalid-input",
            ),
            (
                "POST",
                "/api/decide",
                Some("application/json"),
                b"[]",
                422,
                "invalid-input",
            ),
            (
                "POST",
                "/api/decide",
                Some("application/json"),
                b"{\"init\":{\"id\":\"\\ud800\"}}",
                422,
                "lone-surrogate",
            ),
            (
                "POST",
                "/api/simulate",
                Some("application/json"),
                b"{\"input\":{}}",
                422,
                "invalid-input",
            ),
            (
                "POST",
                "/api/sanitize",
                Some("application/json"),
                b"{\"raw\":1}",
                422,
                "invalid-input",
            ),
            (
                "POST",
                "/api/sanitize",
                Some("application/json"),
                b"{\"sdk\":\"0.19.0\"}",
                422,
                "invalid-input",
            ),
            ("GET", "/api/id?count=0", None, b"", 422, "invalid-count"),
            ("GET", "/api/id?count=1001", None, b"", 422, "invalid-count"),
            ("GET", "/api/id?length=0", None, b"", 422, "invalid-length"),
            ("GET", "/api/id?count=ten", None, b"", 400, "invalid-query"),
            ("GET", "/api/id?lenght=8", None, b"", 400, "invalid-query"),
            ("GET", "/api/derive", None, b"", 400, "invalid-query"),
            ("GET", "/api/derive?key=", None, b"", 422, "empty-key"),
            (
                "GET",
                "/api/derive?key=a&length=50",
                None,
                b"",
                422,
                "invalid-length",
            ),
            ("GET", "/healthz?x=1", None, b"", 400, "invalid-query"),
        ];
        for &(method, url, ct, body, status, code) in cases {
            let r = call(method, url, ct, body);
            assert_eq!(
                (r.status, error_code(&r).as_str()),
                (status, code),
                "{method} {url}: {}",
                r.body
            );
            let e = json(&r);
            assert_eq!(e["error"]["status"], status);
            assert!(!e["error"]["message"].as_str().unwrap().is_empty());
        }
        let r = call("GET", "/api/decide", None, b"");
        assert_eq!(r.header("allow"), Some("POST, OPTIONS"));
        let big = vec![b' '; BODY_LIMIT + 1];
        assert_eq!(
            call("POST", "/api/decide", Some("application/json"), &big).status,
            413
        );
        for (body, status, code) in [
            (RequestBody::TooLarge, 413, "body-too-large"),
            (RequestBody::Unreadable, 400, "body-unreadable"),
        ] {
            let r = respond(&ApiRequest {
                method: "POST",
                url: "/api/decide",
                content_type: Some("application/json"),
                body,
            });
            assert!(matches!(r.status, 413 | 400), "{}", r.body);
            assert_eq!((r.status, error_code(&r).as_str()), (status, code));
        }
    }

    #[test]
    fn preflight_and_head() {
        let r = call("OPTIONS", "/api/decide", None, b"");
        assert_eq!(r.status, 204);
        assert!(r.body.is_empty());
        assert_eq!(
            r.header("access-control-allow-methods"),
            Some("POST, OPTIONS")
        );
        assert_eq!(
            r.header("access-control-allow-headers"),
            Some("content-type")
        );
        assert_eq!(call("OPTIONS", "/nope", None, b"").status, 404);
        let r = call("HEAD", "/healthz", None, b"");
        assert_eq!(r.status, 200);
        assert!(r.body.is_empty());
    }

    #[test]
    fn media_types_and_targets() {
        assert!(is_json_media_type(Some("Application/JSON")));
        assert!(is_json_media_type(Some(
            "application/json;charset=\"UTF-8\""
        )));
        assert!(!is_json_media_type(Some("application/jsonx")));
        assert!(!is_json_media_type(None));
        assert_eq!(
            split_target("https://h:1/api/id?count=2#x"),
            ("/api/id", "count=2")
        );
        assert_eq!(split_target("https://h"), ("/", ""));
        assert_eq!(split_target("https://h?x"), ("/", "x"));
        assert_eq!(split_target("/healthz"), ("/healthz", ""));
    }

    #[test]
    fn input_is_never_echoed_as_html() {
        let r = call("GET", "/<script>alert(1)</script>", None, b"");
        assert_eq!(r.status, 404);
        assert_eq!(
            r.header("content-type"),
            Some("application/json; charset=utf-8")
        );
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert!(!r.body.contains("<script>"), "{}", r.body);
    }
}
