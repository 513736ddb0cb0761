//! Ready-made restart scenarios, as data: the situations the documentation is about, for the
//! web form's timeline picker and for the docs. Each is a configuration and its restarts;
//! `simulate` gives the timeline.

#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

use crate::derive::{DEFAULT_DERIVED_LENGTH, derive_run_id};
use crate::env_vars::EnvVars;
use crate::model::{InitArgs, LaunchContext, ResumeArg, ResumeInput};
use crate::timeline::{Attempt, Ending, Place};

/// A named configuration with its restarts.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify))]
#[cfg_attr(target_arch = "wasm32", serde(rename_all = "camelCase"))]
pub struct Scenario {
    /// Stable identifier, e.g. `slurm-requeue`.
    pub id: String,
    /// Short title.
    pub title: String,
    /// What happens and what it shows.
    pub description: String,
    /// The configuration.
    pub input: ResumeInput,
    /// The restarts.
    pub attempts: Vec<Attempt>,
}

crate::json_object!(Scenario {
    "id": id,
    "title": title,
    "description": description,
    "input": input,
    "attempts": attempts,
});

fn env(pairs: &[(&str, &str)]) -> Option<EnvVars> {
    Some(pairs.iter().copied().collect())
}

fn resume_true() -> Option<InitArgs> {
    Some(InitArgs {
        resume: Some(ResumeArg::Bool(true)),
        ..Default::default()
    })
}

fn restarts(n: usize, after: Ending, place: Place) -> Vec<Attempt> {
    (0..n)
        .map(|_| Attempt {
            after,
            place,
            env: None,
            init: None,
            delete_run: false,
        })
        .collect()
}

/// Every ready-made scenario.
pub fn scenarios() -> Vec<Scenario> {
    // The id a SLURM job gets from `deriveRunId("$SLURM_JOB_ID-$SLURM_ARRAY_TASK_ID")`.
    let slurm_id = derive_run_id("4242-0", DEFAULT_DERIVED_LENGTH).unwrap_or_default();
    vec![
        Scenario {
            id: "preemptible-same-machine".into(),
            title: "Preemptible job, resume=True, same machine".into(),
            description: "The documentation's own example: the job is preempted twice and restarts in the same directory, so wandb-resume.json carries the id and every restart resumes.".into(),
            input: ResumeInput {
                init: resume_true(),
                context: Some(LaunchContext {
                    shared_filesystem: Some(true),
                    ..Default::default()
                }),
                ..Default::default()
            },
            attempts: restarts(2, Ending::Preempted, Place::SameDirectory),
        },
        Scenario {
            id: "preemptible-new-machine".into(),
            title: "Preemptible job, resume=True, restarted elsewhere".into(),
            description: "The same configuration, but each restart lands on another machine: no wandb-resume.json there, so each restart is a new run — one training split into three.".into(),
            input: ResumeInput {
                init: resume_true(),
                context: Some(LaunchContext {
                    shared_filesystem: Some(false),
                    ..Default::default()
                }),
                ..Default::default()
            },
            attempts: restarts(2, Ending::Preempted, Place::NewMachine),
        },
        Scenario {
            id: "allow-fixed-id".into(),
            title: "WANDB_RESUME=allow with a fixed WANDB_RUN_ID".into(),
            description: "The documented fix for restarts without a shared filesystem: the first launch creates the run, every restart anywhere resumes it.".into(),
            input: ResumeInput {
                env: env(&[("WANDB_RESUME", "allow"), ("WANDB_RUN_ID", "job-1234")]),
                ..Default::default()
            },
            attempts: restarts(2, Ending::Crashed, Place::NewMachine),
        },
        Scenario {
            id: "must-first-launch".into(),
            title: "WANDB_RESUME=must on the first launch".into(),
            description: "must only resumes: on the first launch the run does not exist yet, so wandb.init fails — and so does every retry.".into(),
            input: ResumeInput {
                env: env(&[("WANDB_RESUME", "must"), ("WANDB_RUN_ID", "job-1234")]),
                ..Default::default()
            },
            attempts: restarts(1, Ending::Crashed, Place::SameDirectory),
        },
        Scenario {
            id: "slurm-requeue".into(),
            title: "SLURM requeue with a derived id".into(),
            description: "sbatch --requeue puts the job on another node. WANDB_RUN_ID is derived from the job id and array index (deriveRunId(\"$SLURM_JOB_ID-$SLURM_ARRAY_TASK_ID\")), so the requeued job resumes its run.".into(),
            input: ResumeInput {
                env: env(&[("WANDB_RESUME", "allow"), ("WANDB_RUN_ID", &slurm_id)]),
                ..Default::default()
            },
            attempts: restarts(2, Ending::Preempted, Place::NewMachine),
        },
        Scenario {
            id: "kubernetes-pod-restart".into(),
            title: "Kubernetes pod restart with resume=True".into(),
            description: "A restarted pod starts with an empty working directory (no persistent volume for wandb/), so resume=True finds no wandb-resume.json and starts a new run each time.".into(),
            input: ResumeInput {
                init: resume_true(),
                context: Some(LaunchContext {
                    shared_filesystem: Some(false),
                    ..Default::default()
                }),
                ..Default::default()
            },
            attempts: restarts(2, Ending::Crashed, Place::NewMachine),
        },
        Scenario {
            id: "ranks-one-id".into(),
            title: "Four ranks with one run id".into(),
            description: "Every process of a distributed job calls wandb.init with the same WANDB_RUN_ID: they all write to one run at once, which records unexpected results and gets rate-limited.".into(),
            input: ResumeInput {
                env: env(&[("WANDB_RESUME", "allow"), ("WANDB_RUN_ID", "ddp-job-7")]),
                context: Some(LaunchContext {
                    processes: Some(4),
                    ..Default::default()
                }),
                ..Default::default()
            },
            attempts: restarts(1, Ending::Crashed, Place::SameDirectory),
        },
        Scenario {
            id: "empty-resume-file".into(),
            title: "An empty wandb-resume.json, resume=True".into(),
            description: "Left by a job killed while wandb rewrote it, or by a full disk. 0.19.3+ start a new run; 0.10.0–0.19.2 fail until it is deleted (try 0.19.2).".into(),
            input: ResumeInput {
                init: resume_true(),
                context: Some(LaunchContext {
                    resume_file_text: Some(String::new()),
                    ..Default::default()
                }),
                ..Default::default()
            },
            attempts: restarts(2, Ending::Preempted, Place::SameDirectory),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Action;
    use crate::timeline::simulate;

    fn timeline(id: &str) -> crate::timeline::Timeline {
        let s = scenarios().into_iter().find(|s| s.id == id).unwrap();
        simulate(&s.input, &s.attempts).unwrap()
    }

    fn actions(t: &crate::timeline::Timeline) -> Vec<Action> {
        t.attempts.iter().map(|a| a.outcome.action).collect()
    }

    #[test]
    fn every_scenario_has_the_expected_timeline() {
        use Action::*;
        let expected: [(&str, &[Action], u32, u32); 8] = [
            ("preemptible-same-machine", &[Create, Resume, Resume], 1, 0),
            ("preemptible-new-machine", &[Create, Create, Create], 3, 0),
            ("allow-fixed-id", &[Create, Resume, Resume], 1, 0),
            ("must-first-launch", &[Fail, Fail], 0, 2),
            ("slurm-requeue", &[Create, Resume, Resume], 1, 0),
            ("kubernetes-pod-restart", &[Create, Create, Create], 3, 0),
            ("ranks-one-id", &[Create, Resume], 1, 0),
            ("empty-resume-file", &[Create, Resume, Resume], 1, 0),
        ];
        assert_eq!(scenarios().len(), expected.len());
        for (id, acts, runs, failed) in expected {
            let t = timeline(id);
            assert_eq!(actions(&t), acts, "{id}");
            assert_eq!(t.summary.runs, runs, "{id}");
            assert_eq!(t.summary.failed_attempts, failed, "{id}");
        }
    }

    /// What the empty file's description says of 0.19.2: every attempt fails.
    #[test]
    fn the_empty_resume_file_fails_every_attempt_on_0_19_2() {
        let mut s = scenarios()
            .into_iter()
            .find(|s| s.id == "empty-resume-file")
            .unwrap();
        s.input.sdk = Some("0.19.2".into());
        let t = simulate(&s.input, &s.attempts).unwrap();
        assert_eq!(actions(&t), [Action::Fail; 3]);
    }

    #[test]
    fn ranks_scenario_warns_about_concurrency() {
        let t = timeline("ranks-one-id");
        assert!(
            t.attempts[0]
                .decision
                .diagnostics
                .iter()
                .any(|d| d.code == "concurrent-processes")
        );
    }
}
