//! The edge adapter: copies a fetch `Request` into [`http_api::respond`] and its answer into
//! a fetch `Response`. It decides nothing; the JS handler (`js/worker/handler.js`) reads the
//! body with the limit and hands it over.

use wasm_bindgen::prelude::*;

use crate::http_api::{self, ApiRequest, RequestBody};

/// Largest request body the API accepts, in bytes; the JS handler stops reading past it.
#[wasm_bindgen(js_name = apiBodyLimit)]
pub fn api_body_limit() -> u32 {
    http_api::BODY_LIMIT as u32
}

/// Answers `request` with the API. `body` is the request body as a `Uint8Array` (`null` or
/// `undefined` for none), or the string `"too-large"` when more than `apiBodyLimit()` bytes
/// were announced or sent, or `"unreadable"` when the stream failed.
#[wasm_bindgen(js_name = respondToRequest)]
pub fn respond_to_request(
    request: &web_sys::Request,
    #[wasm_bindgen(
        unchecked_param_type = "Uint8Array | null | undefined | \"too-large\" | \"unreadable\""
    )]
    body: JsValue,
) -> Result<web_sys::Response, JsValue> {
    let bytes: Vec<u8>;
    let body = if body.is_null() || body.is_undefined() {
        RequestBody::Read(&[])
    } else if let Some(array) = body.dyn_ref::<js_sys::Uint8Array>() {
        if array.length() as usize > http_api::BODY_LIMIT {
            RequestBody::TooLarge
        } else {
            bytes = array.to_vec();
            RequestBody::Read(&bytes)
        }
    } else if body.as_string().as_deref() == Some("too-large") {
        RequestBody::TooLarge
    } else {
        RequestBody::Unreadable
    };
    let method = request.method();
    let url = request.url();
    let content_type = request.headers().get("content-type")?;
    let response = http_api::respond(&ApiRequest {
        method: &method,
        url: &url,
        content_type: content_type.as_deref(),
        body,
    });
    let init = web_sys::ResponseInit::new();
    init.set_status(response.status);
    if response.has_json_headers_only() {
        // Every runtime copies the headers into the new Response, so one prepared set serves
        // every answer: no per-request string crossings for the headers.
        JSON_HEADERS.with(|cached| -> Result<(), JsValue> {
            if cached.borrow().is_none() {
                *cached.borrow_mut() = Some(headers_of(&response.headers)?);
            }
            if let Some(headers) = cached.borrow().as_ref() {
                init.set_headers(headers.as_ref());
            }
            Ok(())
        })?;
    } else {
        init.set_headers(headers_of(&response.headers)?.as_ref());
    }
    // The body crosses as bytes (copied by the Response), not as a string to decode.
    let mut body = response.body.into_bytes();
    let body = (!body.is_empty()).then_some(body.as_mut_slice());
    web_sys::Response::new_with_opt_u8_array_and_init(body, &init)
}

thread_local! {
    /// The JSON answer's headers, made on the first request (never at start-up).
    static JSON_HEADERS: core::cell::RefCell<Option<web_sys::Headers>> =
        const { core::cell::RefCell::new(None) };
}

fn headers_of(pairs: &[(&'static str, &'static str)]) -> Result<web_sys::Headers, JsValue> {
    let headers = web_sys::Headers::new()?;
    for (name, value) in pairs {
        headers.append(name, value)?;
    }
    Ok(headers)
}
