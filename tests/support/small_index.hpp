#pragma once
// A small index of posts for the query tests and the query fuzz target, in
// a fresh temporary folder: stored as `idx add` stores posts (indexer/sync.cpp)
// minus the files: each built by the real DocumentBuilder, replacing the
// document of its unique term, with its spelling words, and the index's
// language and stop words in its metadata. A query is right when it finds
// what the indexer wrote.

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/config.hpp"
#include "common/post.hpp"
#include "indexer/document_builder.hpp"
#include "tests/support/temp_dir.hpp"

namespace idx::test {

class SmallIndex {
public:
    explicit SmallIndex(std::string_view tag = "idx-small-index", const IndexSettings& settings = {});

    // Adds `post`; its source record names only its path (size, mtime and
    // hash are not what a query test reads).
    Xapian::docid add(const Post& post);
    // Adds `post` with `name` as its document data, for tests that read the
    // name back (names_matching) rather than the post.
    Xapian::docid add_named(const Post& post, const std::string& name);
    // Makes what was added visible to readers of path().
    void commit() { m_db.commit(); }

    Xapian::WritableDatabase& db() { return m_db; }
    const Xapian::WritableDatabase& db() const { return m_db; }
    std::string path() const { return (m_dir.path() / "db").string(); }

    // The names (document data) of the documents `query` matches, sorted.
    std::vector<std::string> names_matching(const Xapian::Query& query) const;

private:
    Xapian::docid add_built(indexer::BuiltDocument built);

    TempDir m_dir;
    IndexSettings m_settings;
    indexer::DocumentBuilder m_builder{m_settings};
    Xapian::WritableDatabase m_db;
};

}  // namespace idx::test
