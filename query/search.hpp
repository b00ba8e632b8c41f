#pragma once
// A search: query in, ranked hits with snippets, exact facet counts and a
// spelling suggestion out. Results are data; cli/ prints them as text or
// JSON. One Searcher serves many searches (batch mode keeps it open).

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/post.hpp"
#include "query/facets.hpp"
#include "query/query_builder.hpp"
#include "query/search_request.hpp"
#include "query/snippet.hpp"
#include "query/spelling.hpp"

namespace idx::query {

struct Hit {
    std::size_t rank = 0;  // 1-based, counting from offset 0
    double score = 0;
    Post post;  // text cleared: the snippet holds what is shown
    Snippet snippet;
};

struct SearchResult {
    std::string query;
    std::optional<std::string> corrected_query;
    Xapian::doccount total = 0;  // matches; exact when total_exact
    bool total_exact = true;
    std::size_t offset = 0;
    std::size_t limit = 0;
    std::vector<Hit> hits;
    std::optional<FacetTable> facets;
};

// Ranking settings. BM25 with a longer tail for term frequency than Xapian's
// default (k1 1.2 -> see docs/ranking.md for the measurements).
struct RankingSettings {
    double k1 = 1.2;
    double b = 0.5;
};

class Searcher {
public:
    explicit Searcher(const std::string& db_path, RankingSettings ranking = {});

    // Throws idx::Error for a malformed query (ExitCode::usage).
    SearchResult search(const SearchRequest& request);

    const Xapian::Database& database() const { return m_db; }

private:
    SearchResult run(const SearchRequest& request);

    Xapian::Database m_db;
    RankingSettings m_ranking;
    std::unique_ptr<QueryBuilder> m_builder;
    std::unique_ptr<SpellingCorrector> m_spelling;
};

}  // namespace idx::query
