#pragma once
// The folders an index remembers (`idx roots`): what earlier `idx add` runs
// walked, so a plain `idx add` from cron walks them again. Listing them with
// their post counts, and forgetting one with its documents.

#include <cstdint>
#include <string>
#include <vector>

namespace idx::indexer {

struct RootInfo {
    std::string path;
    std::uint64_t posts = 0;  // documents of files under it
    bool exists = false;      // the folder (or file) is there now
};

// Throws idx::Error (ExitCode::partial) naming the path when there is no
// index there: commands that change an index must not create an empty one.
void require_index(const std::string& db_path);

// The recorded folders, sorted, with how many posts the index holds under each.
std::vector<RootInfo> list_roots(const std::string& db_path);

// The one form idx gives a path from the command line, before recording a
// folder or matching the paths an index holds (`idx add`, `idx rm`, `idx
// roots rm`): absolute, `.` and `..` folded, symbolic links resolved as far
// as the path exists (all of it for a folder that is there; the part still
// there for a file already deleted), no trailing `/`.
std::string canonical_path(const std::string& path);

// Forgets a recorded folder: removes it from the list, and the documents and
// remembered failures of files under it that no other recorded folder holds.
// Returns how many documents were removed. Throws idx::Error
// (ExitCode::partial) when the folder is not recorded.
std::size_t drop_root(const std::string& db_path, const std::string& root, bool wait_for_lock);

}  // namespace idx::indexer
