#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| auth_playground_fuzz::saved_state(data));
