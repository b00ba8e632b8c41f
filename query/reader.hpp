#pragma once
// Opening the index for searching. Searches keep working while `idx add`
// writes: Xapian readers see the last commit (Searcher reopens and retries
// when a newer commit overtakes it).

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

namespace idx::query {

// Opens the glass database in the folder `path`, and nothing else: never a
// Xapian stub file or stub folder (which can start programs or open network
// connections). Throws idx::Error with a sentence the user can act on when
// there is no index at `path` yet (ExitCode::usage), when it is not an index
// folder (usage), or when it cannot be read (ExitCode::io, with the reason).
Xapian::Database open_for_reading(const std::string& path);

// Which database a path names now: the device and inode of the folder and of
// its postlist table (glass writes tables in place, so both stay the same
// from commit to commit; zeros for what is missing). A long-lived reader
// compares it to notice a database deleted and made anew under the same
// name, even when the new folder reuses the old folder's inode.
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
