#pragma once
// Opening the index for searching. Searches keep working while `idx add`
// writes: Xapian readers see the last commit (Searcher reopens and retries
// when a newer commit overtakes it).

#include <xapian.h>

#include <string>
#include <vector>

namespace idx::query {

// Throws idx::Error with a sentence the user can act on when there is no
// index at `path` yet or it cannot be opened.
Xapian::Database open_for_reading(const std::string& path);

// The language and stop words the index was built with (database metadata).
struct IndexLanguage {
    std::string language = "english";
    std::vector<std::string> stop_words;
};
IndexLanguage read_index_language(const Xapian::Database& db);

}  // namespace idx::query
