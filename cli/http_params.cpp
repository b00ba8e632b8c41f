#include "cli/http_params.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <string_view>

#include "cli/search_options.hpp"
#include "common/error.hpp"

namespace idx::cli {
namespace {

constexpr std::string_view kListParams[] = {"author", "category", "tag", "lang"};
constexpr std::string_view kNumberParams[] = {"limit", "offset", "facet_limit"};
constexpr std::string_view kTextParams[] = {"sort", "match", "since", "until"};

bool among(std::string_view key, const auto& names) {
    for (const std::string_view name : names)
        if (key == name) return true;
    return false;
}

std::size_t whole_number(const std::string& key, const std::string& text) {
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        throw Error(key + " should be a whole number, not '" + text + "'");
    return value;
}

bool flag(const std::string& key, const std::string& text) {
    if (text == "1" || text == "true") return true;
    if (text == "0" || text == "false") return false;
    throw Error(key + " should be 1 or 0, not '" + text + "'");
}

// The parameters as the JSON line a batch reads, so both share one reading.
nlohmann::json as_json_request(const QueryParams& params) {
    nlohmann::json line = nlohmann::json::object();
    for (const auto& [key, value] : params) {
        const std::string field = key == "q" ? "query" : key;
        if (among(key, kListParams)) {
            line[field].push_back(value);
            continue;
        }
        if (line.contains(field)) throw Error(key + " is given more than once");
        if (key == "q" || among(key, kTextParams))
            line[field] = value;
        else if (among(key, kNumberParams))
            line[field] = whole_number(key, value);
        else if (key == "partial")
            line[field] = flag(key, value);
        else
            throw Error("unknown parameter '" + key +
                        "' (known: q, limit, offset, sort, match, author, category, tag, lang, since, until, "
                        "facet_limit, partial)");
    }
    return line;
}

}  // namespace

query::SearchRequest request_from_params(const QueryParams& params) {
    const query::SearchRequest request = request_from_json(as_json_request(params), query::SearchRequest{});
    if (request.limit > kApiResults)
        throw Error("limit can be at most " + std::to_string(kApiResults) + "; page with offset for more");
    if (request.facet_limit == 0 || request.facet_limit > kApiFacetValues)
        throw Error("facet_limit should be from 1 to " + std::to_string(kApiFacetValues));
    return request;
}

}  // namespace idx::cli
