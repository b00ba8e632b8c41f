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

// Removes what `paths` name from one database and commits.
RemoveReport remove_from(Xapian::WritableDatabase& db, const std::vector<std::string>& paths) {
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

// A sharded folder: every shard's lock is taken before any shard changes;
// each shard removes what it holds; a path is not indexed when no shard
// holds anything under it.
RemoveReport remove_from_shards(const std::string& db_path, const std::vector<std::string>& paths, bool wait_for_lock) {
    const WriterLock folder_lock(db_path, wait_for_lock);  // as idx add holds it over all shards
    std::vector<WritableIndex> shards;
    for (const std::string& shard : database_folders(db_path)) {
        require_index(shard);
        shards.push_back(open_for_writing(shard, wait_for_lock));
    }
    RemoveReport all;
    for (std::size_t s = 0; s < shards.size(); ++s) {
        RemoveReport one = remove_from(shards[s].db, paths);
        all.removed += one.removed;
        for (std::string& root : one.dropped_roots)
            if (std::find(all.dropped_roots.begin(), all.dropped_roots.end(), root) == all.dropped_roots.end())
                all.dropped_roots.push_back(std::move(root));
        if (s == 0)
            all.not_indexed = std::move(one.not_indexed);
        else
            std::erase_if(all.not_indexed, [&](const std::string& path) {
                return std::find(one.not_indexed.begin(), one.not_indexed.end(), path) == one.not_indexed.end();
            });
    }
    return all;
}

}  // namespace

RemoveReport remove_paths(const std::string& db_path, const std::vector<std::string>& paths, bool wait_for_lock) {
    if (read_shard_count(db_path)) return remove_from_shards(db_path, paths, wait_for_lock);
    require_index(db_path);
    WritableIndex index = open_for_writing(db_path, wait_for_lock);
    return remove_from(index.db, paths);
}

}  // namespace idx::indexer
