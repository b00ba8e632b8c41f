#pragma once
// Search results for people: each hit with its title, date, author,
// categories, link and snippet; then the facets and the match count. On a
// terminal, matched words and titles are bold (unless TERM=dumb or NO_COLOR)
// and months get a bar chart.

#include <ostream>

#include "query/search.hpp"

namespace idx::cli {

struct TextStyle {
    bool color = false;  // escape codes: bold titles and matches, dim details
    bool bars = false;   // a bar chart of months (a terminal, even a dumb one)
};

// Bars on a terminal; escape codes only there, and not when TERM is unset
// or "dumb" or NO_COLOR is set (no-color.org).
TextStyle text_style(bool stdout_terminal);

void print_hits(std::ostream& out, const query::SearchResult& result, const TextStyle& style);
void print_facets(std::ostream& out, const query::FacetTable& facets, const TextStyle& style);
void print_totals(std::ostream& out, const query::SearchResult& result);

}  // namespace idx::cli
