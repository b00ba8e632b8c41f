#pragma once
// Taking posts out of an index (`idx rm`, `idx roots rm`, and the documents
// of files gone from disk in `idx add`): a document leaves together with
// its title's words in the spelling table, or "Did you mean" would keep
// suggesting words of posts that are gone.

#include <xapian.h>

#include <string>
#include <vector>

#include "indexer/spelling_words.hpp"

namespace idx::indexer {

// The spelling words of the title a stored document has (none when the
// document is not there).
std::vector<std::string> stored_title_words(const Xapian::Database& db, Xapian::docid docid, SpellingWords& words);
void remove_spelling(Xapian::WritableDatabase& db, const std::vector<std::string>& words);
// Deletes the document and its title's spelling words.
void delete_post(Xapian::WritableDatabase& db, Xapian::docid docid, SpellingWords& words);

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
