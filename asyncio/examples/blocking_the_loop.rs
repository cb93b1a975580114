//! One blocking call inside a task stalls every other task on the loop —
//! and debug mode names the culprit.
//!
//! ```text
//! cargo run -p asyncio --example blocking_the_loop
//! ASYNCIO_DEBUG=1 cargo run -p asyncio --example blocking_the_loop   # same warning via the environment
//! ```
//!
//! A "ticker" task wants to run every 10 ms. A "cruncher" task calls
//! `std::thread::sleep(300 ms)` (standing for any blocking call: a CPU
//! loop, blocking file or socket I/O). While it blocks, the loop cannot
//! run the ticker: its longest gap is ~300 ms, not 10 ms. Debug mode prints
//! asyncio's warning (`Executing <Task 'cruncher'> took 0.300 seconds`).
//! The fix is `to_thread`: the same blocking call on a pool thread keeps
//! the ticker on time. Each run also prints its task timeline: the
//! cruncher's one long poll is a solid bar in the first, absent in the
//! second.
//!
//! Python equivalent:
//! ```python
//! async def cruncher():
//!     time.sleep(0.3)                        # blocks the loop
//!     # await asyncio.to_thread(time.sleep, 0.3)   # does not
//! asyncio.run(main(), debug=True)
//! ```

use asyncio::{render_timeline, sleep, spawn_named, to_thread, Config, Runner};
use std::time::{Duration, Instant};

/// Ticks every 10 ms for `ticks` ticks; returns the longest gap seen.
async fn ticker(ticks: usize) -> Duration {
    let mut longest = Duration::ZERO;
    let mut last = Instant::now();
    for _ in 0..ticks {
        sleep(Duration::from_millis(10)).await;
        longest = longest.max(last.elapsed());
        last = Instant::now();
    }
    longest
}

fn main() -> Result<(), asyncio::Error> {
    let mut runner = Runner::new(Config {
        debug: true,
        record_timeline: true,
        ..Config::from_env()
    });

    let blocked = runner.run(async {
        let tick = spawn_named("ticker", ticker(40));
        let crunch = spawn_named("cruncher", async {
            sleep(Duration::from_millis(50)).await;
            std::thread::sleep(Duration::from_millis(300)); // blocks the loop!
        });
        crunch.await.expect("cruncher");
        tick.await.expect("ticker")
    })?;
    println!(
        "blocking call in a task: ticker's longest gap {:.0} ms (wanted 10 ms)",
        blocked.as_secs_f64() * 1e3
    );
    for slow in runner.slow_polls() {
        println!(
            "  debug mode flagged task '{}' ({:.0} ms)",
            slow.task,
            slow.duration.as_secs_f64() * 1e3
        );
    }
    println!(
        "  timeline (█ = being polled):\n{}",
        render_timeline(runner.timeline(), 60)
    );

    let offloaded = runner.run(async {
        let tick = spawn_named("ticker", ticker(40));
        let crunch = spawn_named("cruncher", async {
            sleep(Duration::from_millis(50)).await;
            to_thread(|| std::thread::sleep(Duration::from_millis(300)))
                .await
                .expect("pool thread");
        });
        crunch.await.expect("cruncher");
        tick.await.expect("ticker")
    })?;
    println!(
        "same call via to_thread: ticker's longest gap {:.0} ms; slow polls flagged: {}",
        offloaded.as_secs_f64() * 1e3,
        runner.slow_polls().len()
    );
    println!(
        "  timeline (█ = being polled):\n{}",
        render_timeline(runner.timeline(), 60)
    );
    Ok(())
}
