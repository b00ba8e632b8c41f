#pragma once
// The posts the microbenchmarks run on: realistic inputs read once at start-up.
// From $IDX_MICRO_POSTS when set, else an even spread of the real whenitson
// posts (../shared) when present, else the project's samples in data/posts.

#include <string>
#include <vector>

#include "common/post.hpp"
#include "common/records.hpp"

namespace idx::bench {

struct InputPost {
    std::string path;
    std::string content;  // the file's bytes
    SourceRecord source;
    Post post;  // parse_post() of content: for the stages after parsing
};

// Posts that parse as posts; the first call reads them (and says from where on stderr).
const std::vector<InputPost>& input_posts();

}  // namespace idx::bench
