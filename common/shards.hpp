#pragma once
// A database folder kept as shards (`idx add --shards N`, `shards:` in
// idx.yaml): N glass databases DB/shard0 .. DB/shard{N-1} and the record
// DB/idx-shards saying N (schema::layout). Each post lives in the shard its
// path chooses, by a hash of the path's bytes written here (FNV-1a), so the
// choice is the same on every run, machine and compiler. A folder without
// the record is one database, as before shards. Readers search the shards as
// one database (common/database_set.hpp); indexer/shards.hpp writes them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/database_set.hpp"

namespace idx {

// 64-bit FNV-1a over the bytes of `bytes`.
std::uint64_t path_hash(std::string_view bytes);

// The shard, from 0 to count - 1, that holds the post at `path` (the
// canonical path the index records). count must be at least 1.
unsigned shard_of(std::string_view path, unsigned count);

// DB/shardI, and DB/idx-shards.
std::string shard_folder(const std::string& db, unsigned index);
std::string shard_record_path(const std::string& db);

// How many shards the folder `db` holds by its record; nothing when it has
// no record (one database, or none yet). Throws idx::Error naming the file
// when the record cannot be read (ExitCode::io) or is not one idx wrote
// (ExitCode::usage).
std::optional<unsigned> read_shard_count(const std::string& db);

// The database folders `db` stands for: its shards, or `db` itself.
std::vector<std::string> database_folders(const std::string& db);

// The set with every local member that is a sharded folder replaced by its
// shards, in order: what a reading command opens. Throws as read_shard_count.
DatabaseSet expand_shards(const DatabaseSet& set);

}  // namespace idx
