#pragma once
// Search results as JSON, version 1 (docs/json.md). Built with nlohmann::json,
// never by hand; invalid UTF-8 cannot reach it (the indexer repaired it) but
// is replaced rather than thrown on, should an old index hold some.

#include <nlohmann/json.hpp>

#include <string>

#include "query/search.hpp"

namespace idx::cli {

inline constexpr int kJsonVersion = 1;

nlohmann::json result_json(const query::SearchResult& result);
nlohmann::json facets_json(const query::FacetTable& facets);
nlohmann::json error_json(const std::string& query, const std::string& message);

// One line of compact JSON.
std::string dump_line(const nlohmann::json& value);

}  // namespace idx::cli
