//! Chapter 13 · queues: a bounded channel between producers and a pool of workers.
//!
//! The code the chapter shows, and tests that prove what it says.

use crate::Scene;

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[];
