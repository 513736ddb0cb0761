//! Which resume rules apply for a given SDK version.
//!
//! Every rule that changed across wandb releases is one [`Rule`], keyed to the first release
//! that has it in [`BOUNDARIES`]. The engine asks the profile, never compares versions itself,
//! so the boundary table here is the single place a version boundary lives (and the README's
//! table is checked against it).

use crate::version::SdkVersion;

/// A resume-related behaviour that some SDK versions have and others do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// The settings object (0.10+): `"auto"` is a mode, a string that is not a mode is no
    /// longer a run id.
    SettingsObject,
    /// An empty or whitespace-only run id is rejected.
    RejectEmptyRunId,
    /// `fork_from="<run>?_step=<N>"` exists.
    ForkFrom,
    /// `resume_from="<run>?_step=<N>"` exists, and `resume`, `resume_from`, `fork_from` are
    /// mutually exclusive.
    ResumeFrom,
    /// `resume` must be exactly `allow`/`must`/`never`/`auto` or a bool.
    StrictResume,
    /// A run id may not start or end with whitespace.
    RejectEdgeWhitespace,
    /// A run id may not contain any of `:;,#?/'`.
    RejectReservedChars,
    /// `WANDB_RESUME_FROM` and `WANDB_FORK_FROM` are read from the environment.
    EnvRunMoments,
    /// The server-side resume check reports "You provided an invalid value for the `resume`
    /// argument…" instead of "resume='must' but run (…) doesn't exist".
    UsageResumeMessages,
    /// A run "exists" for resuming only once it has started (its config has the `t` key): a
    /// run a sweep created ahead of time counts as missing.
    StartedRunCheck,
    /// wandb-core (Go) is the default backend; its messages differ slightly.
    CoreBackend,
    /// `wandb.run.resumed` is set again after a resume under wandb-core (it was wrongly
    /// False in 0.18.0, wandb/wandb#8395).
    CoreResumedFlagFixed,
    /// `wandb.run.step` asks the backend and reads 0 right after a resumed `wandb.init`
    /// until the first `log`; `wandb.run.starting_step` holds the resumed step.
    RunStepFromBackend,
    /// The rewritten resume messages ("Run (…) already exists, but your `resume` setting …").
    PlainResumeMessages,
}

/// One row of the boundary table: a rule, the first release that has it, what it changed.
#[derive(Clone, Copy, Debug)]
pub struct Boundary {
    /// The rule.
    pub rule: Rule,
    /// The first release with the rule.
    pub since: SdkVersion,
    /// What changed, for the README and for messages.
    pub change: &'static str,
}

/// Every version boundary the engine knows, oldest first.
pub const BOUNDARIES: [Boundary; 14] = [
    Boundary {
        rule: Rule::SettingsObject,
        since: SdkVersion::new(0, 10, 0),
        change: "settings object; \"auto\" accepted; any other string is no longer a run id",
    },
    Boundary {
        rule: Rule::RejectEmptyRunId,
        since: SdkVersion::new(0, 14, 1),
        change: "an empty or whitespace-only run id is rejected",
    },
    Boundary {
        rule: Rule::UsageResumeMessages,
        since: SdkVersion::new(0, 14, 1),
        change: "server-side resume errors say \"You provided an invalid value for the `resume` argument…\"",
    },
    Boundary {
        rule: Rule::ForkFrom,
        since: SdkVersion::new(0, 16, 5),
        change: "fork_from=\"<id>?_step=N\"",
    },
    Boundary {
        rule: Rule::ResumeFrom,
        since: SdkVersion::new(0, 17, 1),
        change: "resume_from=\"<id>?_step=N\"; resume, resume_from, fork_from mutually exclusive",
    },
    Boundary {
        rule: Rule::StartedRunCheck,
        since: SdkVersion::new(0, 17, 2),
        change: "a run counts as existing only once started: a run a sweep created ahead of time is \"missing\"",
    },
    Boundary {
        rule: Rule::CoreBackend,
        since: SdkVersion::new(0, 18, 0),
        change: "wandb-core (Go) is the default backend; its resume messages differ",
    },
    Boundary {
        rule: Rule::CoreResumedFlagFixed,
        since: SdkVersion::new(0, 18, 1),
        change: "wandb.run.resumed is True again after a resume (False in 0.18.0)",
    },
    Boundary {
        rule: Rule::StrictResume,
        since: SdkVersion::new(0, 19, 0),
        change: "resume must be allow/must/never/auto (True→auto, False→unset)",
    },
    Boundary {
        rule: Rule::EnvRunMoments,
        since: SdkVersion::new(0, 19, 0),
        change: "WANDB_RESUME_FROM and WANDB_FORK_FROM are read from the environment",
    },
    Boundary {
        rule: Rule::RejectEdgeWhitespace,
        since: SdkVersion::new(0, 19, 0),
        change: "a run id may not start or end with whitespace",
    },
    Boundary {
        rule: Rule::RejectReservedChars,
        since: SdkVersion::new(0, 21, 0),
        change: "a run id may not contain any of :;,#?/'",
    },
    Boundary {
        rule: Rule::RunStepFromBackend,
        since: SdkVersion::new(0, 27, 2),
        change: "wandb.run.step reads 0 right after a resumed init; wandb.run.starting_step holds the step",
    },
    Boundary {
        rule: Rule::PlainResumeMessages,
        since: SdkVersion::new(0, 31, 0),
        change: "rewritten resume errors: \"Run (…) already exists, but your `resume` setting …\"",
    },
];

/// The rules of one SDK version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Profile {
    /// The version whose rules these are.
    pub version: SdkVersion,
}

impl Profile {
    /// The profile of `version`.
    pub fn new(version: SdkVersion) -> Self {
        Profile { version }
    }

    /// True when this version has `rule`.
    pub fn has(&self, rule: Rule) -> bool {
        self.version >= since(rule)
    }
}

/// The first release that has `rule`.
pub fn since(rule: Rule) -> SdkVersion {
    BOUNDARIES
        .iter()
        .find(|b| b.rule == rule)
        .map(|b| b.since)
        .unwrap_or(SdkVersion::OLDEST)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_are_ordered_and_unique() {
        for pair in BOUNDARIES.windows(2) {
            assert!(pair[0].since <= pair[1].since);
        }
        for (i, a) in BOUNDARIES.iter().enumerate() {
            assert!(BOUNDARIES[i + 1..].iter().all(|b| b.rule != a.rule));
        }
    }

    #[test]
    fn profile_has_rules_from_their_release_on() {
        let old = Profile::new(SdkVersion::new(0, 19, 11));
        let new = Profile::new(SdkVersion::new(0, 21, 0));
        assert!(!old.has(Rule::RejectReservedChars));
        assert!(new.has(Rule::RejectReservedChars));
        assert!(old.has(Rule::StrictResume));
    }
}
