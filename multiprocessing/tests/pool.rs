//! The pool suite (tests/support/pool_suite.rs) with the fork start method,
//! once over the pipe transport and once over ipc-channel.

mod support;

include!("support/pool_suite.rs");

pool_suite!(
    fork_pipe,
    multiprocessing::StartMethod::Fork,
    multiprocessing::Transport::Pipe
);
pool_suite!(
    fork_ipc_channel,
    multiprocessing::StartMethod::Fork,
    multiprocessing::Transport::IpcChannel
);
