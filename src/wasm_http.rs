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
    let headers = web_sys::Headers::new()?;
    for (name, value) in &response.headers {
        headers.append(name, value)?;
    }
    let init = web_sys::ResponseInit::new();
    init.set_status(response.status);
    init.set_headers(&headers);
    let text = (!response.body.is_empty()).then_some(response.body.as_str());
    web_sys::Response::new_with_opt_str_and_init(text, &init)
}
