//! Chapter 09 · spawn_blocking: keep blocking calls off the runtime's thread.
//!
//! The code the chapter shows, and tests that prove what it says.

use crate::Scene;

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[];
