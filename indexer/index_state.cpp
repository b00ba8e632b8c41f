#include "indexer/index_state.hpp"

#include "common/schema.hpp"

namespace idx::indexer {

IndexState load_index_state(const Xapian::Database& db) {
    IndexState state;
    state.reserve(db.get_doccount());
    for (Xapian::ValueIterator it = db.valuestream_begin(schema::slot::source);
         it != db.valuestream_end(schema::slot::source); ++it) {
        auto source = decode_source(*it);
        if (!source) continue;  // written by another format: it will be reindexed
        std::string path = source->path;
        state.emplace(std::move(path), IndexedFile{it.get_docid(), std::move(*source), false});
    }
    return state;
}

bool is_under(std::string_view path, std::string_view root) {
    if (root.empty()) return false;  // an empty path names nothing, not everything
    if (path.size() < root.size() || path.compare(0, root.size(), root) != 0) return false;
    if (path.size() == root.size()) return true;
    return root.back() == '/' || path[root.size()] == '/';
}

}  // namespace idx::indexer
