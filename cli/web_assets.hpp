#pragma once
// The search page's files (cli/web/), compiled into idx by
// cmake/EmbedAssets.cmake: `idx serve` needs no files beside the binary,
// and can serve nothing else.

#include <span>
#include <string_view>

namespace idx::cli {

struct WebAsset {
    std::string_view name;          // as requested under the base path: "idx-search.js"
    std::string_view content_type;  // with its charset
    std::string_view body;
};

std::span<const WebAsset> web_assets();

}  // namespace idx::cli
