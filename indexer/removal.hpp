#pragma once
// Taking posts out of an index: `idx rm`. A post's spelling words are terms
// of its document (schema::prefix::spelling), so they leave with it, and
// "Did you mean" never suggests words of posts that are gone.

#include <xapian.h>

#include <string>
#include <vector>

namespace idx::indexer {

struct RemoveReport {
    std::size_t removed = 0;
    std::vector<std::string> not_indexed;    // paths given that no document lies under
    std::vector<std::string> dropped_roots;  // recorded folders given, now forgotten
};

// Removes the documents of the given files (or of every file under a given
// folder); a recorded folder given whole is forgotten too, so the next run
// does not bring it back. Throws idx::Error (ExitCode::partial) when there is
// no index at db_path: nothing is created.
RemoveReport remove_paths(const std::string& db_path, const std::vector<std::string>& paths, bool wait_for_lock);

}  // namespace idx::indexer
