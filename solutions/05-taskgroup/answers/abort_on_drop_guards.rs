//! grader: expect pass
//! Another correct answer: plain `tokio::spawn` handles wrapped in a guard that aborts its task when dropped, joined with `try_join_all`.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::task::{JoinError, JoinHandle};
use workbook::sim::deploy::{self, DeployError, Deployed};

/// A JoinHandle that cancels its task when dropped.
struct AbortOnDrop<T>(JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl<T> Future for AbortOnDrop<T> {
    type Output = Result<T, JoinError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        Pin::new(&mut self.0).poll(cx)
    }
}

pub async fn deploy_all(servers: &[&str]) -> Result<Vec<Deployed>, DeployError> {
    let guards: Vec<_> = servers
        .iter()
        .map(|server| {
            let server = server.to_string();
            AbortOnDrop(tokio::spawn(async move { deploy::roll_out(&server).await }))
        })
        .collect();
    futures::future::try_join_all(guards.into_iter().map(|guard| async move { guard.await.expect("a roll-out task panicked") }))
        .await
}
