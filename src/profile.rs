//! Which resume rules apply for a given SDK version.
//!
//! Every rule that changed across wandb releases is one [`Rule`], keyed to the first release
//! that has it in [`BOUNDARIES`]. The engine asks the profile, never compares versions itself,
//! so the boundary table here is the single place a version boundary lives (and the README's
//! table is checked against it).

use crate::version::SdkVersion;

/// A resume-related behaviour that some SDK versions have and others do not. Each is keyed
/// to its first release in [`BOUNDARIES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// A settings object: `"auto"` is a mode, `resume=False` overrides `WANDB_RESUME`, init arguments are no longer written back to the environment.
    SettingsObject,
    /// A killed script (SIGTERM, SIGKILL) leaves the resume file: the run ends in the user
    /// process (0.9.x's background process took a killed script for a finished one).
    KilledScriptKeepsResumeFile,
    /// `resume="must"` on an existing run loads its state (0.10.2 loaded it only for `allow`
    /// and `auto`, and started the run over).
    MustLoadsResumeState,
    /// The auto-resume file warning fires only when the ids differ.
    ResumeFileWarnsOnlyIfDifferent,
    /// In a sweep the `wandb.init` id is dropped with a warning.
    SweepIgnoresInitId,
    /// `resume=""` is falsy (unset).
    EmptyResumeIsFalsy,
    /// The sweep warning ends with a period.
    SweepWarningPeriod,
    /// The service process: the resume file survives an exit without `finish()`.
    ServiceProcess,
    /// `WANDB_DISABLE_SERVICE` is read as a bool (0.13.0–0.13.10: any non-empty value), as the
    /// setting `_disable_service`, which `settings=` may now set.
    DisableServiceIsBool,
    /// An empty or whitespace-only id is warned about.
    WarnEmptyRunId,
    /// `wandb.init` without resume deletes the resume file.
    ResumeFileRemovedAtInit,
    /// The server-side resume errors say "You provided an invalid value for the `resume` argument…".
    UsageResumeMessages,
    /// An empty or whitespace-only run id is rejected.
    RejectEmptyRunId,
    /// A setting whose value cannot be read raises (before: three warnings, the text kept); so
    /// does a keyword `wandb.Settings` does not know (before: ignored with a warning).
    UnreadableSettingRaises,
    /// `fork_from="<run>?_step=<N>"` (and `WANDB_FORK_FROM`).
    ForkFrom,
    /// `resume_from="<run>?_step=<N>"` (and `WANDB_RESUME_FROM`); three-way exclusion.
    ResumeFrom,
    /// A run exists for resuming only once started.
    StartedRunCheck,
    /// The resume_from/id warning fires only when the ids differ.
    ResumeFromWarnsOnlyIfDifferent,
    /// `fork_from` naming the run's own id is rejected.
    RejectForkFromSameId,
    /// Turning the service off warns that it is deprecated.
    DisableServiceDeprecated,
    /// Wandb-core (Go) is the default backend.
    CoreBackend,
    /// `wandb.run.resumed` is True again after a resume.
    CoreResumedFlagFixed,
    /// Wandb-core loads a resumed run's config into `wandb.config` (0.18.0–0.18.5 left it
    /// empty).
    CoreResumedConfigFixed,
    /// Pydantic settings: strict `resume`, `resume=False` no longer overrides the environment, new id messages, the environment counts in the branching exclusion.
    StrictResume,
    /// A run id may not start or end with whitespace.
    RejectEdgeWhitespace,
    /// `wandb.init` works again with the service process off (0.19.0 crashes).
    DisabledServiceRepaired,
    /// An unreadable resume file is ignored; new warning wording.
    LenientResumeFile,
    /// `fork_from`/`resume_from` work again after 0.19.0–0.19.4.
    BranchingRepaired,
    /// `resume_from` supplies the run id again.
    ResumeFromSuppliesIdAgain,
    /// Wandb-core no longer refuses a `fork_from` naming the run's own id at start: it
    /// rewinds that run instead.
    CoreAcceptsSelfFork,
    /// `WANDB_DISABLE_SERVICE` is ignored; the settings' key raises.
    DisableServiceRemoved,
    /// A run id may not contain any of `:;,#?/'`.
    RejectReservedChars,
    /// Every launch prints "Changes to your `wandb` environment variables will be ignored…":
    /// 0.21.2 inverted the check behind it.
    SpuriousEnvChangeWarning,
    /// The check is right again: the warning only when the environment really changed.
    EnvChangeWarningFixed,
    /// `wandb.run.step` reads 0 right after a resumed init.
    RunStepFromBackend,
    /// The rewritten resume messages.
    PlainResumeMessages,
    /// Offline with a resume setting, `wandb.init` warns that resume is ignored.
    OfflineResumeWarning,
    /// That warning is gone (resume is still not applied offline).
    OfflineResumeWarningDropped,
    /// `wandb.init` logs in before it applies `mode=`: without an API key it raises, offline or not.
    LoginBeforeInitMode,
    /// `mode=` is applied before the login again.
    InitModeBeforeLogin,
    /// An online `mode=` over a library set up offline (`WANDB_MODE=offline`, the settings
    /// file's offline mode) crashes: no server to read the user's flags from.
    OnlineOverOfflineSetupCrashes,
    /// That crash is gone: the launch goes online.
    OnlineOverOfflineSetupRepaired,
    /// `wandb.init`'s login for an online launch over a library set up offline warns
    /// "Unable to verify login in offline mode.".
    LoginWarnsOfflineSetup,
    /// That warning moved to `wandb.login`, which `wandb.init` does not call.
    LoginOfflineWarningMoved,
    /// `wandb sync --append` adds an offline directory's history after a run's.
    SyncAppend,
    /// `disabled` is the mode that turns wandb off (`noop` before, which is not modelled).
    DisabledMode,
    /// The disabled run has an id of its own, a fresh one on every launch (before: a placeholder
    /// that prints as an empty string).
    DisabledRunGetsId,
    /// A disabled launch no longer makes the run directory (before: its checks still raised).
    DisabledSkipsRunDirectory,
    /// `wandb.init` no longer turns the service process off for the disabled mode (0.17.8–0.18.0
    /// print the deprecation warning about that).
    DisabledKeepsService,
    /// The disabled run keeps the settled run id (before: a fresh id on every launch).
    DisabledRunKeepsId,
    /// `WANDB_MODE=disabled` sets the library up without the service process whatever
    /// `mode=` says next (until [`Rule::DisableServiceRemoved`]; before: the service ran).
    DisabledEnvSetsUpWithoutService,
    /// The service process is started for the run, from its settings, not by `wandb.setup`
    /// from the library's: an online or offline `mode=` over `WANDB_MODE=disabled` runs it.
    ServiceStartsForTheRun,
    /// The rewritten `wandb sync` has no `--append`.
    SyncAppendRemoved,
    /// A non-empty dict as `settings=` is applied (before: `wandb.init` raises, the dict has no
    /// `_public_keys`), where a key the release does not know raises `KeyError`; a keyword
    /// `wandb.Settings` does not know is ignored with a warning (before: `TypeError`).
    SettingsDictAccepted,
    /// What a `wandb.Settings` object passed as `settings=` sets — `mode`, `resume`, `run_id` —
    /// is ignored (before: it beat `wandb.init`'s arguments and the environment).
    SettingsObjectIgnored,
    /// What a `wandb.Settings` object passed as `settings=` sets is read again, below
    /// `wandb.init`'s arguments and above the environment.
    SettingsObjectBelowInit,
    /// A `wandb.Settings` object as `settings=` sets the mode with its own (online unless it
    /// says otherwise) over `WANDB_MODE`; the same reading ignores wandb/settings' mode line.
    SettingsObjectModeOverEnv,
    /// `WANDB_MODE` holds under a settings object again, and wandb/settings' mode line counts.
    SettingsObjectModeFixed,
    /// The `disabled = true` line of wandb/settings makes `wandb.init` raise (before: every
    /// launch offline).
    SettingsFileDisabledRaises,
    /// A settings file that fails to load is ignored as a whole, with an error printed (before:
    /// `wandb.init` raises).
    SettingsFileErrorsIgnored,
    /// `WANDB_DISABLED` is read as the `disabled` setting, as wandb/settings' `disabled` line is
    /// (until 0.19.0's settings, which have no such field; before: ignored).
    DisabledEnvRead,
    /// A setting read as a bool keeps a value `strtobool` cannot read as text, after three
    /// warnings (before: none, after one warning).
    UnreadableBoolKept,
    /// The `shared` mode (several processes writing one run) is a mode: the launch goes online
    /// (before: the settings refuse the value and `wandb.init` raises).
    SharedMode,
    /// A settings `resume=True`, stored as given, makes `wandb.init` raise `TypeError` when it
    /// turns the settings into their protobuf (until 0.19.0 reads it as `auto`; before, it was
    /// kept, and the backend treated it as `allow`).
    SettingsResumeTrueRaises,
    /// A `wandb.Settings` object's `resume=False` is not applied, so `WANDB_RESUME` stays
    /// (before: stored, clearing it; a dict's is stored until 0.19.0).
    SettingsObjectDropsFalse,
    /// `wandb.init` turns the service process off for the settings' `_disable_service` where
    /// `WANDB_DISABLE_SERVICE` is unset (before: the key was never acted on).
    SettingsDisableServiceRead,
    /// The setting is `x_disable_service`, with `_disable_service` its alias; either it or
    /// `WANDB_DISABLE_SERVICE` turns the service off.
    DisableServiceRenamed,
    /// The settings' `x_disable_service` wins over `WANDB_DISABLE_SERVICE` (before: either
    /// turned the service off).
    SettingsDisableServiceOverEnv,
    /// `wandb.init` warns that the shared mode is experimental (as "The `_shared` feature").
    SharedModeWarning,
    /// The shared mode's warning calls it "The `shared` mode feature".
    SharedModeWarningReworded,
    /// `wandb.init` waits for the run's answer through the rewritten mailbox: where the Python
    /// backend's process has died, the progress display's next request raises "The wandb
    /// backend process has shutdown" (before: `MailboxError: transport failed`).
    MailboxRewritten,
}

/// One row of the boundary table: a rule and the first release that has it (what changed is
/// the comment above each row; the README's table says it for users).
#[derive(Clone, Copy, Debug)]
pub struct Boundary {
    /// The rule.
    pub rule: Rule,
    /// The first release with the rule.
    pub since: SdkVersion,
}

/// Every version boundary the engine knows, oldest first. Each was confirmed against the
/// released sources (and, where they differ, by running `wandb.init` in both neighbouring
/// versions); the README's table lists the same rows.
pub const BOUNDARIES: [Boundary; 71] = [
    // settings object; `resume="auto"` is a mode (a run id named "auto" before); `resume=False`
    // overrides `WANDB_RESUME`
    Boundary {
        rule: Rule::SettingsObject,
        since: SdkVersion::new(0, 10, 0),
    },
    // a script killed by a signal (SIGTERM, SIGKILL) leaves `wandb-resume.json` (0.9.x's
    // background process took it for a finished script and deleted the file)
    Boundary {
        rule: Rule::KilledScriptKeepsResumeFile,
        since: SdkVersion::new(0, 10, 0),
    },
    // `resume="must"` on an existing run resumes it (0.10.2 checked that it exists, then started
    // it over from step 0 with `wandb.run.resumed` False)
    Boundary {
        rule: Rule::MustLoadsResumeState,
        since: SdkVersion::new(0, 10, 3),
    },
    // `wandb.init` logs in before it applies `mode="offline"`: without an API key it raises
    // `api_key not configured (no-tty)`, offline or not (`WANDB_MODE=offline` is applied first)
    Boundary {
        rule: Rule::LoginBeforeInitMode,
        since: SdkVersion::new(0, 10, 3),
    },
    // `mode=` is applied before the login again: `mode="offline"` needs no API key
    Boundary {
        rule: Rule::InitModeBeforeLogin,
        since: SdkVersion::new(0, 10, 9),
    },
    // `mode="online"` over a library set up offline raises "problem", caused by
    // `AttributeError: 'NoneType' object has no attribute '_flags'` (the user settings are read
    // from the server object an offline setup never made; mode and server-mode vectors)
    Boundary {
        rule: Rule::OnlineOverOfflineSetupCrashes,
        since: SdkVersion::new(0, 10, 9),
    },
    // `WANDB_MODE=disabled` / `mode="disabled"`: `wandb.init` returns a run that logs nothing
    // (before: an unknown mode, and `wandb.init` raises; the mode was called `noop`)
    Boundary {
        rule: Rule::DisabledMode,
        since: SdkVersion::new(0, 10, 10),
    },
    // the resume-file warning fires only when the explicit id differs from the file's (before:
    // whenever an id was set)
    Boundary {
        rule: Rule::ResumeFileWarnsOnlyIfDifferent,
        since: SdkVersion::new(0, 10, 11),
    },
    // the disabled run has an id, a fresh random one on every launch (before: `wandb.run.id` is a
    // placeholder object that prints as an empty string)
    Boundary {
        rule: Rule::DisabledRunGetsId,
        since: SdkVersion::new(0, 10, 19),
    },
    // in a sweep the `wandb.init` id is ignored with a warning (before: it replaced the agent's
    // id)
    Boundary {
        rule: Rule::SweepIgnoresInitId,
        since: SdkVersion::new(0, 10, 22),
    },
    // a disabled launch no longer makes the run directory `wandb/run-<time>-<id>` (before: it did,
    // so an id too long for a file name, or with a NUL, still made `wandb.init` raise)
    Boundary {
        rule: Rule::DisabledSkipsRunDirectory,
        since: SdkVersion::new(0, 10, 30),
    },
    // `resume=""` means unset (before: a run id `""`, i.e. allow with a generated id)
    Boundary {
        rule: Rule::EmptyResumeIsFalsy,
        since: SdkVersion::new(0, 12, 0),
    },
    // offline (`WANDB_MODE=offline`/`dryrun`, `mode=`), a resume setting gets the warning
    // "`resume` will be ignored since W&B syncing is set to `offline`. Starting a new run with
    // run id …"
    Boundary {
        rule: Rule::OfflineResumeWarning,
        since: SdkVersion::new(0, 12, 0),
    },
    // the sweep warning gains its final period
    Boundary {
        rule: Rule::SweepWarningPeriod,
        since: SdkVersion::new(0, 12, 10),
    },
    // a non-empty dict passed as `settings=` is applied (before: `wandb.init` raised "problem",
    // caused by `'dict' object has no attribute '_public_keys'`; an empty dict was skipped),
    // where a key the release does not know raises `KeyError: Unknown settings: […]` (wrapped
    // in "problem", 0.14.1–0.16.5 in "An unexpected error occurred"); the rewritten
    // `wandb.Settings` ignores a keyword it does not know with the warning "Ignoring unexpected
    // arguments: […]. This will raise an error in the future." (before: `TypeError: __init__()
    // got an unexpected keyword argument`)
    Boundary {
        rule: Rule::SettingsDictAccepted,
        since: SdkVersion::new(0, 12, 10),
    },
    // `mode="online"` over a library set up offline goes online (server-mode vectors)
    Boundary {
        rule: Rule::OnlineOverOfflineSetupRepaired,
        since: SdkVersion::new(0, 12, 10),
    },
    // what a `wandb.Settings` object passed as `settings=` sets is ignored: the launch goes
    // online under `wandb.Settings(mode="offline")` and keeps `id=` under
    // `wandb.Settings(run_id="abc")` (before: the object's mode, resume and run id beat
    // `wandb.init`'s arguments and the environment)
    Boundary {
        rule: Rule::SettingsObjectIgnored,
        since: SdkVersion::new(0, 12, 10),
    },
    // `WANDB_DISABLED` is read as the `disabled` setting, after wandb/settings: true makes every
    // launch offline whatever the mode says, but for the disabled mode; false overrides the
    // file's `disabled = true` (before, and from 0.19.0, whose settings have no `disabled`:
    // ignored)
    Boundary {
        rule: Rule::DisabledEnvRead,
        since: SdkVersion::new(0, 12, 10),
    },
    // a setting read as a bool keeps a value `strtobool` cannot read as text, after three
    // warnings (`WANDB_DISABLED=maybe`: offline, an empty value not; 0.12.10: none, after one)
    Boundary {
        rule: Rule::UnreadableBoolKept,
        since: SdkVersion::new(0, 12, 11),
    },
    // the object's `mode`, `resume` and `run_id` are read again, below `wandb.init`'s
    // arguments and above the environment
    Boundary {
        rule: Rule::SettingsObjectBelowInit,
        since: SdkVersion::new(0, 12, 16),
    },
    // service process by default: `wandb-resume.json` survives a script that ends without
    // `run.finish()` (a normal end, `sys.exit(0)`, and `exit(n)` / `raise SystemExit(n)`, which
    // the exit hook before took for a clean end)
    Boundary {
        rule: Rule::ServiceProcess,
        since: SdkVersion::new(0, 13, 0),
    },
    // `wandb sync --append` asks W&B about the run and adds an offline directory's history after
    // the run's rows (with the steps as logged offline); plain `wandb sync` never asks and writes
    // from the first row
    Boundary {
        rule: Rule::SyncAppend,
        since: SdkVersion::new(0, 13, 10),
    },
    // `WANDB_DISABLE_SERVICE` is read as a bool (true/false, yes/no, on/off, 1/0, t/f, y/n;
    // 0.13.0–0.13.10: any non-empty value, even `false`, turns the service off), as the setting
    // `_disable_service`, which a `wandb.Settings` object or a dict may now set (before, an
    // unknown key)
    Boundary {
        rule: Rule::DisableServiceIsBool,
        since: SdkVersion::new(0, 13, 11),
    },
    // an empty or whitespace-only run id gets the warning `Invalid value for property run_id: …
    // This will raise an error in the future.`
    Boundary {
        rule: Rule::WarnEmptyRunId,
        since: SdkVersion::new(0, 14, 1),
    },
    // `wandb.init` whose resume is unset deletes an existing `wandb-resume.json`
    Boundary {
        rule: Rule::ResumeFileRemovedAtInit,
        since: SdkVersion::new(0, 14, 1),
    },
    // server-side resume errors say "You provided an invalid value for the `resume` argument…"
    Boundary {
        rule: Rule::UsageResumeMessages,
        since: SdkVersion::new(0, 14, 1),
    },
    // an empty or whitespace-only run id is rejected (`Invalid value for property run_id: .`)
    Boundary {
        rule: Rule::RejectEmptyRunId,
        since: SdkVersion::new(0, 15, 6),
    },
    // a `WANDB_DISABLE_SERVICE` that is not a bool makes `wandb.init` raise
    // `SettingsPreprocessingError` (0.13.11–0.15.5: three warnings, and the text is kept: the
    // service is off unless it is empty); a keyword `wandb.Settings` does not know raises
    // `SettingsUnexpectedArgsError: Got unexpected arguments: […]` (before: the warning)
    Boundary {
        rule: Rule::UnreadableSettingRaises,
        since: SdkVersion::new(0, 15, 6),
    },
    // a settings `resume=True` (stored as given) makes `wandb.init` raise `TypeError` as it
    // turns the settings into their protobuf, where the setting is a string ("Parameter to
    // CopyFrom() must be instance of same class: expected <class
    // 'google.protobuf.wrappers_pb2.StringValue'> got <class
    // 'google.protobuf.wrappers_pb2.BoolValue'>."; wrapped in "An unexpected error occurred"
    // until 0.16.5), with the service process off too (before: kept, and the backend treats
    // it as `allow`; the settings-server vectors)
    Boundary {
        rule: Rule::SettingsResumeTrueRaises,
        since: SdkVersion::new(0, 15, 6),
    },
    // a `wandb.Settings` object's `resume=False` is not applied: `WANDB_RESUME` stays (before,
    // and a dict's until 0.19.0: stored, clearing it as `resume=False` does)
    Boundary {
        rule: Rule::SettingsObjectDropsFalse,
        since: SdkVersion::new(0, 15, 6),
    },
    // the `shared` mode (several processes, one run) is a mode, online as any other (before:
    // the settings refuse the value and `wandb.init` raises)
    Boundary {
        rule: Rule::SharedMode,
        since: SdkVersion::new(0, 16, 3),
    },
    // `fork_from="<id>?_step=N"` and `WANDB_FORK_FROM`; not together with `resume`
    Boundary {
        rule: Rule::ForkFrom,
        since: SdkVersion::new(0, 16, 5),
    },
    // `resume_from="<id>?_step=N"` and `WANDB_RESUME_FROM`; `resume`, `resume_from`, `fork_from`
    // mutually exclusive
    Boundary {
        rule: Rule::ResumeFrom,
        since: SdkVersion::new(0, 17, 1),
    },
    // a run counts as existing only once it has started: a run a sweep created ahead of time is
    // "missing"
    Boundary {
        rule: Rule::StartedRunCheck,
        since: SdkVersion::new(0, 17, 2),
    },
    // the `resume_from`/id warning fires only when the ids differ
    Boundary {
        rule: Rule::ResumeFromWarnsOnlyIfDifferent,
        since: SdkVersion::new(0, 17, 6),
    },
    // `wandb.init` warns that the shared mode is experimental ("The `_shared` feature is
    // experimental and may change. …")
    Boundary {
        rule: Rule::SharedModeWarning,
        since: SdkVersion::new(0, 17, 6),
    },
    // `WANDB_MODE=disabled` sets the library up without the service process, so an online or
    // offline `mode=` launches without it: `wandb.init` hands the setup `_disable_service` for
    // `mode == "disabled" or (settings.get("mode") or WANDB_MODE) == "disabled"` (0.18.1–0.18.7
    // set the library up with `mode=` itself; 0.19.0–0.19.1 start no service for the setup's
    // disabled settings)
    Boundary {
        rule: Rule::DisabledEnvSetsUpWithoutService,
        since: SdkVersion::new(0, 17, 7),
    },
    // `fork_from` naming the run's own id is rejected
    Boundary {
        rule: Rule::RejectForkFromSameId,
        since: SdkVersion::new(0, 17, 8),
    },
    // turning the service off warns "Disabling the wandb service is deprecated as of version
    // 0.18.0…" ("…removed in version 0.19.0."; from 0.18.0 "…in future versions.")
    Boundary {
        rule: Rule::DisableServiceDeprecated,
        since: SdkVersion::new(0, 17, 8),
    },
    // wandb-core (Go) is the default backend; its resume messages differ slightly
    Boundary {
        rule: Rule::CoreBackend,
        since: SdkVersion::new(0, 18, 0),
    },
    // `wandb.run.resumed` is True again after a resume (False in 0.18.0, wandb/wandb#8395)
    Boundary {
        rule: Rule::CoreResumedFlagFixed,
        since: SdkVersion::new(0, 18, 1),
    },
    // `wandb.init` no longer turns the service process off for the disabled mode, so the
    // deprecation warning 0.17.8–0.18.0 print for that is gone
    Boundary {
        rule: Rule::DisabledKeepsService,
        since: SdkVersion::new(0, 18, 1),
    },
    // a `wandb.Settings` object passed as `settings=` overrides `WANDB_MODE`: `wandb.init` reads
    // the mode as `settings.get("mode") or os.environ["WANDB_MODE"]`, and an object's mode is
    // never empty (online by default), so `WANDB_MODE=offline`/`disabled` launches online;
    // handed to the setup as its mode, that reading drops the mode line of wandb/settings
    Boundary {
        rule: Rule::SettingsObjectModeOverEnv,
        since: SdkVersion::new(0, 18, 1),
    },
    // `wandb.init` sets the library up with the service off for `settings.get("_disable_service")
    // or os.environ["WANDB_DISABLE_SERVICE"]`, so the settings' `_disable_service=True` turns it
    // off where the variable is unset (the variable, even `false`, wins; before: `wandb.setup`
    // had started it, and the key was never acted on)
    Boundary {
        rule: Rule::SettingsDisableServiceRead,
        since: SdkVersion::new(0, 18, 1),
    },
    // a resumed run's config is in `wandb.config` again (empty in 0.18.0–0.18.5,
    // wandb/wandb#8775)
    Boundary {
        rule: Rule::CoreResumedConfigFixed,
        since: SdkVersion::new(0, 18, 6),
    },
    // `resume` must be allow/must/never/auto or a bool (True→auto, False→unset, which no longer
    // clears `WANDB_RESUME`); a string is no longer a run id; `WANDB_SWEEP_ID` validated
    Boundary {
        rule: Rule::StrictResume,
        since: SdkVersion::new(0, 19, 0),
    },
    // a run id may not start or end with whitespace
    Boundary {
        rule: Rule::RejectEdgeWhitespace,
        since: SdkVersion::new(0, 19, 0),
    },
    // `WANDB_MODE` holds under a settings object again (the pydantic settings), and the mode
    // line of wandb/settings is read again
    Boundary {
        rule: Rule::SettingsObjectModeFixed,
        since: SdkVersion::new(0, 19, 0),
    },
    // the `disabled = true` line `wandb offline` wrote into wandb/settings (up to 0.19.1) makes
    // `wandb.init` raise: the pydantic settings have no `disabled` (before: `_offline` read it,
    // and every launch there went offline)
    Boundary {
        rule: Rule::SettingsFileDisabledRaises,
        since: SdkVersion::new(0, 19, 0),
    },
    // the setting is `x_disable_service` (`_disable_service` its alias; before, `x_disable_service`
    // was unknown); it or `WANDB_DISABLE_SERVICE`, either one, turns the service off
    Boundary {
        rule: Rule::DisableServiceRenamed,
        since: SdkVersion::new(0, 19, 0),
    },
    // `wandb.init` works with the service process off again (0.19.0 raises `AttributeError:
    // SettingsStatic has no attribute __pydantic_private__`)
    Boundary {
        rule: Rule::DisabledServiceRepaired,
        since: SdkVersion::new(0, 19, 1),
    },
    // the settings' `x_disable_service` decides the service process over `WANDB_DISABLE_SERVICE`:
    // `False` keeps it on (the variable's deprecation warning is still printed; before, either
    // turned it off)
    Boundary {
        rule: Rule::SettingsDisableServiceOverEnv,
        since: SdkVersion::new(0, 19, 2),
    },
    // the service process is started for the run (`wandb.init`) from the run's settings, no
    // longer by `wandb.setup` from the library's, which `WANDB_MODE=disabled` had made disabled
    Boundary {
        rule: Rule::ServiceStartsForTheRun,
        since: SdkVersion::new(0, 19, 2),
    },
    // an unreadable or empty `wandb-resume.json` is ignored; warning reworded ("Ignoring ID …
    // loaded due to resume='auto'…")
    Boundary {
        rule: Rule::LenientResumeFile,
        since: SdkVersion::new(0, 19, 3),
    },
    // `fork_from` and `resume_from` work again (0.19.0–0.19.4 crash or reject every use)
    Boundary {
        rule: Rule::BranchingRepaired,
        since: SdkVersion::new(0, 19, 5),
    },
    // the login `wandb.init` makes for an online launch warns "Unable to verify login in
    // offline mode." where the library was set up offline (`mode="online"` over
    // `WANDB_MODE=offline`: mode and server-mode vectors)
    Boundary {
        rule: Rule::LoginWarnsOfflineSetup,
        since: SdkVersion::new(0, 19, 5),
    },
    // the shared mode's warning calls it "The `shared` mode feature"
    Boundary {
        rule: Rule::SharedModeWarningReworded,
        since: SdkVersion::new(0, 19, 6),
    },
    // the mailbox is rewritten: where the Python backend's process dies (a rewind of a run W&B
    // does not hold, the service off), wandb.init raises "The wandb backend process has
    // shutdown" from the progress display's next request (the mixed branching timelines)
    Boundary {
        rule: Rule::MailboxRewritten,
        since: SdkVersion::new(0, 19, 7),
    },
    // `resume_from` supplies the run id again when none is given (0.19.5–0.19.8 generate one, and
    // the rewind fails)
    Boundary {
        rule: Rule::ResumeFromSuppliesIdAgain,
        since: SdkVersion::new(0, 19, 9),
    },
    // wandb-core no longer refuses a `fork_from` naming the run's own id when the run starts
    // (0.18.0–0.19.11 raise "fork_from run id must be different from current run id", also where
    // `WANDB_FORK_FROM` slipped past the Python check); it asks W&B to rewind that run instead
    // (the server-service vectors)
    Boundary {
        rule: Rule::CoreAcceptsSelfFork,
        since: SdkVersion::new(0, 20, 0),
    },
    // `WANDB_DISABLE_SERVICE` is ignored: the service process always runs; the settings'
    // `x_disable_service` / `_disable_service` raise `ValidationError` ("Extra inputs are not
    // permitted")
    Boundary {
        rule: Rule::DisableServiceRemoved,
        since: SdkVersion::new(0, 20, 0),
    },
    // a run id may not contain any of `:;,#?/'`
    Boundary {
        rule: Rule::RejectReservedChars,
        since: SdkVersion::new(0, 21, 0),
    },
    // every `wandb.init` that gets past its settings warns "Changes to your `wandb` environment
    // variables will be ignored…" (its check that the environment changed is inverted); nothing
    // is ignored
    Boundary {
        rule: Rule::SpuriousEnvChangeWarning,
        since: SdkVersion::new(0, 21, 2),
    },
    // the check is fixed: no warning unless the environment changed after `wandb.setup()`
    Boundary {
        rule: Rule::EnvChangeWarningFixed,
        since: SdkVersion::new(0, 21, 3),
    },
    // the offline login warning moved to `wandb.login` (server-mode vectors)
    Boundary {
        rule: Rule::LoginOfflineWarningMoved,
        since: SdkVersion::new(0, 23, 1),
    },
    // a settings file that fails to load (the `disabled` line) is ignored as a whole: wandb
    // prints the error and every line of the file, its mode too, is lost (before: raises)
    Boundary {
        rule: Rule::SettingsFileErrorsIgnored,
        since: SdkVersion::new(0, 24, 1),
    },
    // `wandb.run.step` reads 0 right after a resumed `wandb.init`; `wandb.run.starting_step`
    // holds the step
    Boundary {
        rule: Rule::RunStepFromBackend,
        since: SdkVersion::new(0, 27, 2),
    },
    // the disabled run keeps the settled run id (before: a fresh random id on every launch)
    Boundary {
        rule: Rule::DisabledRunKeepsId,
        since: SdkVersion::new(0, 29, 0),
    },
    // the rewritten `wandb sync` has no `--append`: a directory can only be written over a run
    Boundary {
        rule: Rule::SyncAppendRemoved,
        since: SdkVersion::new(0, 30, 0),
    },
    // resume errors reworded ("Run (…) already exists, but your `resume` setting…")
    Boundary {
        rule: Rule::PlainResumeMessages,
        since: SdkVersion::new(0, 31, 0),
    },
    // offline, that warning is gone (resume is still not applied until `wandb sync`)
    Boundary {
        rule: Rule::OfflineResumeWarningDropped,
        since: SdkVersion::new(0, 31, 0),
    },
];

/// The versions worth checking a configuration against, newest first: the newest release,
/// and for each rule the first release with it and the last one without it.
pub fn boundary_versions() -> Vec<SdkVersion> {
    let mut versions = vec![SdkVersion::NEWEST];
    for b in &BOUNDARIES {
        versions.extend(b.since.first_release_from());
        versions.extend(b.since.previous_release());
    }
    // Newest first, by insertion (a few dozen versions; the standard sort would add its
    // general machinery to the wasm module).
    let mut sorted: Vec<SdkVersion> = Vec::with_capacity(versions.len());
    for v in versions {
        match sorted.binary_search_by(|probe| v.cmp(probe)) {
            Ok(_) => {}
            Err(at) => sorted.insert(at, v),
        }
    }
    sorted
}

// `Profile` keeps one bit per rule (a u64 held 64 rules, and 63 were in use).
const _: () = assert!(BOUNDARIES.len() <= 128);

/// The rules of one SDK version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Profile {
    /// The version whose rules these are.
    pub version: SdkVersion,
    /// Bit `rule % 64` of word `rule / 64` set when the version has the rule: worked out
    /// once, since the engine asks dozens of times per decision.
    rules: [u64; 2],
}

impl Profile {
    /// The profile of `version`.
    pub fn new(version: SdkVersion) -> Self {
        let rules = BOUNDARIES
            .iter()
            .filter(|b| version >= boundary_since(b))
            .fold([0u64; 2], |mut mask, b| {
                mask[b.rule as usize / 64] |= 1 << (b.rule as u32 % 64);
                mask
            });
        Profile { version, rules }
    }

    /// True when this version has `rule`.
    pub fn has(&self, rule: Rule) -> bool {
        self.rules[rule as usize / 64] & (1 << (rule as u32 % 64)) != 0
    }
}

#[cfg(feature = "rule-mutation")]
thread_local! {
    static DROPPED: core::cell::Cell<Option<Rule>> = const { core::cell::Cell::new(None) };
}

/// Test hook (cargo feature `rule-mutation`, never in a release): on this thread, acts as if
/// `rule` had never shipped, so `tests/rule_mutation.rs` can check that the conformance
/// vectors pin every client-side rule. `None` restores the table.
#[cfg(feature = "rule-mutation")]
pub fn drop_rule(rule: Option<Rule>) {
    DROPPED.with(|d| d.set(rule));
}

/// The first release that has `rule`.
pub fn since(rule: Rule) -> SdkVersion {
    BOUNDARIES
        .iter()
        .find(|b| b.rule == rule)
        .map(boundary_since)
        .unwrap_or(SdkVersion::OLDEST)
}

/// The first release of a boundary's rule (out of reach when a test has dropped it).
fn boundary_since(boundary: &Boundary) -> SdkVersion {
    #[cfg(feature = "rule-mutation")]
    if DROPPED.with(|d| d.get()) == Some(boundary.rule) {
        return SdkVersion::new(u16::MAX, 0, 0);
    }
    boundary.since
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundary_versions_are_releases_on_both_sides_of_every_boundary() {
        let versions = boundary_versions();
        assert_eq!(versions.first(), Some(&SdkVersion::NEWEST));
        assert!(versions.windows(2).all(|w| w[0] > w[1]));
        assert!(versions.iter().all(|v| v.is_released()), "{versions:?}");
        for b in &BOUNDARIES {
            assert!(versions.contains(&b.since.first_release_from().unwrap()));
        }
        // 0.20.0's neighbour below; 0.10.0 was never on PyPI, so 0.10.x starts at 0.10.2.
        assert!(versions.contains(&SdkVersion::new(0, 19, 11)));
        assert!(versions.contains(&SdkVersion::new(0, 10, 2)));
        assert!(!versions.contains(&SdkVersion::new(0, 10, 0)));
        assert_eq!(
            SdkVersion::new(0, 10, 2).previous_release(),
            Some(SdkVersion::new(0, 9, 7))
        );
        assert_eq!(SdkVersion::OLDEST.previous_release(), None);
    }

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
