#pragma once
// Reading the index for searching (common/local_database.hpp opens it). Searches keep working while `idx add`
// writes: Xapian readers see the last commit (Searcher reopens and retries
// when a newer commit overtakes it).

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

namespace idx::query {

// Which database a path names now: the device and inode of the folder and of
// its postlist table (glass writes tables in place, so both stay the same
// from commit to commit; zeros for what is missing). A long-lived reader
// compares it to notice a database deleted and made anew under the same
// name, even when the new folder reuses the old folder's inode, and a
// replica whose live copy moved (common/local_database.hpp).
struct DatabaseIdentity {
    std::uint64_t device = 0;
    std::uint64_t folder_inode = 0;
    std::uint64_t table_inode = 0;
    bool operator==(const DatabaseIdentity&) const = default;
};
DatabaseIdentity database_identity(const std::string& path);

// The language and stop words the index was built with (database metadata).
struct IndexLanguage {
    std::string language = "english";
    std::vector<std::string> stop_words;
};
IndexLanguage read_index_language(const Xapian::Database& db);

}  // namespace idx::query
