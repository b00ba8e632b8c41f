#pragma once
// Opening the database for writing: created on first use, refused where it
// would take over a folder that holds something else, one writer at a time,
// and every failure turned into the sentence and exit code cron needs.

#include <xapian.h>

#include <string>
#include <string_view>

#include "indexer/unique_fd.hpp"

namespace idx::indexer {

// idx's own writer lock: flock() on the database folder, held while the
// object lives. Xapian's lock lives in the file `flintlock`; deleting that
// file while a writer runs lets a second writer in (and two writers corrupt
// the database), whereas the folder cannot be swapped without making a new
// database. Throws idx::Error with ExitCode::locked when another idx holds
// it, unless `wait`, in which case it waits.
class WriterLock {
public:
    WriterLock(const std::string& folder, bool wait);

private:
    UniqueFd m_fd;  // closing the last descriptor releases the flock
};

// A database open for writing and the lock that keeps other idx writers out.
// The database is declared last, so it is closed before the lock goes.
struct WritableIndex {
    WriterLock lock;
    Xapian::WritableDatabase db;
};

// Whether a file named `name` belongs to a glass database folder (a first
// run killed early may have written only some of them): anything else in
// the folder means the folder is not ours.
bool is_database_file(std::string_view name);

// Makes every writer opened after it keep the changesets of its last `count`
// commits in the database folder (0: none), so that xapian-replicate copies
// only what changed since the replica's revision. Xapian 1.4 reads this
// setting from the environment (XAPIAN_MAX_CHANGESETS) when a writer opens;
// this sets it for the process.
void keep_changesets(unsigned count);

// Opens (creating when needed) the database at `path` for writing. Throws
// idx::Error: ExitCode::usage when `path` is empty or names a file or a
// non-empty folder that is not a database (`--db /`, `--db ~`); ExitCode::locked
// when another writer holds it (unless `wait_for_lock`: then it waits);
// ExitCode::io, with Xapian's or the system's reason, when it cannot be
// created, opened or locked (permissions, a damaged database).
WritableIndex open_for_writing(const std::string& path, bool wait_for_lock);

}  // namespace idx::indexer
