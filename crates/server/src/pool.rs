//! A small pool of read-only store connections, used from blocking tasks.
//!
//! SQLite connections are `Send` but not `Sync`, so each request takes one connection out of
//! the pool for the length of one blocking task and puts it back afterwards. Connections are
//! opened lazily, read-only, up to [`Pool::max`]; a request that finds the pool empty opens a
//! fresh one rather than waiting, and surplus connections are closed when returned.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use newsgraph_store::{Store, StoreError};

use crate::ApiError;

/// Read-only connections to one store file.
pub struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
    max: usize,
}

impl Pool {
    /// Opens one connection at once (so a bad path fails at start-up) and keeps up to `max`.
    pub fn open(path: &Path, max: usize) -> Result<Arc<Pool>, StoreError> {
        let first = Store::open_read_only(path)?;
        Ok(Arc::new(Pool {
            path: path.to_path_buf(),
            idle: Mutex::new(vec![first]),
            max: max.max(1),
        }))
    }

    /// The store file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn take(&self) -> Result<Store, StoreError> {
        let idle = self.idle.lock().ok().and_then(|mut v| v.pop());
        match idle {
            Some(s) => Ok(s),
            None => Store::open_read_only(&self.path),
        }
    }

    fn give_back(&self, store: Store) {
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < self.max {
                idle.push(store);
            }
        }
    }

    /// Runs `f` with a connection on the blocking thread pool.
    pub async fn run<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        let pool = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let store = pool.take().map_err(ApiError::from)?;
            let out = f(&store);
            pool.give_back(store);
            out
        })
        .await
        .map_err(|_| ApiError::internal("a query task failed"))?
    }
}
