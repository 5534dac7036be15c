//! Writes a generated map of N touchpoints (`JourneyMap::generated`, as the benchmarks use) to a
//! map file, for trying the editor on big maps in a real window:
//!
//! ```sh
//! cargo run --release --example generate_map -- 10000 big.ron
//! target/release/journeymap big.ron
//! ```

use journeymap::model::JourneyMap;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [count, path] = args.as_slice() else {
        eprintln!("usage: generate_map TOUCHPOINTS OUT.ron");
        return ExitCode::from(2);
    };
    let Ok(count) = count.parse::<usize>() else {
        eprintln!("generate_map: {count:?} is not a number of touchpoints");
        return ExitCode::from(2);
    };
    let map = JourneyMap::generated(count);
    if let Err(err) = journeymap::io::save(std::path::Path::new(path), &map) {
        eprintln!("generate_map: cannot write {path}: {err}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
