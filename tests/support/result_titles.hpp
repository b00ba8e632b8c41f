#pragma once
// The titles of a search's JSON answer (`idx search --json`, the API's
// /api/v1/search), as the tests compare them.

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace idx::test {

using Titles = std::vector<std::string>;

// In the order ranked.
inline Titles titles(const nlohmann::json& result) {
    Titles out;
    for (const nlohmann::json& hit : result["results"]) out.push_back(hit["title"]);
    return out;
}

// Sorted, for tests of what matches rather than of its order.
inline Titles sorted_titles(const nlohmann::json& result) {
    Titles out = titles(result);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace idx::test
