//! Chapter 07 · lock: no two buyers get the same seat.
//!
//! The code the chapter shows, and tests that prove what it says.

use crate::Scene;

/// The runs this chapter draws.
pub const SCENES: &[Scene] = &[];
