#pragma once
// The Jekyll site a folder of posts belongs to: the nearest folder at or above
// it holding `_config.yml` (else `_config.yaml`, Jekyll's order), which is what
// `jekyll build` run in that folder reads. I/O at the edge of the indexer: it
// reads that one file and hands the text to the pure parse_site_config().

#include <string>

#include "common/site_config.hpp"

namespace idx::indexer {

struct Site {
    // The site's source folder: post paths are taken relative to it (the
    // folders above `_posts` are categories). The indexed folder itself when
    // no _config.yml was found or `jekyll_config: false`, or the folder above
    // the `_posts` (or `_drafts`) folder it is or lies in.
    std::string root;
    std::string config_file;  // the _config.yml read; "" when none
    SiteConfig config;        // _config.yml's settings with idx.yaml's `site:` over them
    // A _config.yml was read, or idx.yaml's `site:` says where posts are served
    // (url, baseurl or permalink). Otherwise only files in a `_posts` folder
    // are taken for Jekyll posts and given Jekyll's default URL.
    bool known = false;
};

// `indexed_path` is an absolute folder or file (a root of `idx add`). Throws
// idx::Error when a _config.yml is found but cannot be read or parsed.
Site find_site(const std::string& indexed_path, const SiteOverrides& overrides);

}  // namespace idx::indexer
