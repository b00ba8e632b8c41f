#pragma once
// Opening the index for searching. Searches keep working while `idx add`
// writes: Xapian readers see the last commit, and a reader overtaken by a
// newer commit (DatabaseModifiedError) reopens and tries again.

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

// Runs f() and, when the database changed under it, reopens and runs it again
// (a few times: a reindex commits every few thousand documents).
template <typename F>
auto with_reopen(Xapian::Database& db, F&& f) -> decltype(f()) {
    for (int attempt = 0;; ++attempt) {
        try {
            return f();
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt >= 5) throw;
            db.reopen();
        }
    }
}

}  // namespace idx::query
