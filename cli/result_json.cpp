#include "cli/result_json.hpp"

#include "common/post_date.hpp"

namespace idx::cli {
namespace {

nlohmann::json or_null(const std::string& value) { return value.empty() ? nlohmann::json() : nlohmann::json(value); }

nlohmann::json hit_json(const query::Hit& hit) {
    const Post& post = hit.post;
    std::string author;
    for (const std::string& a : post.authors) author += (author.empty() ? "" : ", ") + a;
    return {{"rank", hit.rank},
            {"score", hit.score},
            {"id", or_null(post.id)},
            {"path", post.path},
            {"url", or_null(post.url)},
            {"title", post.title},
            {"author", or_null(author)},
            {"categories", post.categories},
            {"tags", post.tags},
            {"date", post.date ? nlohmann::json(to_iso8601(*post.date)) : nlohmann::json()},
            {"lang", or_null(post.lang)},
            {"snippet", query::snippet_html(hit.snippet)}};
}

}  // namespace

nlohmann::json facets_json(const query::FacetTable& facets) {
    nlohmann::json out = nlohmann::json::object();
    for (int f = 0; f < query::kFacetCount; ++f) {
        nlohmann::json values = nlohmann::json::array();
        for (const query::FacetValue& v : facets[static_cast<std::size_t>(f)])
            values.push_back({{"value", v.value}, {"count", v.count}});
        out[query::kFacetNames[static_cast<std::size_t>(f)]] = std::move(values);
    }
    return out;
}

nlohmann::json result_json(const query::SearchResult& result) {
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
    out["facets"] = result.facets ? facets_json(*result.facets) : nlohmann::json();
    return out;
}

nlohmann::json error_json(const std::string& query, const std::string& message) {
    return {{"version", kJsonVersion}, {"query", query}, {"error", message}};
}

std::string dump_line(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace idx::cli
