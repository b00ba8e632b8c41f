#include "query/index_languages.hpp"

#include <algorithm>
#include <utility>

#include "common/language.hpp"
#include "common/schema.hpp"

namespace idx::query {

std::vector<std::string> languages_in_index(const Xapian::Database& db) {
    const std::string prefix(schema::prefix::lang);
    std::vector<std::pair<Xapian::doccount, std::string>> found;
    for (Xapian::TermIterator it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
        const std::string term = *it;
        // A capital after the prefix would be another prefix's term.
        if (term.size() <= prefix.size() || (term[prefix.size()] >= 'A' && term[prefix.size()] <= 'Z')) continue;
        found.emplace_back(it.get_termfreq(), term.substr(prefix.size()));
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::vector<std::string> codes;
    for (auto& [posts, code] : found) {
        if (codes.size() > kMaxOtherLanguages) break;
        codes.push_back(std::move(code));
    }
    return codes;
}

Xapian::Stem stemmer_for(const std::string& code) {
    return snowball_stemmer(resolve_language(code).value_or(Language{}).stemmer);
}

}  // namespace idx::query
