#pragma once
// The options `idx search` and `idx facets` share, and how they fill a
// SearchRequest (from the command line, or from one JSON line in batch mode).

#include <nlohmann/json.hpp>

#include "cli/options.hpp"
#include "query/search_request.hpp"

namespace idx::cli {

// The query words (positional), the filters and the database location.
void add_query_options(cxxopts::Options& options);

// Fills the request's query (the positional words), filters, match mode,
// paging and facet limit from the command line.
query::SearchRequest request_from_args(const cxxopts::ParseResult& args);

// A batch line that is a JSON object: {"query": "...", "limit": 5, "category": ["x"], ...}.
// Fields it leaves out keep the values of `defaults`. Throws idx::Error on a bad field.
query::SearchRequest request_from_json(const nlohmann::json& line, const query::SearchRequest& defaults);

}  // namespace idx::cli
