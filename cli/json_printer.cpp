#include "cli/json_printer.hpp"

#include <ctime>
#include <filesystem>

#include "common/html_escape.hpp"
#include "common/post_date.hpp"

namespace idx::cli {
namespace {

nlohmann::json or_null(const std::string& value) {
    return value.empty() ? nlohmann::json() : nlohmann::json(value);
}

nlohmann::json hit_json(const query::Hit& hit) {
    const Post& post = hit.post;
    std::string author;
    for (const std::string& a : post.authors) author += (author.empty() ? "" : ", ") + a;
    return {
        {"rank", hit.rank},           {"score", hit.score},
        {"id", or_null(post.id)},     {"path", post.path},
        {"url", or_null(post.url)},   {"title", post.title},
        {"author", or_null(author)},  {"categories", post.categories},
        {"tags", post.tags},          {"date", post.date ? nlohmann::json(to_iso8601(*post.date)) : nlohmann::json()},
        {"lang", or_null(post.lang)}, {"snippet", snippet_html(hit.snippet)}};
}

nlohmann::json facet_table_json(const query::FacetTable& facets) {
    nlohmann::json out = nlohmann::json::object();
    for (int f = 0; f < query::kFacetCount; ++f) {
        nlohmann::json values = nlohmann::json::array();
        for (const query::FacetValue& v : facets[static_cast<std::size_t>(f)])
            values.push_back({{"value", v.value}, {"count", v.count}});
        out[query::kFacetNames[static_cast<std::size_t>(f)]] = std::move(values);
    }
    return out;
}

nlohmann::json failures_json(const std::vector<FailureRecord>& failures) {
    nlohmann::json out = nlohmann::json::array();
    for (const FailureRecord& f : failures)
        out.push_back({{"path", f.path},
                       {"line", f.line > 0 ? nlohmann::json(f.line) : nlohmann::json()},
                       {"message", f.reason},
                       {"size", f.size},
                       {"mtime", utc_iso8601(static_cast<std::time_t>(f.mtime_ns / 1000000000))}});
    return out;
}

nlohmann::json run_json(const std::optional<RunRecord>& run) {
    if (!run) return nullptr;
    return {{"time", run->time},           {"added", run->added},
            {"updated", run->updated},     {"removed", run->removed},
            {"unchanged", run->unchanged}, {"skipped", run->skipped},
            {"errors", run->errors},       {"seconds", static_cast<double>(run->milliseconds) / 1000}};
}

nlohmann::json messages_json(const std::vector<indexer::FileMessage>& messages) {
    nlohmann::json out = nlohmann::json::array();
    for (const indexer::FileMessage& m : messages) {
        out.push_back({{"path", m.path},
                       {"line", m.line > 0 ? nlohmann::json(m.line) : nlohmann::json()},
                       {"message", m.message}});
    }
    return out;
}

// Additive to version 1: present only on a partial answer.
void add_missing(nlohmann::json& out, const std::vector<DatabaseSpec>& missing, MemberNames names) {
    if (missing.empty()) return;
    nlohmann::json list = nlohmann::json::array();
    for (const DatabaseSpec& member : missing) list.push_back(member_name(member, names));
    out["partial"] = true;
    out["missing_shards"] = std::move(list);
}

}  // namespace

std::string member_name(const DatabaseSpec& member, MemberNames names) {
    if (names == MemberNames::as_given || member.remote()) return member.name();
    const std::filesystem::path folder = std::filesystem::path(member.path).lexically_normal();
    const std::string last = (folder.has_filename() ? folder : folder.parent_path()).filename().string();
    return last.empty() ? "a local database" : last;
}

nlohmann::json search_json(const query::SearchResult& result, MemberNames names) {
    nlohmann::json hits = nlohmann::json::array();
    for (const query::Hit& hit : result.hits) hits.push_back(hit_json(hit));
    nlohmann::json out = {
        {"version", kJsonVersion},
        {"query", result.query},
        {"corrected_query", result.corrected_query ? nlohmann::json(*result.corrected_query) : nlohmann::json()},
        {"total", result.total},
        {"total_exact", result.total_exact},
        {"offset", result.offset},
        {"limit", result.limit},
        {"results", std::move(hits)},
    };
    out["facets"] = result.facets ? facet_table_json(*result.facets) : nlohmann::json();
    add_missing(out, result.missing, names);
    return out;
}

nlohmann::json facets_json(const query::SearchResult& result, MemberNames names) {
    nlohmann::json out = {{"version", kJsonVersion},
                          {"query", result.query},
                          {"total", result.total},
                          {"facets", result.facets ? facet_table_json(*result.facets) : nlohmann::json()}};
    add_missing(out, result.missing, names);
    return out;
}

nlohmann::json error_json(const std::string& query, const std::string& message) {
    return {{"version", kJsonVersion}, {"query", query}, {"error", message}};
}

nlohmann::json stats_json(const query::IndexStats& stats) {
    return {{"version", kJsonVersion},
            {"documents", stats.documents},
            {"database", stats.path},
            {"bytes", stats.bytes_on_disk},
            {"schema_version", stats.schema_version},
            {"language", stats.language},
            {"roots", stats.roots},
            {"spelling_words", stats.spelling_words},
            {"last_run", run_json(stats.last_run)},
            {"failures", failures_json(stats.failures)}};
}

nlohmann::json public_stats_json(const query::IndexStats& stats) {
    nlohmann::json out = stats_json(stats);
    out.erase("database");
    out.erase("roots");
    out.erase("failures");
    out["failure_count"] = stats.failures.size();
    return out;
}

nlohmann::json health_json(const query::IndexSnapshot& snapshot) {
    nlohmann::json out = {{"version", kJsonVersion}, {"status", "ok"}, {"documents", snapshot.documents}};
    if (snapshot.revision) out["revision"] = *snapshot.revision;
    add_missing(out, snapshot.missing, MemberNames::public_names);
    return out;
}

nlohmann::json api_error_json(const std::string& code, const std::string& message) {
    return {{"version", kJsonVersion}, {"error", {{"code", code}, {"message", message}}}};
}

nlohmann::json add_json(const indexer::SyncReport& r) {
    nlohmann::json warnings = messages_json(r.missing_roots);
    for (nlohmann::json& w : messages_json(r.warnings)) warnings.push_back(std::move(w));
    return {{"version", kJsonVersion},
            {"files", r.files},
            {"added", r.added},
            {"updated", r.updated},
            {"removed", r.removed},
            {"unchanged", r.unchanged},
            {"skipped", r.skipped},
            {"errors", messages_json(r.errors)},
            {"still_failing", messages_json(r.still_failing)},
            {"warnings", std::move(warnings)},
            {"reindexed_all", r.reindexed_all},
            {"documents", r.documents},
            {"seconds", r.seconds},
            {"shards", r.shards},
            {"resharded_from", r.resharded_from ? nlohmann::json(r.resharded_from) : nlohmann::json(nullptr)}};
}

nlohmann::json roots_json(const std::vector<indexer::RootInfo>& roots) {
    nlohmann::json items = nlohmann::json::array();
    for (const indexer::RootInfo& r : roots)
        items.push_back({{"path", r.path}, {"posts", r.posts}, {"exists", r.exists}});
    return {{"version", kJsonVersion}, {"roots", std::move(items)}};
}

std::string json_line(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void print_json_line(std::ostream& out, const nlohmann::json& value) {
    out << json_line(value) << "\n";
}

std::string snippet_html(const query::Snippet& snippet) {
    std::string out;
    for (const query::SnippetPart& part : snippet.parts) {
        if (part.match)
            out += "<mark>" + escape_html(part.text) + "</mark>";
        else
            out += escape_html(part.text);
    }
    return out;
}

}  // namespace idx::cli
