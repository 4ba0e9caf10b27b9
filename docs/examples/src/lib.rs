//! The book's Rust code.
//!
//! Every Rust block in `docs/src` is copied from a file in this crate (or, when the
//! lesson is that it does not compile, from a trybuild case), and every timeline and
//! trace the book shows is drawn from a run: a trace the reference solution recorded,
//! or one of this crate's [`scenes`]. `cargo sync-book` rewrites the book's blocks from
//! their sources, and `cargo test -p book-examples` fails when one has drifted (see
//! [`sync`] for the directives).
//!
//! Each chapter's module compiles its examples, and its tests run them to prove what
//! the chapter claims ("three fetches take 1 s").

pub mod links;
pub mod sync;

pub mod framing;

#[cfg(test)]
mod testing;

pub mod ch01;
pub mod ch02;
pub mod ch03;
pub mod ch04;
pub mod ch05;
pub mod ch06;
pub mod ch07;
pub mod ch08;
pub mod ch09;
pub mod ch10;
pub mod ch11;
pub mod ch12;
pub mod ch13;
pub mod ch14;
pub mod ch15;
pub mod ch16;
pub mod ch17;
pub mod ch18;
pub mod ch19;
pub mod ch20;

pub use sync::{Picture, Scene};

/// Every scene a chapter can draw, by name (`<!-- timeline: scene ch04::one_by_one -->`).
pub fn scenes() -> Vec<Scene> {
    [
        framing::SCENES,
        ch01::SCENES,
        ch02::SCENES,
        ch03::SCENES,
        ch04::SCENES,
        ch05::SCENES,
        ch06::SCENES,
        ch07::SCENES,
        ch08::SCENES,
        ch09::SCENES,
        ch10::SCENES,
        ch11::SCENES,
        ch12::SCENES,
        ch13::SCENES,
        ch14::SCENES,
        ch15::SCENES,
        ch16::SCENES,
        ch17::SCENES,
        ch18::SCENES,
        ch19::SCENES,
        ch20::SCENES,
    ]
    .concat()
}
