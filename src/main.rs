//! The main job (first version): runs every workload's sequential reference.
fn main() {}
