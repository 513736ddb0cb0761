use wandb_resume::{codec, decide};
fn main() {
    let json = r#"{"sdk":"0.19.0","env":{"WANDB_RESUME":"allow","WANDB_RUN_ID":"exp-42-seed-1","WANDB_PROJECT":"llm"},"init":{"resume":"auto"},"context":{"resumeFile":null,"runExists":null}}"#;
    let n: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse().unwrap())
        .unwrap_or(1000);
    let mut total = 0;
    let t = std::time::Instant::now();
    for _ in 0..n {
        let input = codec::input_from_json(json).unwrap();
        let d = decide(&input);
        total += codec::to_json(&d).len();
    }
    eprintln!(
        "{:.3} us/iter {}",
        t.elapsed().as_secs_f64() * 1e6 / n as f64,
        total
    );
}
