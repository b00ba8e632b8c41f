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

// How an answer names the members of a set: as given (the CLI), or, for
// readers of the HTTP API, without the server's folders (a local member by
// its folder's last name; a remote one as tcp:HOST:PORT).
enum class MemberNames { as_given, public_names };
std::string member_name(const DatabaseSpec& member, MemberNames names);

// A partial answer (SearchResult::missing) adds "partial": true and
// "missing_shards"; a whole one has neither.
nlohmann::json search_json(const query::SearchResult& result, MemberNames names = MemberNames::as_given);
// idx facets: counts only
nlohmann::json facets_json(const query::SearchResult& result, MemberNames names = MemberNames::as_given);
nlohmann::json error_json(const std::string& query, const std::string& message);
nlohmann::json stats_json(const query::IndexStats& stats);
// The HTTP API's answers (docs/serve.md). Its stats leave out what names
// the server's files: the database folder, the roots and the failures' paths.
nlohmann::json public_stats_json(const query::IndexStats& stats);
// `revision` is left out for a set of databases, or a remote one: it has none.
nlohmann::json health_json(const query::IndexSnapshot& snapshot);
nlohmann::json api_error_json(const std::string& code, const std::string& message);
nlohmann::json add_json(const indexer::SyncReport& report);
nlohmann::json roots_json(const std::vector<indexer::RootInfo>& roots);

// One line of compact JSON.
void print_json_line(std::ostream& out, const nlohmann::json& value);
std::string json_line(const nlohmann::json& value);  // without the newline

// HTML-escaped text with <mark>...</mark> around matches: safe in a page.
std::string snippet_html(const query::Snippet& snippet);

}  // namespace idx::cli
