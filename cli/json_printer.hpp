#pragma once
// The one JSON printer (docs/json.md, version 1): what --json prints for
// every command, each --queries-from answer, and what the HTTP API sends.
// Built from the libraries' typed results with nlohmann::json, never by
// hand; invalid UTF-8 cannot reach it (the indexer repaired it) but is
// replaced rather than thrown on, should an old index hold some.

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/roots.hpp"
#include "indexer/sync.hpp"
#include "query/search.hpp"
#include "query/stats.hpp"

namespace idx::cli {

inline constexpr int kJsonVersion = 1;

nlohmann::json search_json(const query::SearchResult& result);
nlohmann::json facets_json(const query::SearchResult& result);  // idx facets: counts only
nlohmann::json error_json(const std::string& query, const std::string& message);
nlohmann::json stats_json(const query::IndexStats& stats);
// The HTTP API's answers (docs/serve.md). Its stats leave out what names
// the server's files: the database folder, the roots and the failures' paths.
nlohmann::json public_stats_json(const query::IndexStats& stats);
// `revision` is left out for a set of databases, or a remote one: it has none.
nlohmann::json health_json(std::uint64_t documents, std::optional<std::uint64_t> revision);
nlohmann::json api_error_json(const std::string& code, const std::string& message);
nlohmann::json add_json(const indexer::SyncReport& report);
nlohmann::json roots_json(const std::vector<indexer::RootInfo>& roots);

// One line of compact JSON.
void print_json_line(std::ostream& out, const nlohmann::json& value);
std::string json_line(const nlohmann::json& value);  // without the newline

// HTML-escaped text with <mark>...</mark> around matches: safe in a page.
std::string snippet_html(const query::Snippet& snippet);

}  // namespace idx::cli
