//! Rate-limit buckets (`cradle_server::limits`) on both stores: in memory on SQLite, in the
//! shared `rate_limits` table on PostgreSQL; the same answers from each.

mod common;

use std::time::Duration;

use cradle_server::limits::{Bucket, Limiter, Rate};

fn bucket(key: &str, per_minute: u32) -> Bucket {
    (key.to_owned(), Rate::per_minute(per_minute))
}

const T0: i64 = 1_000_000;

dual_test!(a_burst_then_one_token_per_step, |app| {
    let limiter = Limiter::for_db(&app.db);
    let (m1, m2) = ([bucket("m1", 3)], [bucket("m2", 3)]);
    for _ in 0..3 {
        assert_eq!(limiter.take(&m1, T0).await.unwrap(), Ok(()));
    }
    let refused = limiter.take(&m1, T0).await.unwrap();
    assert_eq!(refused, Err(Duration::from_secs(20)), "a token every 20 s");
    assert_eq!(limiter.take(&m2, T0).await.unwrap(), Ok(()), "keys apart");
    assert!(limiter.take(&m1, T0 + 19_000).await.unwrap().is_err());
    assert_eq!(limiter.take(&m1, T0 + 20_000).await.unwrap(), Ok(()));
    assert!(limiter.take(&m1, T0 + 20_000).await.unwrap().is_err());
    limiter.give_back(&m1).await.unwrap();
    assert_eq!(
        limiter.take(&m1, T0 + 20_000).await.unwrap(),
        Ok(()),
        "given back"
    );
});

dual_test!(a_refusal_by_one_bucket_spends_nothing_of_the_other, |app| {
    let limiter = Limiter::for_db(&app.db);
    let both = |member: &str| vec![bucket(member, 2), bucket("ip", 3)];
    assert!(limiter.take(&both("m1"), T0).await.unwrap().is_ok());
    assert!(limiter.take(&both("m1"), T0).await.unwrap().is_ok());
    // m1 is out; the address keeps its third take for another member.
    assert!(limiter.take(&both("m1"), T0).await.unwrap().is_err());
    assert!(limiter.take(&both("m2"), T0).await.unwrap().is_ok());
    // Now the address is out: m3 keeps both of its takes for later.
    assert!(limiter.take(&both("m3"), T0).await.unwrap().is_err());
    let alone = [bucket("m3", 2)];
    assert!(limiter.take(&alone, T0).await.unwrap().is_ok());
    assert!(limiter.take(&alone, T0).await.unwrap().is_ok());
    assert!(limiter.take(&alone, T0).await.unwrap().is_err());
});

dual_test!(a_burst_of_zero_turns_the_limit_off, |app| {
    let limiter = Limiter::for_db(&app.db);
    let both = [bucket("m", 0), bucket("ip", 1)];
    for _ in 0..100 {
        assert!(limiter.take(&both[..1], T0).await.unwrap().is_ok());
    }
    assert!(limiter.take(&both, T0).await.unwrap().is_ok());
    assert!(limiter.take(&both, T0).await.unwrap().is_err());
});

dual_test!(concurrent_takes_never_pass_the_burst, |app| {
    let limiter = std::sync::Arc::new(Limiter::for_db(&app.db));
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..40 {
        let limiter = limiter.clone();
        tasks.spawn(async move {
            limiter
                .take(&[bucket("hot", 10), bucket("ip", 1000)], T0)
                .await
                .unwrap()
                .is_ok()
        });
    }
    let mut allowed = 0;
    while let Some(ok) = tasks.join_next().await {
        allowed += usize::from(ok.unwrap());
    }
    assert_eq!(allowed, 10);
});
