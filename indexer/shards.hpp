#pragma once
// `idx add` on a database folder kept as shards (common/shards.hpp): the
// folder's layout made to match the number of shards asked for (a change
// rebuilds the index), then one sync (indexer/sync.hpp) per shard, all at
// once, each over the posts its shard holds, and their reports added up.

#include <optional>

#include "indexer/sync.hpp"

namespace idx::indexer {

// Syncs the folder options.db_path as `shards` databases; unset, as many as
// it holds (one for a new folder). When the folder holds another number (a
// single database counts as one), its databases are deleted first and every
// post is indexed again, from the roots given and those the old databases
// recorded (the report's resharded_from says so). The folder
// lock (WriterLock on the folder) is held throughout and every shard's lock
// is taken before any shard is written, so a locked shard stops the run
// before it changes anything. The shards' runs share options.jobs parsing
// threads and the memory bound. Throws as sync() does, and idx::Error
// (usage) for a folder that holds other files.
SyncReport sync_shards(const SyncOptions& options, std::optional<unsigned> shards);

// Adds up the reports of the shards of one run: counts summed, messages in
// path order with the repeats (a folder every shard walked) dropped.
SyncReport merge_shard_reports(std::vector<SyncReport> reports);

}  // namespace idx::indexer
