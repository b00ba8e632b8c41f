#pragma once
// An `idx add` run: make the index match the post files under some folders.
// Unchanged files (same mtime and size) are not read; files whose bytes did
// not change are not reindexed; changed and new files are parsed on every
// core and stored by one writer in batches, each batch one atomic commit, so
// a run killed at any moment keeps all it committed and the next run picks up
// from there. Files gone from disk are removed.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/config.hpp"
#include "common/records.hpp"
#include "indexer/database.hpp"
#include "indexer/file_message.hpp"

namespace idx::indexer {

class SharedWalks;

struct SyncProgress {
    std::size_t done = 0;   // files looked at so far
    std::size_t total = 0;  // files found under the roots
    double seconds = 0;
};

struct SyncOptions {
    std::string db_path;
    std::vector<std::string> roots;  // folders or files; empty: the roots of earlier runs
    IndexSettings settings;
    std::uint64_t max_file_size = kDefaultMaxFileSize;
    unsigned jobs = 0;            // parsing threads; 0: one per core
    bool prune = true;            // remove documents whose files are gone
    bool include_drafts = false;  // index drafts (published: false, _drafts/)
    bool future = false;          // index posts dated after the run in every site (Jekyll's `future: true`)
    std::string site_language;    // language of posts without `lang:` (the site's _config.yml)
    bool follow_symlinks = false;
    bool wait_for_lock = false;
    // The database is one shard of a sharded folder (common/shards.hpp): it
    // holds only the posts whose paths choose shard_index of shard_count.
    unsigned shard_count = 1;
    unsigned shard_index = 0;
    // Set by sync_shards: the shards of one run walk each root once, all of
    // them planning over that walk (null: this run walks its roots itself).
    std::shared_ptr<SharedWalks> shared_walks;
    std::size_t commit_every = 2000;  // documents per commit
    // Memory bound (docs/RELIABILITY.md): bytes of post files read and not yet
    // stored at once, and bytes of post files stored per commit (Xapian keeps a
    // batch's postings in memory until it commits).
    std::uint64_t in_flight_bytes = 16u * 1024 * 1024;
    std::uint64_t commit_bytes = 32u * 1024 * 1024;
    // ...and distinct terms per document summed over the batch: posts of
    // many distinct words cost the writer most, whatever their bytes.
    std::uint64_t commit_terms = 250'000;
    // A post file this large is stored in a transaction of its own, so that
    // running out of memory while storing it loses that post only.
    std::uint64_t alone_bytes = 1024 * 1024;
    // Called on the calling thread (by sync_shards, indexer/shards.hpp: on the
    // shards' threads, one call at a time, with the shards' sums).
    std::function<void(const SyncProgress&)> on_progress;
};

struct SyncReport {
    std::size_t files = 0;  // post files found under the roots
    std::size_t added = 0;
    std::size_t updated = 0;
    std::size_t unchanged = 0;
    std::size_t skipped = 0;  // not posts, drafts, too big
    std::size_t removed = 0;
    // Files that failed for the first time, or again after they changed
    // (each also counted in files): what cron should hear about.
    std::vector<FileMessage> errors;
    // Files that failed the same way before and did not change since: that
    // run reported them; `idx stats` lists them. Not an error of this run.
    std::vector<FileMessage> still_failing;
    // Recorded folders that are gone (moved, deleted, unmounted): their
    // documents are kept until `idx roots rm`. One warning each per run.
    std::vector<FileMessage> missing_roots;
    std::vector<FileMessage> warnings;  // indexed, but worth a look
    std::vector<FileMessage> skips;     // why each skipped file was skipped (for --verbose)
    bool reindexed_all = false;         // settings or schema changed since the last run
    std::uint64_t documents = 0;        // in the database after the run
    double seconds = 0;
    std::vector<std::string> roots;  // canonical roots this run walked
    unsigned shards = 1;             // databases the folder holds (indexer/shards.hpp)
    // Nonzero when the folder held another number of shards (1: one
    // database) and was rebuilt as `shards`.
    unsigned resharded_from = 0;
};

// Throws idx::Error for a database that cannot be opened or is locked
// (ExitCode::locked) and for a run with no roots at all. Problems with
// single files or folders are reported in the SyncReport instead.
SyncReport sync(const SyncOptions& options);
// The same on a database the caller opened (and locked) for writing.
SyncReport sync(const SyncOptions& options, WritableIndex& index);

// What `idx stats` shows of a run (schema::metadata::last_run), ended now.
RunRecord run_record(const SyncReport& report);

}  // namespace idx::indexer
