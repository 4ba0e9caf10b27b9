//! The framing pages: why async, concurrency and parallelism, the runtime, blocking
//! work, and the asyncio-to-tokio map.
//!
//! The code those pages show, and tests that prove what they say.

use crate::Scene;

/// The runs the framing pages draw.
pub const SCENES: &[Scene] = &[];
