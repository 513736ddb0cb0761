//! Prints the timeline for each `{ input, attempts }` JSON given on the command line — a quick
//! way to see what `simulate` says while working on a rule:
//!
//! `cargo run -q --example simulate -- '{"input":{"sdk":"0.31.0","env":{"WANDB_RESUME":"allow","WANDB_RUN_ID":"a"}},"attempts":[{"after":"crashed","where":"sameDirectory"}]}'`

use wandb_resume::{codec, simulate, timeline::SimulateArgs};

fn main() {
    for json in std::env::args().skip(1) {
        let args = codec::from_json::<SimulateArgs>(&json).unwrap();
        let timeline = simulate(&args.input, &args.attempts).unwrap();
        println!("{json}");
        for a in &timeline.attempts {
            println!(
                "  #{} after={:?} existed={} action={:?} resumed={} run={:?} file={:?}\n     {}",
                a.index,
                a.after,
                a.run_existed,
                a.outcome.action,
                a.outcome.resumed,
                a.run_id,
                a.resume_file_at_end,
                a.outcome.message
            );
            for d in &a.decision.diagnostics {
                println!("     {:?} {}", d.severity, d.code);
            }
        }
        println!("  => {}", timeline.summary.verdict);
    }
}
