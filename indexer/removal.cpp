#include "indexer/removal.hpp"

#include <algorithm>
#include <optional>

#include "common/records.hpp"
#include "common/schema.hpp"
#include "common/shards.hpp"
#include "indexer/database.hpp"
#include "indexer/index_state.hpp"
#include "indexer/roots.hpp"

namespace idx::indexer {

namespace {

// A sharded folder: each shard removes what it holds; a path is not indexed
// when no shard holds anything under it.
RemoveReport remove_from_shards(const std::string& db_path, const std::vector<std::string>& paths, bool wait_for_lock) {
    const WriterLock folder_lock(db_path, wait_for_lock);  // as idx add holds it over all shards
    RemoveReport all;
    bool first = true;
    for (const std::string& shard : database_folders(db_path)) {
        RemoveReport one = remove_paths(shard, paths, wait_for_lock);
        all.removed += one.removed;
        for (std::string& root : one.dropped_roots)
            if (std::find(all.dropped_roots.begin(), all.dropped_roots.end(), root) == all.dropped_roots.end())
                all.dropped_roots.push_back(std::move(root));
        if (first)
            all.not_indexed = std::move(one.not_indexed);
        else
            std::erase_if(all.not_indexed, [&](const std::string& path) {
                return std::find(one.not_indexed.begin(), one.not_indexed.end(), path) == one.not_indexed.end();
            });
        first = false;
    }
    return all;
}

}  // namespace

RemoveReport remove_paths(const std::string& db_path, const std::vector<std::string>& paths, bool wait_for_lock) {
    if (read_shard_count(db_path)) return remove_from_shards(db_path, paths, wait_for_lock);
    require_index(db_path);
    WritableIndex index = open_for_writing(db_path, wait_for_lock);
    Xapian::WritableDatabase& db = index.db;
    std::vector<std::string> targets;
    for (const std::string& path : paths) targets.push_back(canonical_path(path));
    RemoveReport report;
    std::vector<bool> matched(targets.size(), false);
    for (const auto& [path, indexed] : load_index_state(db)) {
        bool match = false;
        for (std::size_t i = 0; i < targets.size(); ++i) {
            if (!is_under(path, targets[i])) continue;
            matched[i] = true;
            match = true;
        }
        if (match) {
            db.delete_document(indexed.docid);
            ++report.removed;
        }
    }
    std::vector<std::string> roots = decode_roots(db.get_metadata(std::string(schema::metadata::roots)));
    for (std::size_t i = 0; i < targets.size(); ++i) {
        const auto root = std::find(roots.begin(), roots.end(), targets[i]);
        if (root != roots.end()) {
            report.dropped_roots.push_back(*root);
            roots.erase(root);
        } else if (!matched[i]) {
            report.not_indexed.push_back(paths[i]);
        }
    }
    if (!report.dropped_roots.empty()) db.set_metadata(std::string(schema::metadata::roots), encode_roots(roots));
    db.commit();
    return report;
}

}  // namespace idx::indexer
