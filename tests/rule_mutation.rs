//! Every version rule is pinned by the conformance vectors: removing any one of them (as if it
//! had never shipped) makes vectors fail — the offline vectors (tests/conformance/vectors),
//! the server outcomes (tests/conformance/server-vectors.json, with
//! settings-server-vectors.json, server-service-vectors.json, server-mode-vectors.json and
//! server-file-mode-vectors.json), the
//! script endings
//! (tests/conformance/ending-vectors.json, with settings-service-vectors.json), the resume-file texts
//! (tests/conformance/resume-text-vectors.json), the run modes, the syncs or the `settings=`
//! argument, the settings file, `WANDB_DISABLED` and the shared mode
//! (tests/conformance/settings-vectors.json, settings-mode-vectors.json,
//! settings-mode-pair-vectors.json, settings-file-vectors.json, settings-file-arg-vectors.json,
//! settings-file-key-vectors.json, disabled-env-vectors.json, shared-mode-vectors.json; the
//! shared mode's server outcomes count with the server outcomes) or the timelines
//! (tests/conformance/timeline-vectors.json, with branch-timeline-vectors.json,
//! mixed-timeline-vectors.json and mixed-branch-timeline-vectors.json). Runs with the `rule-mutation`
//! feature (`cargo test --features rule-mutation --test rule_mutation -- --nocapture` prints
//! the table the README shows).
#![cfg(feature = "rule-mutation")]

mod common;

use common::ending_replay::{self, EndingVector};
use common::replay::{Vector, compare, load_vectors};
use common::resume_text_replay::{self, TextVector};
use common::server_replay::{self, ServerVector};
use common::timeline_replay::{self, TimelineVector};
use common::{
    Recorded, mode_replay, settings_replay, settings_resume_replay, shared_replay, sync_replay,
};
use serde_json::Value;
use wandb_resume::profile::{BOUNDARIES, Rule, drop_rule};

/// Rules no vector shows (their evidence would be in docs/research/); none today.
const NOT_VISIBLE: &[Rule] = &[];

/// The sets of vectors.
struct Sets<'a> {
    offline: &'a [Vector],
    /// The files `server_replay::check` replays, each with its records: the server outcomes,
    /// those of a stored settings `resume`, with the service process off, of `mode="online"`
    /// over `WANDB_MODE=offline` and over the settings file's offline mode, of the settings'
    /// online mode over `WANDB_MODE=offline`, and of an online `mode=` over
    /// `WANDB_MODE=disabled` (one column).
    servers: &'a [(&'a Value, Vec<ServerVector<'a>>)],
    shared_server_doc: &'a Value,
    /// The shared mode's server outcomes (counted with the server outcomes).
    shared_server: &'a [Recorded<'a>],
    ending_doc: &'a Value,
    endings: &'a [EndingVector<'a>],
    settings_service_doc: &'a Value,
    /// The settings-service vectors (counted with the endings).
    settings_service: &'a [EndingVector<'a>],
    /// The resume-file texts the package models (the refused ones are the input check's).
    texts: &'a [TextVector<'a>],
    /// The mode vectors.
    modes: &'a [Recorded<'a>],
    sync_doc: &'a Value,
    /// The sync vectors.
    syncs: &'a [Recorded<'a>],
    /// The `settings=`, settings-mode, settings-file and WANDB_DISABLED vectors (with the
    /// shared-mode and settings-resume vectors below, one column).
    settings: &'a [Recorded<'a>],
    /// The shared-mode vectors (counted with the settings vectors).
    shared_modes: &'a [Recorded<'a>],
    /// The settings-resume vectors (counted with the settings vectors).
    settings_resume: &'a [Recorded<'a>],
    /// The timeline files, each with its timelines: the timelines and the branching ones
    /// (one column).
    timelines: &'a [(&'a Value, Vec<TimelineVector<'a>>)],
}

/// How many vectors of each set fail, in the order of [`SET_NAMES`].
type Failing = [usize; 8];

/// The sets, as the table's columns name them.
const SET_NAMES: [&str; 8] = [
    "offline vectors",
    "server outcomes",
    "endings",
    "resume-file texts",
    "mode vectors",
    "syncs",
    "settings vectors",
    "timelines",
];

/// How many vectors of each set fail with `rule` removed.
fn failing(sets: &Sets<'_>, rule: Option<Rule>) -> Failing {
    drop_rule(rule);
    let offline = sets
        .offline
        .iter()
        .filter(|v| !compare(&v.input, &v.out).is_empty())
        .count();
    let online = sets
        .servers
        .iter()
        .map(|(doc, vectors)| {
            vectors
                .iter()
                .filter(|v| !server_replay::check_any_mode(doc, v).is_empty())
                .count()
        })
        .sum::<usize>()
        + sets
            .shared_server
            .iter()
            .filter(|v| !shared_replay::check_server(sets.shared_server_doc, v).is_empty())
            .count();
    let endings = sets
        .endings
        .iter()
        .filter(|v| !ending_replay::check(sets.ending_doc, v).is_empty())
        .count()
        + sets
            .settings_service
            .iter()
            .filter(|v| !ending_replay::check(sets.settings_service_doc, v).is_empty())
            .count();
    let texts = sets
        .texts
        .iter()
        .filter(|v| !resume_text_replay::check(v).is_empty())
        .count();
    let modes = sets
        .modes
        .iter()
        .filter(|v| !mode_replay::check(v).is_empty())
        .count();
    let syncs = sets
        .syncs
        .iter()
        .filter(|v| !sync_replay::check(sets.sync_doc, v).is_empty())
        .count();
    let settings = sets
        .settings
        .iter()
        .filter(|v| !settings_replay::check(v).is_empty())
        .count()
        + sets
            .shared_modes
            .iter()
            .filter(|v| !shared_replay::check_mode(v).is_empty())
            .count()
        + sets
            .settings_resume
            .iter()
            .filter(|v| !settings_resume_replay::check(v).is_empty())
            .count();
    let timelines = sets
        .timelines
        .iter()
        .map(|(doc, records)| {
            records
                .iter()
                .filter(|v| !timeline_replay::check(doc, v).is_empty())
                .count()
        })
        .sum();
    drop_rule(None);
    [
        offline, online, endings, texts, modes, syncs, settings, timelines,
    ]
}

#[test]
fn removing_any_rule_fails_vectors() {
    let (_, vectors) = load_vectors();
    let server_docs = [
        server_replay::load(),
        server_replay::load_settings(),
        server_replay::load_service(),
        server_replay::load_modes(),
        server_replay::load_file_modes(),
        server_replay::load_settings_modes(),
        server_replay::load_disabled_modes(),
    ];
    // The server outcomes the package models (the shared mode where a release refused it, or
    // beside the settings file's disabled line, it refuses).
    let servers: Vec<_> = server_docs
        .iter()
        .map(|doc| {
            let modelled = server_replay::vectors(doc)
                .into_iter()
                .filter(|v| !server_replay::not_modelled(v))
                .collect();
            (doc, modelled)
        })
        .collect();
    let ending_doc = ending_replay::load();
    let endings = ending_replay::vectors(&ending_doc);
    let settings_service_doc = ending_replay::load_settings_service();
    let settings_service = ending_replay::vectors(&settings_service_doc);
    let text_doc = resume_text_replay::load();
    let texts: Vec<_> = resume_text_replay::vectors(&text_doc)
        .into_iter()
        .filter(|v| resume_text_replay::refused(v) == Ok(false))
        .collect();
    let mode_doc = mode_replay::load();
    let modes: Vec<_> = common::recorded(&mode_doc)
        .into_iter()
        .filter(|v| mode_replay::refused(v) == Ok(false))
        .collect();
    let sync_doc = sync_replay::load();
    let syncs = common::recorded(&sync_doc);
    // The `settings=`, settings-mode (beside one other source and both), settings-file (alone,
    // beside `settings=` and beside the settings' own keys) and WANDB_DISABLED vectors the
    // package models, as one set.
    let settings_doc = settings_replay::load();
    let settings_mode_doc = settings_replay::load_modes();
    let settings_mode_pair_doc = settings_replay::load_mode_pairs();
    let settings_file_doc = settings_replay::load_files();
    let settings_file_arg_doc = settings_replay::load_file_args();
    let settings_file_key_doc = settings_replay::load_file_keys();
    let disabled_env_doc = settings_replay::load_disabled_env();
    let settings: Vec<_> = common::recorded(&settings_doc)
        .into_iter()
        .chain(common::recorded(&settings_mode_doc))
        .chain(common::recorded(&settings_mode_pair_doc))
        .chain(common::recorded(&settings_file_doc))
        .chain(common::recorded(&settings_file_arg_doc))
        .chain(common::recorded(&settings_file_key_doc))
        .chain(common::recorded(&disabled_env_doc))
        .filter(|v| settings_replay::refused(v) == Ok(false))
        .collect();
    let shared_server_doc = shared_replay::load_server();
    let shared_server = common::recorded(&shared_server_doc);
    let shared_mode_doc = shared_replay::load_modes();
    let shared_modes: Vec<_> = common::recorded(&shared_mode_doc)
        .into_iter()
        .filter(|v| settings_replay::refused(v) == Ok(false))
        .collect();
    let settings_resume_doc = settings_resume_replay::load();
    let settings_resume: Vec<_> = common::recorded(&settings_resume_doc)
        .into_iter()
        .filter(|v| !mode_replay::not_modelled(v))
        .collect();
    let timeline_docs = [
        timeline_replay::load(),
        timeline_replay::load_branching(),
        timeline_replay::load_mixed(),
        timeline_replay::load_mixed_branching(),
    ];
    let timelines: Vec<_> = timeline_docs
        .iter()
        .map(|doc| (doc, timeline_replay::vectors(doc)))
        .collect();
    let sets = Sets {
        offline: &vectors,
        servers: &servers,
        shared_server_doc: &shared_server_doc,
        shared_server: &shared_server,
        ending_doc: &ending_doc,
        endings: &endings,
        settings_service_doc: &settings_service_doc,
        settings_service: &settings_service,
        texts: &texts,
        modes: &modes,
        sync_doc: &sync_doc,
        syncs: &syncs,
        settings: &settings,
        shared_modes: &shared_modes,
        settings_resume: &settings_resume,
        timelines: &timelines,
    };
    assert_eq!(failing(&sets, None), [0; 8], "the vectors must pass first");
    let half = BOUNDARIES.len() / 2;
    let counts: Vec<Failing> = std::thread::scope(|s| {
        let parts: Vec<_> = [&BOUNDARIES[..half], &BOUNDARIES[half..]]
            .into_iter()
            .map(|part| {
                let sets = &sets;
                s.spawn(move || {
                    part.iter()
                        .map(|b| failing(sets, Some(b.rule)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|p| p.join().expect("replay thread"))
            .collect()
    });
    let columns: Vec<String> = SET_NAMES
        .iter()
        .map(|n| format!("{n} that then fail"))
        .collect();
    eprintln!("| rule removed | since | {} |", columns.join(" | "));
    eprintln!("| --- | --- |{}", " --- |".repeat(SET_NAMES.len()));
    let mut problems = Vec::new();
    for (b, failed) in BOUNDARIES.iter().zip(&counts) {
        let cells: Vec<String> = failed.iter().map(usize::to_string).collect();
        eprintln!("| `{:?}` | {} | {} |", b.rule, b.since, cells.join(" | "));
        let visible = !NOT_VISIBLE.contains(&b.rule);
        let seen: usize = failed.iter().sum();
        if visible && seen == 0 {
            problems.push(format!("{:?} ({}): no vector pins it", b.rule, b.since));
        }
        if !visible && seen > 0 {
            problems.push(format!(
                "{:?} ({}): {seen} vectors see it; take it off NOT_VISIBLE",
                b.rule, b.since
            ));
        }
    }
    let sizes = [
        vectors.len(),
        servers.iter().map(|(_, v)| v.len()).sum::<usize>() + shared_server.len(),
        endings.len() + settings_service.len(),
        texts.len(),
        modes.len(),
        syncs.len(),
        settings.len() + shared_modes.len() + settings_resume.len(),
        timelines.iter().map(|(_, v)| v.len()).sum(),
    ];
    let sizes: Vec<String> = sizes
        .iter()
        .zip(SET_NAMES)
        .map(|(n, name)| format!("{n} {name}"))
        .collect();
    eprintln!("({})", sizes.join(", "));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
