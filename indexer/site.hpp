#pragma once
// A Jekyll site as the pure parsers see it: where its posts are and its
// settings. site_finder.hpp finds one on disk.

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

}  // namespace idx::indexer
