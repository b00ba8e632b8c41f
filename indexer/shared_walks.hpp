#pragma once
// The walks of one sharded run's roots, made once and read by every shard:
// each shard's sync (indexer/sync.hpp) plans over all the files under its
// roots and keeps those its shard holds. Walked by each shard on its own, an
// unchanged rerun of 100,000 posts in 4 shards listed and stat()ed every file
// four times (1.66 s against one database's 0.98 s).

#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "indexer/file_walker.hpp"

namespace idx::indexer {

class SharedWalks {
public:
    explicit SharedWalks(WalkOptions options) : m_options(options) {}

    // The walk of `root`: the first caller walks it, later callers (on any
    // thread) wait for that walk and share its result. A walk that throws
    // throws for every caller.
    std::shared_ptr<const WalkResult> walk(const std::string& root);

private:
    WalkOptions m_options;
    std::mutex m_mutex;
    std::map<std::string, std::shared_future<std::shared_ptr<const WalkResult>>> m_walks;
};

}  // namespace idx::indexer
