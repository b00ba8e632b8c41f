#pragma once
// The Jekyll site a folder of posts belongs to: the nearest folder at or above
// it holding `_config.yml` (else `_config.yaml`, Jekyll's order), which is what
// `jekyll build` run in that folder reads. I/O at the edge of the indexer: it
// reads that one file and hands the text to the pure parse_site_config().

#include <string>

#include "indexer/site.hpp"

namespace idx::indexer {

// `indexed_path` is an absolute folder or file (a root of `idx add`). Throws
// idx::Error when a _config.yml is found but cannot be read or parsed.
Site find_site(const std::string& indexed_path, const SiteOverrides& overrides);

}  // namespace idx::indexer
