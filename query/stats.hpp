#pragma once
// What `idx stats` shows about an index.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/database_set.hpp"
#include "common/records.hpp"

namespace idx::query {

struct IndexStats {
    std::string path;
    std::uint64_t documents = 0;
    std::uint64_t bytes_on_disk = 0;
    std::string schema_version;
    std::string language;
    std::vector<std::string> roots;
    std::optional<RunRecord> last_run;  // none before the first `idx add` (or from an older idx)
    std::uint64_t spelling_words = 0;
    std::vector<FailureRecord> failures;  // post files that failed in the last run that saw them
};

// A sharded folder of the set is read as its shards as they are now. A
// set's documents and spelling words are the whole set's; its bytes on disk
// are its local folders'; its roots and failing posts those of all its
// databases; the rest (the record of runs, language) is its first
// database's: for a sharded folder, the whole last run (idx add records it in
// every shard).
IndexStats read_stats(const DatabaseSet& named);
IndexStats read_stats(const std::string& db_path);

}  // namespace idx::query
