//! Counting tests across stages: a command's output is shown as it comes and read for
//! the test runners' summary lines (cargo's libtest and wasm-bindgen-test-runner:
//! `test result: ok. 12 passed; 0 failed; …`; node's test runner: `# pass 31` / `# fail 0`
//! in TAP, `ℹ pass 31` / `ℹ fail 0` in its spec reporter).

use crate::setup::root;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

/// Tests passed and failed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Count {
    /// Passed.
    pub passed: u64,
    /// Failed.
    pub failed: u64,
}

impl std::ops::AddAssign for Count {
    fn add_assign(&mut self, o: Count) {
        self.passed += o.passed;
        self.failed += o.failed;
    }
}

/// The number just before `word` in `line` (`12 passed` → 12 for `passed`).
fn number_before(line: &str, word: &str) -> Option<u64> {
    let words: Vec<&str> = line.split(|c: char| c.is_whitespace() || c == ';' || c == ',').collect();
    words.windows(2).find(|w| w[1] == word).and_then(|w| w[0].parse().ok())
}

/// What one output line adds to the count, if it is a summary line.
pub fn read_line(line: &str) -> Option<Count> {
    let t = line.trim();
    if let Some(rest) = t.strip_prefix("test result: ") {
        return Some(Count {
            passed: number_before(rest, "passed").unwrap_or(0),
            failed: number_before(rest, "failed").unwrap_or(0),
        });
    }
    for prefix in ["# ", "ℹ "] {
        if let Some(rest) = t.strip_prefix(prefix) {
            let mut parts = rest.split_whitespace();
            let (key, n) = (parts.next(), parts.next().and_then(|n| n.parse::<u64>().ok()));
            if parts.next().is_none() {
                match (key, n) {
                    (Some("pass"), Some(n)) => return Some(Count { passed: n, failed: 0 }),
                    (Some("fail"), Some(n)) => return Some(Count { passed: 0, failed: n }),
                    _ => {}
                }
            }
        }
    }
    None
}

/// Runs `cmd` (in the repository root unless it names a folder), showing its output, and
/// counts the tests its summary lines report. `Err` when it fails, with what it counted.
pub fn run_counted(cmd: &mut Command) -> (Count, Result<(), String>) {
    let shown = format!("{cmd:?}");
    if cmd.get_current_dir().is_none() {
        cmd.current_dir(root());
    }
    let mut child = match cmd.stdout(Stdio::piped()).spawn() {
        Ok(c) => c,
        Err(e) => return (Count::default(), Err(format!("could not start {shown}: {e}"))),
    };
    let mut count = Count::default();
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            println!("{line}");
            if let Some(c) = read_line(&line) {
                count += c;
            }
        }
    }
    match child.wait() {
        Ok(status) if status.success() => (count, Ok(())),
        Ok(status) => (count, Err(format!("{shown} failed ({status})"))),
        Err(e) => (count, Err(format!("{shown}: {e}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_runners_summary_lines() {
        let c = |p, f| Some(Count { passed: p, failed: f });
        assert_eq!(
            read_line("test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.1s"),
            c(12, 0)
        );
        assert_eq!(read_line("test result: FAILED. 3 passed; 2 failed; 0 ignored"), c(3, 2));
        assert_eq!(read_line("# pass 31"), c(31, 0));
        assert_eq!(read_line("# fail 1"), c(0, 1));
        assert_eq!(read_line("ℹ pass 7"), c(7, 0));
        assert_eq!(read_line("# Subtest: pass 3 things"), None);
        assert_eq!(read_line("ok 1 - a test"), None);
        assert_eq!(read_line("# tests 31"), None);
    }
}
