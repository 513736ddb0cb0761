//! Diagnostic codes: the stable names callers switch on, one per finding.
//!
//! Severity follows one rule: **error** = the SDK rejects the configuration or the launch
//! fails every time; **warning** = it runs but silently does something the user likely did
//! not want (a new run on every restart, an overwritten run, an ignored id); **info** =
//! explains what happens. A code's severity can depend on the SDK version (reserved
//! characters are an error from 0.21.0 on and a warning before).

use crate::model::{Diagnostic, Severity};

macro_rules! codes {
    ($( $(#[doc = $doc:literal])* $variant:ident = $code:literal ),* $(,)?) => {
        /// Every diagnostic the engine can emit.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Code {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl Code {
            /// Every code, in the README's order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable kebab-case name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)*
                }
            }
        }
    };
}

codes! {
    /// The `sdk` string is not a version.
    SdkVersionInvalid = "sdk-version-invalid",
    /// The `sdk` version is older than the oldest modelled (0.9.1).
    SdkVersionUnsupported = "sdk-version-unsupported",
    /// The `sdk` version was never released.
    SdkVersionUnknown = "sdk-version-unknown",
    /// The `sdk` version is newer than the newest modelled; its newest rules are applied.
    SdkVersionNewer = "sdk-version-newer",
    /// An option needs a newer SDK than the one named.
    NeedsNewerSdk = "needs-newer-sdk",
    /// The `resume` value is not one the SDK accepts.
    ResumeInvalid = "resume-invalid",
    /// A `resume` string that older SDKs read as a run id.
    ResumeStringIsRunId = "resume-string-is-run-id",
    /// A `resume` value that looks like a boolean or None written as a string.
    ResumeLooksLikeLiteral = "resume-looks-like-literal",
    /// A `resume` mode in the wrong case.
    ResumeWrongCase = "resume-wrong-case",
    /// `WANDB_RESUME` is set but empty.
    ResumeEnvEmpty = "resume-env-empty",
    /// `resume=False` does not clear `WANDB_RESUME` from the environment.
    ResumeFalseKeepsEnv = "resume-false-keeps-env",
    /// An init argument overrides an environment variable.
    InitOverridesEnv = "init-overrides-env",
    /// The run id is empty.
    RunIdEmpty = "run-id-empty",
    /// The run id is only whitespace.
    RunIdWhitespaceOnly = "run-id-whitespace-only",
    /// The run id starts or ends with whitespace.
    RunIdWhitespaceEnds = "run-id-whitespace-ends",
    /// The run id holds one of `:;,#?/'`.
    RunIdReservedChar = "run-id-reserved-char",
    /// The run id holds `\` or `%`: the documentation forbids them, the SDK lets them through.
    RunIdDiscouragedChar = "run-id-discouraged-char",
    /// The run id holds other non-word characters the documentation says become dashes.
    RunIdNonWordChar = "run-id-non-word-char",
    /// The run id holds a NUL character: the run directory cannot be created.
    RunIdNul = "run-id-nul",
    /// The run id is longer than the documentation's 64 characters.
    RunIdTooLong = "run-id-too-long",
    /// The run id makes artifact names longer than the server accepts.
    RunIdArtifactNameTooLong = "run-id-artifact-name-too-long",
    /// `must` without a run id: fails on every launch.
    MustWithoutRunId = "must-without-run-id",
    /// `allow` without a run id: a new run on every restart.
    AllowWithoutRunId = "allow-without-run-id",
    /// `auto` without a shared filesystem: a new run on every restart.
    AutoWithoutSharedFilesystem = "auto-without-shared-filesystem",
    /// `auto` with an explicit id and a different id in the resume file.
    ResumeFileIgnored = "resume-file-ignored",
    /// `auto` reads the run id from the resume file.
    RunIdFromResumeFile = "run-id-from-resume-file",
    /// The resume file holds something the SDK cannot use.
    ResumeFileInvalid = "resume-file-invalid",
    /// The resume file's text is not JSON, or not an object with `run_id`: the SDK raises,
    /// or (0.19.3+) passes over it.
    ResumeFileUnreadable = "resume-file-unreadable",
    /// A run id with `resume` unset: an existing run is overwritten.
    RunIdWithoutResume = "run-id-without-resume",
    /// No run id and no resume: every launch is a new run.
    NoResume = "no-resume",
    /// `never` with a fixed id: the second launch fails.
    NeverWithRunId = "never-with-run-id",
    /// Several processes on one run id.
    ConcurrentProcesses = "concurrent-processes",
    /// `notes` given while resuming overwrite the notes edited in the UI.
    NotesOverwriteUi = "notes-overwrite-ui",
    /// In a sweep the init id is ignored.
    SweepIgnoresRunId = "sweep-ignores-run-id",
    /// Before 0.10.22 an init id replaces the sweep agent's id.
    SweepRunIdReplaced = "sweep-run-id-replaced",
    /// `WANDB_SWEEP_ID` is empty or has whitespace at its ends (rejected from 0.19.0).
    SweepIdInvalid = "sweep-id-invalid",
    /// `WANDB_DISABLE_SERVICE` is not a bool where the SDK reads it as one (0.13.11–0.19.x).
    DisableServiceInvalid = "disable-service-invalid",
    /// 0.19.0 crashes in `wandb.init` with the service process off.
    DisabledServiceCrashes = "disabled-service-crashes",
    /// `WANDB_DISABLE_SERVICE` turns the service process off, which 0.17.8–0.19.x deprecate.
    DisableServiceDeprecated = "disable-service-deprecated",
    /// Resuming a sweep run is not supported.
    SweepResumeUnsupported = "sweep-resume-unsupported",
    /// `resume`, `resume_from` and `fork_from` combined.
    BranchingArgsExclusive = "branching-args-exclusive",
    /// The Python sender refuses two branching arguments, then creates the run anyway.
    RefusedLaunchCreatesRun = "refused-launch-creates-run",
    /// A run moment that does not parse.
    RunMomentMalformed = "run-moment-malformed",
    /// A run moment whose step is not a whole number ≥ 0.
    RunMomentStepUnusual = "run-moment-step-unusual",
    /// Whether the SDK raises depends on the order of variables in the process environment.
    EnvOrderDependent = "env-order-dependent",
    /// `fork_from` / `resume_from` do not work in this SDK version.
    BranchingBroken = "branching-broken",
    /// `fork_from` names the run's own id.
    ForkFromSameId = "fork-from-same-id",
    /// `resume_from` names a different run than the id.
    ResumeFromDifferentId = "resume-from-different-id",
    /// `resume_from` rewinds: history after the step is dropped.
    ResumeFromRewinds = "resume-from-rewinds",
    /// `fork_from` creates a new run branched from another.
    ForkCreatesRun = "fork-creates-run",
    /// The process count is zero.
    ProcessesZero = "processes-zero",
    /// `wandb.run.resumed` is wrong in this SDK version.
    ResumedFlagWrong = "resumed-flag-wrong",
    /// `wandb.config` comes back empty after a resume in this SDK version.
    ResumedConfigEmpty = "resumed-config-empty",
    /// `wandb.run.step` reads 0 right after a resumed init in this SDK version.
    RunStepAfterResume = "run-step-after-resume",
    /// 0.21.2 warns on every launch that environment variable changes will be ignored;
    /// nothing is.
    EnvChangeWarningSpurious = "env-change-warning-spurious",
    /// The mode is one this SDK version does not know (0.9.x: only `run`, `dryrun`; 0.10.0–0.10.9:
    /// no `disabled`).
    ModeInvalid = "mode-invalid",
    /// Offline: `wandb.init` never asks W&B about the run, so resume is not applied at launch.
    OfflineResumeIgnored = "offline-resume-ignored",
    /// Offline: what W&B does with the run happens only when `wandb sync` uploads it.
    OfflineMode = "offline-mode",
    /// Offline with an id that restarts reuse: `wandb sync` writes each directory over the run.
    OfflineSyncWritesOver = "offline-sync-writes-over",
    /// 0.10.3–0.10.8 log in before applying `mode=`: without an API key they raise.
    OfflineLoginFirst = "offline-login-first",
    /// An online `mode=` (or the settings' online mode, where applied) over an offline
    /// `WANDB_MODE`: the launch goes online (0.10.9–0.12.9 raise instead).
    OnlineOverOfflineEnv = "online-over-offline-env",
    /// An online `mode=` over the settings file's offline mode (`wandb offline`, `WANDB_MODE`
    /// unset): the launch goes online (0.10.9–0.12.9 raise instead).
    OnlineOverOfflineFile = "online-over-offline-file",
    /// An online or offline `mode=` over `WANDB_MODE=disabled`: the launch is not disabled, it
    /// goes as `mode=` says (0.17.7–0.19.x without the service process; 0.19.0 crashes).
    ModeOverDisabledEnv = "mode-over-disabled-env",
    /// Disabled: `wandb.init` returns a run that keeps nothing the job logs.
    DisabledMode = "disabled-mode",
    /// Before 0.29.0 the disabled run's id is not the one set: a new random one on every launch
    /// (0.10.19+), a placeholder that prints as an empty string before.
    DisabledRunIdDiffers = "disabled-run-id-differs",
    /// 0.10.x–0.12.9 raise on a non-empty dict passed as `settings=`.
    SettingsDictRaises = "settings-dict-raises",
    /// 0.18.1–0.18.7 take a settings object's mode (online by default) over `WANDB_MODE`.
    SettingsObjectOverridesMode = "settings-object-overrides-mode",
    /// 0.12.10–0.12.15 ignore the mode a `wandb.Settings` object sets; before 0.10.9 and in
    /// 0.12.16–0.18.0 an object's online mode does not undo `WANDB_MODE=offline`.
    SettingsModeIgnored = "settings-mode-ignored",
    /// 0.12.10–0.12.15 ignore the `resume` and `run_id` a `wandb.Settings` object sets.
    SettingsResumeIgnored = "settings-resume-ignored",
    /// 0.10.x–0.12.9 take the `resume` or `run_id` a `wandb.Settings` object sets over
    /// `wandb.init`'s own argument.
    SettingsOverrideInit = "settings-override-init",
    /// 0.15.6–0.18.7 raise on a settings `resume=True` that nothing replaces.
    SettingsResumeTrueRaises = "settings-resume-true-raises",
    /// Before 0.19.0 a settings `resume` of `True` (where it does not raise) or a string that is
    /// not a mode is stored as given, and the backend treats it as `allow`.
    SettingsResumeStoredAsAllow = "settings-resume-stored-as-allow",
    /// 0.15.6–0.18.7 do not apply a `wandb.Settings` object's `resume=False`.
    SettingsResumeFalseDropped = "settings-resume-false-dropped",
    /// The settings' `_disable_service` / `x_disable_service` is not a setting of the release:
    /// `wandb.Settings` or the dict raises (0.12.10–0.15.5: an object ignores it with a
    /// warning), and 0.20.0+ raise on either name.
    SettingsKeyUnknown = "settings-key-unknown",
    /// 0.13.11–0.18.0 never act on the settings' `_disable_service=True`: the service process
    /// runs, and the resume file survives a script that ends without `run.finish()`.
    SettingsDisableServiceIgnored = "settings-disable-service-ignored",
    /// 0.19.0–0.23.1 raise on the `disabled = true` line older `wandb offline` left in
    /// wandb/settings.
    SettingsFileRaises = "settings-file-raises",
    /// wandb/settings is ignored: 0.24.1+ drop the whole file over a `disabled` line, 0.18.1–0.18.7
    /// its mode line.
    SettingsFileIgnored = "settings-file-ignored",
    /// 0.10.x–0.18.x launch offline while wandb/settings holds `disabled = true`, whatever the
    /// mode says.
    SettingsFileOffline = "settings-file-offline",
    /// 0.12.10–0.18.7 read `WANDB_DISABLED=true` as the `disabled` setting: every launch is
    /// offline, whatever the mode says.
    DisabledEnvOffline = "disabled-env-offline",
    /// `WANDB_DISABLED=true`, which this release ignores: the launch is not turned off.
    DisabledEnvIgnored = "disabled-env-ignored",
    /// `WANDB_DISABLED` is not a bool where the SDK reads it as one (0.12.10–0.18.7).
    DisabledEnvInvalid = "disabled-env-invalid",
    /// The shared mode: one of several writers of the run, online (0.17.6+ warn that the
    /// mode is experimental).
    SharedMode = "shared-mode",
    /// The shared mode without a run id: each process writes a run of its own.
    SharedModeWithoutId = "shared-mode-without-id",
    /// 0.27.2+ in the shared mode: reading `wandb.run.step` raises.
    SharedModeStep = "shared-mode-step",
    /// `WANDB_MODE=shared` replaced by 0.18.1–0.18.7's settings object: not shared.
    SharedModeLost = "shared-mode-lost",
}

/// Builds a diagnostic.
pub fn diagnostic(
    code: Code,
    severity: Severity,
    field: Option<&str>,
    message: String,
) -> Diagnostic {
    Diagnostic {
        code: code.as_str(),
        severity,
        field: field.map(str::to_owned),
        message,
        hint: None,
        sdk_message: None,
        stage: None,
        printed_first: None,
    }
}

/// Adds a hint and the SDK's own wording to a diagnostic.
pub trait DiagnosticExt {
    /// Sets how to fix it.
    fn hint(self, hint: impl Into<String>) -> Self;
    /// Sets what the SDK prints or raises, verbatim.
    fn sdk(self, message: impl Into<String>) -> Self;
}

impl DiagnosticExt for Diagnostic {
    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
    fn sdk(mut self, message: impl Into<String>) -> Self {
        self.sdk_message = Some(message.into());
        self
    }
}

impl Diagnostic {
    /// Sets what the SDK prints before it raises, where its error alone does not say why.
    pub(crate) fn prints_first(mut self, line: String) -> Self {
        self.printed_first = Some(line);
        self
    }
}

/// Orders diagnostics errors first, then warnings, then info, keeping the order of
/// discovery within each severity.
///
/// An insertion sort: a decision holds a handful of diagnostics, and the standard library's
/// stable sort (a general merge sort) would add about 10 KB to the wasm module for them.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    sort_errors_by(diagnostics, |_| 0);
}

/// [`sort`], with the errors ordered by `stage` (ascending, stable): when the SDK meets each
/// check (`check_order`).
pub(crate) fn sort_errors_by(diagnostics: &mut [Diagnostic], stage: impl Fn(&Diagnostic) -> u8) {
    let key = |d: &Diagnostic| {
        let rank = if d.severity == Severity::Error {
            stage(d)
        } else {
            0
        };
        (d.severity, rank)
    };
    for i in 1..diagnostics.len() {
        let mut j = i;
        while j > 0 && key(&diagnostics[j - 1]) > key(&diagnostics[j]) {
            diagnostics.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_puts_errors_first_and_keeps_the_order_within_a_severity() {
        let make =
            |severity, marker: &str| diagnostic(Code::ALL[0], severity, None, marker.to_owned());
        let mut list = vec![
            make(Severity::Info, "i1"),
            make(Severity::Error, "e1"),
            make(Severity::Warning, "w1"),
            make(Severity::Info, "i2"),
            make(Severity::Error, "e2"),
            make(Severity::Warning, "w2"),
            make(Severity::Error, "e3"),
        ];
        sort(&mut list);
        let order: Vec<&str> = list.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(order, ["e1", "e2", "e3", "w1", "w2", "i1", "i2"]);
        sort(&mut []);
    }

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "duplicate {s}");
            assert!(
                s.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
                    && !s.starts_with('-')
                    && !s.ends_with('-')
                    && !s.contains("--"),
                "{s}"
            );
        }
    }
}
