//! Coverage-guided fuzzing of the whole pipeline: any bytes must give a
//! document that serialises, without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let doc = greffier::parse_bytes("fuzz.txt", data);
    serde_json::to_string(&doc).expect("a document always serialises");
});
