#pragma once
// Search results for people: each hit with its title, date, author,
// categories, link and snippet; then the facets and the match count. On a
// terminal, matched words and titles are bold and months get a bar chart.

#include <ostream>

#include "query/search.hpp"

namespace idx::cli {

struct TextStyle {
    bool terminal = false;  // bold and bars
};

void print_hits(std::ostream& out, const query::SearchResult& result, const TextStyle& style);
void print_facets(std::ostream& out, const query::FacetTable& facets, const TextStyle& style);
void print_totals(std::ostream& out, const query::SearchResult& result);

}  // namespace idx::cli
