//! Work spread over a few threads: `verify --jobs` and `grade --jobs`.

use anyhow::Result;

/// Runs `work` on every item, `jobs` at a time, and hands each result to `done` on
/// the calling thread as soon as it is ready (to print it, say). Returns what `done`
/// made of each result, in the order of `items`. An error from `done` stops handing
/// out work and is returned once the running items have finished.
pub fn each<T, R, K>(
    items: &[T],
    jobs: usize,
    work: impl Fn(&T) -> R + Sync,
    mut done: impl FnMut(usize, R) -> Result<K>,
) -> Result<Vec<K>>
where
    T: Sync,
    R: Send,
{
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (sender, finished) = std::sync::mpsc::channel::<(usize, R)>();
    let mut kept: Vec<Option<K>> = (0..items.len()).map(|_| None).collect();
    std::thread::scope(|scope| -> Result<()> {
        for _ in 0..jobs.max(1) {
            let (sender, next, work) = (sender.clone(), &next, &work);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some(item) = items.get(i) else { break };
                    if sender.send((i, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        for (i, result) in finished {
            match done(i, result) {
                Ok(value) => kept[i] = Some(value),
                Err(error) => {
                    // No more work: the workers stop at their next item.
                    next.store(items.len(), std::sync::atomic::Ordering::SeqCst);
                    return Err(error);
                }
            }
        }
        Ok(())
    })?;
    Ok(kept.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_come_back_in_the_order_of_the_items() {
        let items: Vec<u32> = (0..20).collect();
        let mut seen = Vec::new();
        let doubled = super::each(
            &items,
            3,
            |n| n * 2,
            |i, r| {
                seen.push(i);
                Ok(r)
            },
        )
        .unwrap();
        assert_eq!(doubled, (0..20).map(|n| n * 2).collect::<Vec<_>>());
        seen.sort();
        assert_eq!(seen, (0..20).collect::<Vec<usize>>());
    }

    #[test]
    fn an_error_from_done_is_returned() {
        let items = [1, 2, 3];
        let result = super::each(&items, 2, |n| *n, |_, n| if n == 2 { anyhow::bail!("two") } else { Ok(n) });
        assert_eq!(result.unwrap_err().to_string(), "two");
    }
}
