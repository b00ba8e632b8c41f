#pragma once
// What the index already holds, keyed by file path: the document id and the
// file's mtime, size and content hash when it was indexed. Read from the
// source value slot, which Xapian streams without touching the documents.

#include <xapian.h>

#include <string>
#include <unordered_map>

#include "common/records.hpp"

namespace idx::indexer {

struct IndexedFile {
    Xapian::docid docid = 0;
    SourceRecord source;
    bool seen = false;  // found on disk during this run
};

using IndexState = std::unordered_map<std::string, IndexedFile>;

IndexState load_index_state(const Xapian::Database& db);

// True when `path` is `root` itself or lies under it, component-wise
// (`posts/sub` holds `posts/sub/a.md`, not `posts/subway.md`). An empty
// `root` holds nothing.
bool is_under(std::string_view path, std::string_view root);

}  // namespace idx::indexer
