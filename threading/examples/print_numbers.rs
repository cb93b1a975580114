//! The seed's `threading` snippet, run unmodified by MiniPy: the main thread
//! goes on (`Main thread continues...`) while the worker prints 0..4 with a
//! one-second `time.sleep` between them — the sleep releases the GIL, so the
//! main thread is never held up.
//!
//! ```text
//! cargo run --release -p threading --example print_numbers
//! ```
//!
//! Output (the same as `python3` prints for this code; the first two lines
//! may swap, as they can in CPython):
//! ```text
//! 0
//! Main thread continues...
//! 1
//! 2
//! 3
//! 4
//! ```

use threading::{Config, Interpreter};

/// The snippet from the seed file, indentation restored, not one character changed.
const SNIPPET: &str = r#"import threading
import time
def print_numbers():
    for i in range(5):
        print(i)
        time.sleep(1)
thread = threading.Thread(target=print_numbers)
thread.start()
print("Main thread continues...")
thread.join() # Wait for the thread to finish
"#;

fn main() {
    // Streamed, not captured: the numbers appear one second apart.
    let outcome = Interpreter::new(Config::default()).run_source("print_numbers.py", SNIPPET);
    std::process::exit(outcome.exit_code);
}
