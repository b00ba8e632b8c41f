#pragma once
// An HTTP API request's query string as a SearchRequest: the same fields and
// checks as a --queries-from JSON line (cli/search_options.hpp), with the
// API's own bounds on top. Pure: tested without a server.

#include <cstddef>
#include <map>
#include <string>

#include "query/search_request.hpp"

namespace idx::cli {

// The bounds a public endpoint adds to query/limits.hpp.
inline constexpr std::size_t kApiResults = 100;       // limit=
inline constexpr std::size_t kApiFacetValues = 1000;  // facet_limit= (0, "all", is refused)

// The decoded parameters, as cpp-httplib's Params holds them.
using QueryParams = std::multimap<std::string, std::string>;

// q, limit, offset, sort, match, since, until, facet_limit, partial (0/1,
// true/false) once each; author, category, tag, lang repeatable. Throws
// idx::Error with a sentence naming the parameter for anything else.
query::SearchRequest request_from_params(const QueryParams& params);

}  // namespace idx::cli
