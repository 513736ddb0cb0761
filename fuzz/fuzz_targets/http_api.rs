//! The edge API on arbitrary requests: every answer is JSON with a status below 500 (a
//! missing CSPRNG, 503, cannot happen natively), and no body carries markup.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use wandb_resume::http_api::{ApiRequest, RequestBody, respond};
use wandb_resume::json;

#[derive(Arbitrary, Debug)]
struct Request<'a> {
    method: u8,
    path: u8,
    query: &'a str,
    content_type: Option<&'a str>,
    body: &'a [u8],
    body_state: u8,
}

const METHODS: &[&str] = &["GET", "POST", "HEAD", "OPTIONS", "PUT", "get", "DELETE"];
const PATHS: &[&str] = &[
    "/api/decide",
    "/api/simulate",
    "/api/sanitize",
    "/api/id",
    "/api/derive",
    "/api/method-table",
    "/api/scenarios",
    "/api",
    "/healthz",
    "/",
    "/api/decide/",
    "https://example.com/api/id",
    "/api/%64ecide",
];

fuzz_target!(|r: Request<'_>| {
    let url = format!("{}?{}", PATHS[r.path as usize % PATHS.len()], r.query);
    let response = respond(&ApiRequest {
        method: METHODS[r.method as usize % METHODS.len()],
        url: &url,
        content_type: r.content_type,
        body: match r.body_state % 8 {
            0 => RequestBody::TooLarge,
            1 => RequestBody::Unreadable,
            _ => RequestBody::Read(r.body),
        },
    });
    assert!(
        (200..500).contains(&response.status),
        "{} {url}",
        response.status
    );
    if !response.body.is_empty() {
        assert!(json::parse(&response.body).is_ok(), "{}", response.body);
        assert!(!response.body.contains('<'), "{}", response.body);
    }
});
