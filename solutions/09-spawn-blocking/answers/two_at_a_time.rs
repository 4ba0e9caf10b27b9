//! grader: expect fail reports_render_side_by_side "The right reports, in another order"
//! `buffered(2)` keeps the order, but two at a time: no, `buffer_unordered(2)`, which
//! hands back the reports as they finish, and starts the third only when a slot is free.
//! grader: replaces items

use futures::stream::{self, StreamExt as _};

/// At most two renderings at a time, "to spare the pool".
pub async fn render_all(names: &[&str]) -> Vec<String> {
    stream::iter(names.iter().copied()).map(render).buffer_unordered(2).collect().await
}
