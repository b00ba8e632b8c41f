#pragma once
// Jekyll's publishing rules: which posts a site shows. A post is a draft when
// its front matter says `published: false` or it lies in a `_drafts` folder;
// it is a future post when its date is after the run. Jekyll leaves both out
// unless asked (`--drafts`, `future: true`); idx does the same with
// --include-drafts and the site's `future` (sync.cpp: _config.yml's, idx.yaml
// over it, or --future). Pure: the caller gives the time and the site's zone
// (time_zone.hpp).

#include <cstdint>
#include <string_view>

#include "common/post.hpp"

namespace idx::indexer {

enum class Publication {
    published,
    draft,   // published: false, or under a _drafts folder
    future,  // dated after `now`
};

struct PublishingClock {
    std::int64_t now = 0;  // seconds since the Unix epoch
    // For dates that name no UTC offset: the site's time zone (Jekyll's
    // `timezone`), as minutes east of UTC. 0: UTC.
    int utc_offset_minutes = 0;
};

// True when a folder above the file is called `_drafts`.
bool in_drafts_folder(std::string_view path);

// Seconds since the epoch of `date`, in its own offset or else `default_offset_minutes`.
std::int64_t epoch_seconds(const PostDate& date, int default_offset_minutes);

// What Jekyll would make of a parsed post (post.draft holds `published: false`).
Publication publication(const Post& post, const PublishingClock& clock);

}  // namespace idx::indexer
