//! The shell-block parser on arbitrary text: a result or a `ParseError` with a position
//! inside the text, never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wandb_resume::env_block::parse_env_block;

fuzz_target!(|text: &str| {
    match parse_env_block(text) {
        Ok(block) => {
            for name in &block.unresolved {
                assert!(block.env.contains_key(name), "{name}");
            }
        }
        Err(e) => {
            assert!(e.position.line >= 1 && e.position.column >= 1);
            // Lines end at `\n`, `\r\n` or a lone `\r` (Python's tokenizer counts all three).
            let line_ends = text.matches('\n').count() + text.matches('\r').count();
            assert!(e.position.line as usize <= line_ends + 1);
        }
    }
});
