#pragma once
// Opening the database for writing: created on first use, one writer at a
// time (Xapian's own lock), and a lock held by someone else turned into the
// sentence and exit code cron needs.

#include <xapian.h>

#include <string>

namespace idx::indexer {

// Opens (creating when needed) the database at `path` for writing. When
// another writer holds it, throws idx::Error with ExitCode::locked, unless
// `wait_for_lock`, in which case it waits for the other writer to finish.
Xapian::WritableDatabase open_for_writing(const std::string& path, bool wait_for_lock);

}  // namespace idx::indexer
