#include "query/index_languages.hpp"

#include <algorithm>

#include "common/schema.hpp"

namespace idx::query {

std::vector<LanguageInIndex> languages_in_index(const Xapian::Database& db) {
    const std::string prefix(schema::prefix::lang);
    std::vector<LanguageInIndex> found;
    for (Xapian::TermIterator it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
        const std::string term = *it;
        // A capital after the prefix would be another prefix's term.
        if (term.size() <= prefix.size() || (term[prefix.size()] >= 'A' && term[prefix.size()] <= 'Z')) continue;
        found.push_back({term.substr(prefix.size()), it.get_termfreq()});
    }
    std::sort(found.begin(), found.end(), [](const LanguageInIndex& a, const LanguageInIndex& b) {
        return a.posts != b.posts ? a.posts > b.posts : a.code < b.code;
    });
    if (found.size() > kMaxOtherLanguages + 1) found.resize(kMaxOtherLanguages + 1);
    return found;
}

}  // namespace idx::query
