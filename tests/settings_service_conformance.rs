//! The settings' key that turns the service process off: replays
//! tests/conformance/settings-service-vectors.json against `simulate`. Each vector is a
//! release's complete offline `wandb.init(resume=True, settings=…)` with `_disable_service` or
//! `x_disable_service` (a `wandb.Settings` object or a dict, True or False), alone and beside
//! `WANDB_DISABLE_SERVICE`, the script then falling off its end, and what
//! `wandb/wandb-resume.json` held once every process had gone
//! (generate_settings_service.py): the file survives only where the service process ran. The
//! replay is the endings' (`ending_replay::check`). No Python is needed here.

mod common;

use common::ending_replay::{check, load_settings_service as load};

#[test]
fn settings_service_keys_match_the_real_sdk() {
    let doc = load();
    common::assert_all_agree(
        "settings-service vectors",
        &doc,
        |v| check(&doc, v),
        |v| v.case.to_string(),
    );
}
